/**
 * The training section of the benchmark, on one game, the standard GAN + R1 (generated/gan-r1.ts),
 * against the hand-written code of training-reference.ts:
 *   1. a stability map: the spectral radius of the simultaneous and alternating update maps at
 *      the equilibrium over a 512 x 512 grid of (gamma, h), with the generated
 *      spectralRadius(method, { h }, { gamma }) (which checks its input and returns through
 *      updateEigenvalues) and with the closed form by hand;
 *   2. 10^6 steps of each method from a start near the equilibrium: the generated step function
 *      in a loop, the same method as a hand-written loop, and the generated trajectory(), which
 *      also checks its input, tests every iterate for finiteness and distance, and records the path.
 * Each candidate is its own function with its own loop and call site. Every comparison is
 * checked: the maps must agree to MAP_AGREEMENT (of max(1, rho)) at every point, and the final iterates
 * of the three runs of a method to STEP_AGREEMENT relative, or the run stops.
 */
import * as ganR1 from '../generated/gan-r1.js';
import type { Method, Schedule } from '../generated/gan-r1.js';
import { timeRuns } from './timing.js';
import type { RunTime } from './timing.js';
import { alternatingLoop, extragradientLoop, optimisticLoop, simultaneousLoop, spectralRadiusAlternating, spectralRadiusSimultaneous } from './training-reference.js';
import type { Loop } from './training-reference.js';

export const GAME = 'gan-r1';

// ---------------------------------------------------------------------------------------------
// Stability map

export const MAP_SIZE = 512;
/** gamma over gan-r1's declared range, h over three decades across the stability bounds (1.2 and 2.98 at gamma = 0.3); both log-spaced. */
export const GAMMA_RANGE = [0.05, 10] as const;
export const H_RANGE = [0.01, 10] as const;
/**
 * Agreement of the maps: |difference| / max(1, |rho|), relative above 1 and absolute below. rho
 * is compared with 1; where it is near 0 (det M = 1 - gamma h near 0) its relative error is
 * of order 1e-16 / rho^2 in both the generated and the hand-written form (at (0.4996, 2.0016),
 * rho = 0.0041, both are off by 1e-11 relative from a 60-digit evaluation).
 */
const MAP_AGREEMENT = 1e-12;

const logSpaced = (n: number, [low, high]: readonly [number, number]): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => low * (high / low) ** (i / (n - 1)));

/** A map: fills out[i * hs.length + j] with rho(gammas[i], hs[j]); returns one entry, kept. */
type MapRun = (gammas: Float64Array, hs: Float64Array, out: Float64Array) => number;

// One function per candidate, so that each call site sees one callee.
function generatedSimultaneousMap(gammas: Float64Array, hs: Float64Array, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < gammas.length; i++) {
    const p = { gamma: gammas[i]! };
    for (let j = 0; j < hs.length; j++) out[k++] = ganR1.spectralRadius('simultaneous', { h: hs[j]! }, p);
  }
  return out[k >> 1]!;
}

function generatedAlternatingMap(gammas: Float64Array, hs: Float64Array, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < gammas.length; i++) {
    const p = { gamma: gammas[i]! };
    for (let j = 0; j < hs.length; j++) out[k++] = ganR1.spectralRadius('alternating', { h: hs[j]! }, p);
  }
  return out[k >> 1]!;
}

function handSimultaneousMap(gammas: Float64Array, hs: Float64Array, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < gammas.length; i++) {
    const gamma = gammas[i]!;
    for (let j = 0; j < hs.length; j++) out[k++] = spectralRadiusSimultaneous(gamma, hs[j]!);
  }
  return out[k >> 1]!;
}

function handAlternatingMap(gammas: Float64Array, hs: Float64Array, out: Float64Array): number {
  let k = 0;
  for (let i = 0; i < gammas.length; i++) {
    const gamma = gammas[i]!;
    for (let j = 0; j < hs.length; j++) out[k++] = spectralRadiusAlternating(gamma, hs[j]!);
  }
  return out[k >> 1]!;
}

export interface MapRow {
  readonly method: Method;
  /** Nanoseconds per point. */
  readonly generated: RunTime;
  readonly handWritten: RunTime;
  /** Largest |generated - hand-written| / max(1, |generated|, |hand-written|) over the grid. */
  readonly worstDifference: number;
  /** Points with rho < 1, by the generated map, and points where the two maps disagree on rho < 1. */
  readonly stable: number;
  readonly verdictsDiffer: number;
}

