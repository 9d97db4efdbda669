/**
 * CPU-time measurement for one bench process. On a shared machine wall time counts the
 * time other processes hold the core; the CPU time of this process (process.cpuUsage(),
 * user + system) does not. Each candidate runs in batches of at least MIN_BATCH_MS of CPU
 * time, sized after a warm-up that lets V8 optimise it; the candidates of a group (the
 * variants of one row) run side by side, in interleaved rounds whose order rotates with
 * the round and with the process, so a slow phase of the machine hits them alike.
 *
 * Each batch loop is compiled with `new Function` from a source text that names it
 * uniquely, so that V8 sees a single callee at its call site: closures made by one factory
 * share type feedback (as do `new Function`s of equal text, which V8 caches by source),
 * and a call site shared by several evaluators stops being inlined.
 */

/** The smallest CPU time of a timed batch. */
export const MIN_BATCH_MS = 100;
/** Batches are sized for this much, so that they stay above MIN_BATCH_MS when the machine's speed drifts. */
const TARGET_BATCH_MS = 120;
const WARMUP_MS = 30;

/** CPU time of this process, all threads, user + system, in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** A timed unit: `run(reps)` does reps repetitions of some work and returns a number that is kept, so nothing is optimised away. */
export interface Candidate {
  readonly name: string;
  readonly run: (reps: number) => number;
  /** Operations (evaluations, points, steps) per repetition. */
  readonly opsPerRep: number;
}

export interface CandidateTiming {
  readonly name: string;
  /** CPU nanoseconds per operation, median over the rounds of this process. */
  readonly ns: number;
  /** CPU milliseconds of its shortest timed batch. */
  readonly shortestBatchMs: number;
}

let kept = 0;
/** The sum of every batch's result: printed, so the work is observable. */
export const checksum = (): number => kept;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Repetitions for a batch of TARGET_BATCH_MS, after running the candidate untimed for WARMUP_MS. */
function warmUp(candidate: Candidate): number {
  let reps = 1;
  const start = cpuMs();
  for (;;) {
    const before = cpuMs();
    kept += candidate.run(reps);
    const spent = cpuMs() - before;
    if (cpuMs() - start >= WARMUP_MS && spent >= 10) return Math.max(1, Math.ceil((reps * TARGET_BATCH_MS) / spent));
    if (spent < 10) reps *= 2;
  }
}

/** Times a group of candidates side by side: `rounds` batches each, interleaved, the order rotated by `rotation`. */
export function timeGroup(candidates: readonly Candidate[], rounds: number, rotation: number): CandidateTiming[] {
  const reps = candidates.map(warmUp);
  const times: number[][] = candidates.map(() => []);
  const shortest = candidates.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < candidates.length; k++) {
      const j = (k + round + rotation) % candidates.length;
      let ms = 0;
      // A batch sized during a slow phase of the warm-up (V8 not done optimising) may come out
      // short: it is resized and run again, so every recorded batch lasts MIN_BATCH_MS or more.
      for (let attempt = 0; attempt < 5; attempt++) {
        const before = cpuMs();
        kept += candidates[j]!.run(reps[j]!);
        ms = cpuMs() - before;
        if (ms >= MIN_BATCH_MS) break;
        reps[j] = Math.ceil((reps[j]! * TARGET_BATCH_MS) / Math.max(ms, 0.01));
      }
      shortest[j] = Math.min(shortest[j]!, ms);
      times[j]!.push((ms * 1e6) / (reps[j]! * candidates[j]!.opsPerRep));
    }
  }
  return candidates.map((c, j) => ({ name: c.name, ns: median(times[j]!), shortestBatchMs: shortest[j]! }));
}

let compiled = 0;

/**
 * A batch over fixed points for a (theta, phi, p, out) evaluator writing `width` numbers:
 * one pass calls it at every point and adds its outputs to the kept sum.
 */
export function pointBatch<P>(evaluate: (theta: number, phi: number, p: P, out: Float64Array) => unknown, p: P, thetas: Float64Array, phis: Float64Array, width: number): (reps: number) => number {
  const sum = Array.from({ length: width }, (_, i) => `out[${i}]`).join(' + ');
  const make = new Function('evaluate', 'p', 'thetas', 'phis', 'out', `
    return function pointBatch${compiled++}(reps) {
      let sum = 0;
      for (let r = 0; r < reps; r++) {
        for (let i = 0; i < thetas.length; i++) {
          evaluate(thetas[i], phis[i], p, out);
          sum += ${sum};
        }
      }
      return sum;
    };`) as (...args: unknown[]) => (reps: number) => number;
  return make(evaluate, p, thetas, phis, new Float64Array(width));
}

/** A batch of `reps` calls of a whole run (each a long loop of its own). */
export function repeated(run: () => number): (reps: number) => number {
  const make = new Function('run', `
    return function repeated${compiled++}(reps) {
      let sum = 0;
      for (let r = 0; r < reps; r++) sum += run();
      return sum;
    };`) as (run: () => number) => (reps: number) => number;
  return make(run);
}
