/**
 * Throughput measurement: each evaluator runs over a fixed pseudo-random set of points in a
 * loop of its own, compiled with `new Function` from a source text that names it uniquely, so
 * that V8 sees a single callee at the call site. (Closures made by one factory share type
 * feedback, and so do `new Function`s of equal text, which V8 caches by source: a call site
 * shared by several evaluators stops being inlined and slows later candidates 2-4x.) Each batch adds
 * the outputs to a sum that is returned and kept, so no work can be optimised away.
 * Variants are timed in interleaved rounds (the order rotating each round) and the median
 * batch is reported, so that drift of the machine's speed hits every variant alike.
 */
import type { Evaluators, Params } from './variants.js';

export interface Points {
  readonly thetas: Float64Array;
  readonly phis: Float64Array;
}

/** n points uniform in [-range, range]^2 from mulberry32(seed): the same set on every run. */
export function points(n: number, range: number, seed: number): Points {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const thetas = new Float64Array(n);
  const phis = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    thetas[i] = (2 * next() - 1) * range;
    phis[i] = (2 * next() - 1) * range;
  }
  return { thetas, phis };
}

/** reps passes over the points; returns the sum of every output. */
type Batch = (reps: number) => number;

let compiled = 0;

function compileBatch(evaluate: Evaluators['vectorField'], p: Params, { thetas, phis }: Points, width: number): Batch {
  const sum = Array.from({ length: width }, (_, i) => `out[${i}]`).join(' + ');
  const make = new Function('evaluate', 'p', 'thetas', 'phis', 'out', `
    return function batch${compiled++}(reps) {
      let sum = 0;
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < thetas.length; i++) {
          evaluate(thetas[i], phis[i], p, out);
          sum += ${sum};
        }
      }
      return sum;
    };`) as (...args: unknown[]) => Batch;
  return make(evaluate, p, thetas, phis, new Float64Array(width));
}

export interface Candidate {
  readonly evaluate: Evaluators['vectorField'];
  /** 2 for the vector field, 4 for the Jacobian. */
  readonly width: number;
}

export interface Rate {
  /** Million evaluations per second, median over the rounds. */
  readonly median: number;
  /** (q3 - q1) / median of the per-round rates. */
  readonly spread: number;
}

export interface TimingOptions {
  /** Time each candidate runs untimed first, so that V8 optimises it. */
  readonly warmupMs: number;
  /** Duration a timed batch is sized for. */
  readonly batchMs: number;
  readonly rounds: number;
}

let kept = 0;
/** The sum of every batch's outputs: printed, so the work is observable. */
export const checksum = (): number => kept;

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.round(q * (sorted.length - 1))]!;

/** Rates of the candidates, in their order, measured in interleaved rounds. */
export function measure(candidates: readonly Candidate[], p: Params, at: Points, options: TimingOptions): Rate[] {
  const n = at.thetas.length;
  const batches = candidates.map((c) => compileBatch(c.evaluate, p, at, c.width));
  const reps = batches.map((batch) => {
    let calls = 0;
    const start = performance.now();
    while (performance.now() - start < options.warmupMs) {
      kept += batch(1);
      calls++;
    }
    const msPerPass = (performance.now() - start) / calls;
    return Math.max(1, Math.round(options.batchMs / msPerPass));
  });
  const rates: number[][] = candidates.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (let k = 0; k < batches.length; k++) {
      const j = (k + round) % batches.length;
      const start = performance.now();
      kept += batches[j]!(reps[j]!);
      const ms = performance.now() - start;
      rates[j]!.push((reps[j]! * n) / (ms * 1e3));
    }
  }
  return rates.map((r) => {
    const sorted = [...r].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    return { median, spread: (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median };
  });
}

export interface RunTime {
  /** Milliseconds per run, median over the rounds. */
  readonly median: number;
  /** (q3 - q1) / median of the per-round times. */
  readonly spread: number;
}

/**
 * Times of whole runs (each a long loop of its own, returning a number that is kept so its
 * work is observable), in interleaved rounds with the order rotating, after `warmupRuns`
 * untimed runs of each so that V8 has optimised them.
 */
export function timeRuns(runs: readonly (() => number)[], rounds: number, warmupRuns: number): RunTime[] {
  for (let i = 0; i < warmupRuns; i++) for (const run of runs) kept += run();
  const times: number[][] = runs.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < runs.length; k++) {
      const j = (k + round) % runs.length;
      const start = performance.now();
      kept += runs[j]!();
      times[j]!.push(performance.now() - start);
    }
  }
  return times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    const median = quantile(sorted, 0.5);
    return { median, spread: (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median };
  });
}