const MAP_CANDIDATES: readonly { readonly method: Method; readonly generated: MapRun; readonly handWritten: MapRun }[] = [
  { method: 'simultaneous', generated: generatedSimultaneousMap, handWritten: handSimultaneousMap },
  { method: 'alternating', generated: generatedAlternatingMap, handWritten: handAlternatingMap },
];

const perPoint = (t: RunTime, reps: number): RunTime => ({ median: (t.median * 1e6) / (reps * MAP_SIZE * MAP_SIZE), spread: t.spread });

/** Times both maps of both methods, then compares them point by point. */
export function stabilityMaps(rounds: number): MapRow[] {
  const gammas = logSpaced(MAP_SIZE, GAMMA_RANGE);
  const hs = logSpaced(MAP_SIZE, H_RANGE);
  return MAP_CANDIDATES.map(({ method, generated, handWritten }) => {
    const outGenerated = new Float64Array(MAP_SIZE * MAP_SIZE);
    const outHand = new Float64Array(MAP_SIZE * MAP_SIZE);
    // The closed form is some 50 times faster than the generated function: the hand-written run
    // repeats it so that both runs last about as long, and timer and scheduler noise weigh alike.
    const once = (run: MapRun, out: Float64Array): number => {
      run(gammas, hs, out);
      const start = performance.now();
      run(gammas, hs, out);
      return performance.now() - start;
    };
    const reps = Math.max(1, Math.round(once(generated, outGenerated) / once(handWritten, outHand)));
    const repeated = (): number => {
      let kept = 0;
      for (let r = 0; r < reps; r++) kept += handWritten(gammas, hs, outHand);
      return kept;
    };
    const [timeGenerated, timeHand] = timeRuns([() => generated(gammas, hs, outGenerated), repeated], rounds, 1);
    let worstDifference = 0;
    let stable = 0;
    let verdictsDiffer = 0;
    for (let k = 0; k < outGenerated.length; k++) {
      const a = outGenerated[k]!;
      const b = outHand[k]!;
      const difference = a === b ? 0 : Math.abs(a - b) / Math.max(1, Math.abs(a), Math.abs(b));
      if (!(difference <= MAP_AGREEMENT)) {
        const gamma = gammas[Math.floor(k / MAP_SIZE)]!;
        const h = hs[k % MAP_SIZE]!;
        throw new Error(`${GAME} ${method} spectral radius at (gamma, h) = (${gamma}, ${h}): generated ${a}, hand-written ${b} (difference ${difference.toExponential(1)} > ${MAP_AGREEMENT} of max(1, rho))`);
      }
      worstDifference = Math.max(worstDifference, difference);
      if (a < 1) stable++;
      if (a < 1 !== b < 1) verdictsDiffer++;
    }
    return { method, generated: perPoint(timeGenerated!, 1), handWritten: perPoint(timeHand!, reps), worstDifference, stable, verdictsDiffer };
  });
}

// ---------------------------------------------------------------------------------------------
// Steps

export const STEPS = 1_000_000;
/**
 * A small learning rate, as in GAN training: at h = 1e-3 every method contracts by about
 * e^(-gamma h / 2) per step, so after 10^6 steps the iterates are near 1e-65, still normal
 * numbers. (At h = 1e-2 they would reach the subnormals, where arithmetic is many times slower
 * and the timing would measure the FPU, not the code.)
 */
export const H = 1e-3;
export const START: readonly [number, number] = [0.5, 0.5];
const STEP_AGREEMENT = 1e-10;

const p = ganR1.defaults;
const schedule: Schedule = { hG: H, hD: H, nG: 1, nD: 1 };

// The generated step functions in a loop, the state in `out` as the trajectory runner keeps it.
function generatedSimultaneous(): Float64Array {
  const out = Float64Array.of(START[0], START[1]);
  for (let k = 0; k < STEPS; k++) ganR1.simultaneousStep(out[0]!, out[1]!, H, p, out);
  return out;
}

