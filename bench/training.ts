/**
 * The training section of the benchmark, on one game, the standard GAN + R1 (generated/gan-r1.ts),
 * against the hand-written code of training-reference.ts:
 *   1. the spectral radius of the simultaneous, alternating and extragradient update maps at
 *      the equilibrium, per point of a (gamma, h) grid: the checked
 *      `spectralRadius(method, { h }, p)`, the unchecked `spectralRadiusUnchecked(method, h, p)`
 *      and `updateEigenvaluesUnchecked(method, h, p, out)`, and the bare closed form inline;
 *   2. steps of each method from a start near the equilibrium: the generated step function in
 *      a bare loop, the same method as a hand-written loop, and `trajectory()`, which also
 *      checks its input, tests every iterate and records the path.
 * The module's functions are looked up by name; a missing one is reported absent. Each
 * candidate is its own compiled loop with its own call site. `checkTraining` compares them
 * before any timing.
 */
import { lookUp, importGenerated } from './variants.js';
import type { GeneratedModule } from './variants.js';
import type { Candidate } from './cpu-timing.js';
import { repeated } from './cpu-timing.js';
import { alternatingLoop, extragradientLoop, optimisticLoop, simultaneousLoop, spectralRadiusAlternating, spectralRadiusExtragradient, spectralRadiusSimultaneous } from './training-reference.js';
import type { Loop } from './training-reference.js';

export const GAME = 'gan-r1';
export const MAP_METHODS = ['simultaneous', 'alternating', 'extragradient'] as const;
export const STEP_METHODS = ['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const;
type MapMethod = (typeof MAP_METHODS)[number];
type StepMethod = (typeof STEP_METHODS)[number];

/** gamma over gan-r1's declared range, h over three decades across the stability bounds (1.2 and 2.98 at gamma = 0.3); both log-spaced. */
export const GAMMA_RANGE = [0.05, 10] as const;
export const H_RANGE = [0.01, 10] as const;
/** The timed grid (16384 points a pass); the check runs on a finer one. */
export const MAP_SIZE = 128;
const CHECK_SIZE = 384;
/** |difference| / max(1, rho): rho near 0 (det M near 0) has a relative error of order 1e-16 / rho^2 in any form. */
const MAP_AGREEMENT = 1e-12;

const INLINE: Readonly<Record<MapMethod, (gamma: number, h: number) => number>> = {
  simultaneous: spectralRadiusSimultaneous,
  alternating: spectralRadiusAlternating,
  extragradient: spectralRadiusExtragradient,
};

const logSpaced = (n: number, [low, high]: readonly [number, number]): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => low * (high / low) ** (i / (n - 1)));

export const MAP_VARIANTS = ['spectralRadius', 'spectralRadiusUnchecked', 'updateEigenvaluesUnchecked', 'inline closed form'] as const;
export type MapVariant = (typeof MAP_VARIANTS)[number];

let compiled = 0;

/** A pass over the grid: `call` is the expression for one point, given gamma, h, p, method and out. */
function mapPass(call: string, fn: unknown, method: string, gammas: Float64Array, hs: Float64Array, out: Float64Array): () => number {
  const make = new Function('fn', 'method', 'gammas', 'hs', 'out', `
    return function mapPass${compiled++}() {
      let sum = 0;
      for (let i = 0; i < gammas.length; i++) {
        const gamma = gammas[i];
        const p = { gamma };
        for (let j = 0; j < hs.length; j++) {
          const h = hs[j];
          sum += ${call};
        }
      }
      return sum;
    };`) as (...args: unknown[]) => () => number;
  return make(fn, method, gammas, hs, out);
}

/** The pass of a variant over a grid, or undefined when the module lacks the function. */
function mapVariant(module: GeneratedModule, variant: MapVariant, method: MapMethod, gammas: Float64Array, hs: Float64Array): (() => number) | undefined {
  const out = new Float64Array(8);
  const calls: Readonly<Record<MapVariant, readonly [unknown, string]>> = {
    spectralRadius: [lookUp(module, 'spectralRadius'), 'fn(method, { h }, p)'],
    spectralRadiusUnchecked: [lookUp(module, 'spectralRadiusUnchecked'), 'fn(method, h, p)'],
    // The count of eigenvalues plus the real part of the first: the point's work is kept.
    updateEigenvaluesUnchecked: [lookUp(module, 'updateEigenvaluesUnchecked'), 'fn(method, h, p, out) + out[0]'],
    'inline closed form': [INLINE[method], 'fn(gamma, h)'],
  };
  const [fn, call] = calls[variant];
  return fn === undefined ? undefined : mapPass(call, fn, method, gammas, hs, out);
}