function generatedAlternating(): Float64Array {
  const out = Float64Array.of(START[0], START[1]);
  for (let k = 0; k < STEPS; k++) ganR1.alternatingStep(out[0]!, out[1]!, schedule, p, out);
  return out;
}

function generatedExtragradient(): Float64Array {
  const out = Float64Array.of(START[0], START[1]);
  for (let k = 0; k < STEPS; k++) ganR1.extragradientStep(out[0]!, out[1]!, H, p, out);
  return out;
}

function generatedOptimistic(): Float64Array {
  // theta, phi, then the previous field, at first the field at the start.
  const out = Float64Array.of(START[0], START[1], 0, 0);
  ganR1.vectorField(START[0], START[1], p, out.subarray(2));
  for (let k = 0; k < STEPS; k++) ganR1.optimisticStep(out[0]!, out[1]!, out[2]!, out[3]!, H, p, out);
  return out;
}

/** tolerance 0: the default (1e-10) would end the run as converged after about 1.5e5 steps. */
function generatedTrajectory(method: Method): Float64Array {
  const options = method === 'alternating' ? { steps: STEPS, schedule, tolerance: 0 } : { steps: STEPS, h: H, tolerance: 0 };
  const run = ganR1.trajectory(method, START, options, p);
  if (run.status !== 'running' || run.steps !== STEPS) throw new Error(`${GAME} trajectory('${method}') ended after ${run.steps} of ${STEPS} steps: ${run.message}`);
  return run.path.subarray(2 * STEPS, 2 * STEPS + 2);
}

const handWritten = (loop: Loop) => (): Float64Array => loop(START[0], START[1], H, p.gamma, STEPS, new Float64Array(2));

const STEP_CANDIDATES: readonly { readonly method: Method; readonly generated: () => Float64Array; readonly handWritten: () => Float64Array }[] = [
  { method: 'simultaneous', generated: generatedSimultaneous, handWritten: handWritten(simultaneousLoop) },
  { method: 'alternating', generated: generatedAlternating, handWritten: handWritten(alternatingLoop) },
  { method: 'extragradient', generated: generatedExtragradient, handWritten: handWritten(extragradientLoop) },
  { method: 'optimistic', generated: generatedOptimistic, handWritten: handWritten(optimisticLoop) },
];

export interface StepRow {
  readonly method: Method;
  /** Nanoseconds per step. */
  readonly generated: RunTime;
  readonly handWritten: RunTime;
  readonly trajectory: RunTime;
  /** Largest relative difference (|difference| / |point|) between the final points of the three runs. */
  readonly worstDifference: number;
  /** Distance of the final point to the equilibrium. */
  readonly finalDistance: number;
}

const perStep = (t: RunTime): RunTime => ({ median: (t.median * 1e6) / STEPS, spread: t.spread });

/** Times the three runs of each method, then compares their final points. */
export function stepRuns(rounds: number): StepRow[] {
  return STEP_CANDIDATES.map(({ method, generated, handWritten: hand }) => {
    const last: Float64Array[] = [];
    const keep = (i: number, run: () => Float64Array) => (): number => {
      const point = run();
      last[i] = point;
      return point[0]! + point[1]!;
    };
    const [timeGenerated, timeHand, timeTrajectory] = timeRuns([keep(0, generated), keep(1, hand), keep(2, () => generatedTrajectory(method))], rounds, 1);
    const [a, b, c] = last as [Float64Array, Float64Array, Float64Array];
    const distance = (x: Float64Array, y: Float64Array): number => Math.hypot(x[0]! - y[0]!, x[1]! - y[1]!);
    const size = Math.max(Math.hypot(a[0]!, a[1]!), Math.hypot(b[0]!, b[1]!));
    const worstDifference = Math.max(distance(a, b), distance(a, c)) / size;
    if (!(worstDifference <= STEP_AGREEMENT) || !(size > 0)) {
      throw new Error(`${GAME} ${method}: after ${STEPS} steps generated (${a[0]}, ${a[1]}), hand-written (${b[0]}, ${b[1]}), trajectory (${c[0]}, ${c[1]}) differ by ${worstDifference.toExponential(1)} relative (> ${STEP_AGREEMENT})`);
    }
    return { method, generated: perStep(timeGenerated!), handWritten: perStep(timeHand!), trajectory: perStep(timeTrajectory!), worstDifference, finalDistance: size };
  });
}