/** The timed groups of the spectral-radius section: one per method, one candidate per present variant. */
export async function mapGroups(): Promise<{ readonly method: MapMethod; readonly candidates: Candidate[] }[]> {
  const module = await importGenerated(GAME);
  const gammas = logSpaced(MAP_SIZE, GAMMA_RANGE);
  const hs = logSpaced(MAP_SIZE, H_RANGE);
  return MAP_METHODS.map((method) => ({
    method,
    candidates: MAP_VARIANTS.flatMap((variant) => {
      const pass = mapVariant(module, variant, method, gammas, hs);
      return pass ? [{ name: variant, run: repeated(pass), opsPerRep: MAP_SIZE * MAP_SIZE }] : [];
    }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Steps

/** Steps of a timed run; at h = 1e-3 the iterates shrink by about e^(-gamma h / 2) a step, far from the subnormals. */
export const STEPS = 100_000;
export const H = 1e-3;
export const START: readonly [number, number] = [0.5, 0.5];
const STEP_AGREEMENT = 1e-10;

export const STEP_VARIANTS = ['step in a bare loop', 'bare loop into a fresh path', 'hand-written loop', 'trajectory()', 'trajectory() into a buffer'] as const;
export type StepVariant = (typeof STEP_VARIANTS)[number];

const HAND_WRITTEN: Readonly<Record<StepMethod, Loop>> = { simultaneous: simultaneousLoop, alternating: alternatingLoop, extragradient: extragradientLoop, optimistic: optimisticLoop };

/** The step function's call in a bare loop, the state in `out` as the trajectory runner keeps it. */
const STEP_CALLS: Readonly<Record<StepMethod, readonly [string, string]>> = {
  simultaneous: ['simultaneousStep', 'step(out[0], out[1], H, p, out)'],
  alternating: ['alternatingStep', 'step(out[0], out[1], schedule, p, out)'],
  extragradient: ['extragradientStep', 'step(out[0], out[1], H, p, out)'],
  optimistic: ['optimisticStep', 'step(out[0], out[1], out[2], out[3], H, p, out)'],
};

/** A whole run of a variant, returning its final point, or undefined when the module lacks the function. */
function stepRun(module: GeneratedModule, variant: StepVariant, method: StepMethod): (() => Float64Array) | undefined {
  const p = module.defaults as { readonly gamma: number };
  if (variant === 'hand-written loop') return () => HAND_WRITTEN[method](START[0], START[1], H, p.gamma, STEPS, new Float64Array(2));
  if (variant === 'trajectory()' || variant === 'trajectory() into a buffer') {
    const trajectory = lookUp<(...args: unknown[]) => { status: string; steps: number; path: Float64Array; message?: string }>(module, 'trajectory');
    if (trajectory === undefined) return undefined;
    // tolerance 0: the default would end the run as converged before STEPS.
    const options = { steps: STEPS, h: H, tolerance: 0, ...(variant === 'trajectory() into a buffer' ? { buffer: new Float64Array(2 * (STEPS + 1)) } : {}) };
    return () => {
      const run = trajectory(method, START, options, p);
      if (run.status !== 'running' || run.steps !== STEPS) throw new Error(`${GAME} trajectory('${method}') ended after ${run.steps} of ${STEPS} steps: ${run.message}`);
      return run.path.subarray(2 * STEPS, 2 * STEPS + 2);
    };
  }
  const [name, call] = STEP_CALLS[method];
  const step = lookUp(module, name);
  const field = lookUp(module, 'vectorField');
  if (step === undefined || field === undefined) return undefined;
  // Into a fresh path: the bare loop also writes each point into a new array of 2 (STEPS + 1)
  // numbers, the memory trajectory() allocates for the path it returns.
  const record = variant === 'bare loop into a fresh path' ? ' path[2 * k + 2] = out[0]; path[2 * k + 3] = out[1];' : '';
  const make = new Function('step', 'field', 'p', 'schedule', 'START', 'H', 'STEPS', `
    return function stepLoop${compiled++}() {
      const out = Float64Array.of(START[0], START[1], 0, 0);
      const path = ${record ? 'new Float64Array(2 * (STEPS + 1))' : 'undefined'};
      field(START[0], START[1], p, out.subarray(2));
      for (let k = 0; k < STEPS; k++) { ${call};${record} }
      // The path's last point in the result, so that its stores are not dropped as dead.
      if (path) out[0] += 0 * path[2 * STEPS];
      return out.subarray(0, 2);
    };`) as (...args: unknown[]) => () => Float64Array;
  return make(step, field, p, { hG: H, hD: H, nG: 1, nD: 1 }, START, H, STEPS);
}

export async function stepGroups(): Promise<{ readonly method: StepMethod; readonly candidates: Candidate[] }[]> {
  const module = await importGenerated(GAME);
  return STEP_METHODS.map((method) => ({
    method,
    candidates: STEP_VARIANTS.flatMap((variant) => {
      const run = stepRun(module, variant, method);
      return run ? [{ name: variant, run: repeated(() => run()[0]!), opsPerRep: STEPS }] : [];
    }),
  }));
}

/**
 * Before timing: every spectral-radius variant agrees with the closed form to MAP_AGREEMENT of
 * max(1, rho) over a CHECK_SIZE^2 grid, and the final points of the step variants agree to
 * STEP_AGREEMENT relative. Throws, naming the point, otherwise; returns what it found.
 */
export async function checkTraining(): Promise<{ readonly mapWorst: number; readonly stepWorst: number }> {
  const module = await importGenerated(GAME);
  const gammas = logSpaced(CHECK_SIZE, GAMMA_RANGE);
  const hs = logSpaced(CHECK_SIZE, H_RANGE);
  let mapWorst = 0;
  for (const method of MAP_METHODS) {
    const spectralRadius = lookUp<(...args: unknown[]) => number>(module, 'spectralRadius');
    const unchecked = lookUp<(...args: unknown[]) => number>(module, 'spectralRadiusUnchecked');
    const eigenvalues = lookUp<(...args: unknown[]) => number>(module, 'updateEigenvaluesUnchecked');
    const out = new Float64Array(8);
    const variants: [string, ((gamma: number, h: number) => number) | undefined][] = [
      ['spectralRadius', spectralRadius && ((gamma, h) => spectralRadius(method, { h }, { gamma }))],
      ['spectralRadiusUnchecked', unchecked && ((gamma, h) => unchecked(method, h, { gamma }))],
      ['updateEigenvaluesUnchecked', eigenvalues && ((gamma, h) => {
        const count = eigenvalues(method, h, { gamma }, out);
        let largest = 0;
        for (let i = 0; i < count; i++) largest = Math.max(largest, Math.hypot(out[2 * i]!, out[2 * i + 1]!));
        return largest;
      })],
    ];
    for (const gamma of gammas) {
      for (const h of hs) {
        const expected = INLINE[method](gamma, h);
        for (const [name, rho] of variants) {
          if (rho === undefined) continue;
          const actual = rho(gamma, h);
          const difference = actual === expected ? 0 : Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
          if (!(difference <= MAP_AGREEMENT)) throw new Error(`${GAME} ${method} ${name} at (gamma, h) = (${gamma}, ${h}) is ${actual}, the closed form ${expected} (difference ${difference.toExponential(1)} > ${MAP_AGREEMENT} of max(1, rho))`);
          mapWorst = Math.max(mapWorst, difference);
        }
      }
    }
  }
  let stepWorst = 0;
  for (const method of STEP_METHODS) {
    const finals = STEP_VARIANTS.flatMap((variant) => {
      const run = stepRun(module, variant, method);
      return run ? [{ variant, point: Float64Array.from(run()) }] : [];
    });
    const [first, ...others] = finals;
    for (const other of others) {
      const size = Math.hypot(first!.point[0]!, first!.point[1]!);
      const difference = Math.hypot(first!.point[0]! - other.point[0]!, first!.point[1]! - other.point[1]!) / size;
      if (!(difference <= STEP_AGREEMENT)) throw new Error(`${GAME} ${method}: after ${STEPS} steps ${first!.variant} ends at (${[...first!.point].join(', ')}), ${other.variant} at (${[...other.point].join(', ')}): ${difference.toExponential(1)} relative > ${STEP_AGREEMENT}`);
      stepWorst = Math.max(stepWorst, difference);
    }
  }
  return { mapWorst, stepWorst };
}
