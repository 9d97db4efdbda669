/**
 * What the compiled training methods of generated/methods.ts share: the game they step (any
 * game module: its unchecked field and Jacobian), their state (x, then each memory, one
 * point each, in one Float64Array), and, at an equilibrium, the eigenvalues and spectral radius
 * of each method's update map and its largest stable learning rate, from the map's closed form
 * M(J) = I + N(J) (the generator's linearisation of the method's rule, printed).
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import { searchStabilityBound } from './bound.js';
import { stableFlow2 } from './linear.js';
import type { SearchedBound } from './bound.js';
import { portablePower, powerOfTen } from './portable.js';

/** Each player's learning rate: h_G the generator's, h_D the discriminator's (one rate h: both h). */
export interface PlayerRates {
  readonly hG: number;
  readonly hD: number;
}

/** What a method's step needs of a game: any game module of generated/ is one. */
export interface GameDynamics<P> {
  vectorFieldUnchecked(theta: number, phi: number, p: P, out: Float64Array): Float64Array;
  jacobianUnchecked(theta: number, phi: number, p: P, out: Float64Array): Float64Array;
  /** The game's hyperparameters when p is left out (none when f is abstract). */
  readonly defaults?: P;
}

/**
 * One step of a method: the next state from `state` (x, then each memory, a point each), written
 * into `out` (by default `state` itself: every read comes before the first write). Unchecked:
 * a fast path, with no clipping (a game's constraints are not applied).
 */
export type MethodStep<H> = <P>(game: GameDynamics<P>, state: Float64Array, rates: PlayerRates, hyperparameters?: H, p?: P, out?: Float64Array) => Float64Array;

/**
 * N = M - I, the update map's Jacobian M at an equilibrium where the field's Jacobian is j
 * (row-major) less the identity, row-major into out. N rather than M: its entries are small
 * where h is, and M's eigenvalues are 1 + those of N, so no digit is lost to 1 + small.
 */
export type UpdateIncrement<H> = (j: ArrayLike<number>, rates: PlayerRates, hyperparameters: H, out: Float64Array) => Float64Array;

export type MethodVariant = 'simultaneous' | 'alternating';

/** A compiled method: its state's layout, its hyperparameters' defaults, its steps and, where its
 * update is differentiable at an equilibrium, the update map's Jacobian there. */
export interface CompiledMethod<H> {
  readonly id: string;
  /** The state's parts in order: 'x', then the memory. */
  readonly parts: readonly string[];
  /** Where each part starts: at x (undefined), or at this number in every coordinate (Adam's moments). */
  readonly start: readonly (number | undefined)[];
  readonly defaults: H;
  readonly steps: Readonly<Record<MethodVariant, MethodStep<H>>>;
  /** Absent where the update is not differentiable at an equilibrium (Adam, RMSProp). */
  readonly updateIncrement?: Readonly<Record<MethodVariant, UpdateIncrement<H>>>;
}

/** The number of parameters of the games the methods are compiled for (theta, phi). */
const PARAMETERS = 2;

/** The state a run starts from at the point x: x, then each memory where the method starts it. */
export function startState<H>(method: CompiledMethod<H>, x: readonly number[]): Float64Array {
  const state = new Float64Array(method.parts.length * PARAMETERS);
  method.start.forEach((start, part) => {
    for (let i = 0; i < PARAMETERS; i++) state[part * PARAMETERS + i] = start ?? x[i]!;
  });
  return state;
}

/**
 * The characteristic polynomial det(mu I - M) of an n x n matrix (row-major), coefficients c[k]
 * of mu^k, c[n] = 1, by the Faddeev-LeVerrier recursion: exact in exact arithmetic, and for the
 * small maps here (n <= 8) as accurate as the entries.
 */
export function characteristicCoefficients(m: ArrayLike<number>, n: number): number[] {
  const c = new Array<number>(n + 1).fill(0);
  c[n] = 1;
  let previous = new Float64Array(n * n);
  for (let k = 1; k <= n; k++) {
    // N_k = M N_{k-1} + c_{n-k+1} I, c_{n-k} = -tr(M N_k) / k.
    const next = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = i === j ? c[n - k + 1]! : 0;
        for (let l = 0; l < n; l++) sum += m[i * n + l]! * previous[l * n + j]!;
        next[i * n + j] = sum;
      }
    }
    let trace = 0;
    for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) trace += m[i * n + l]! * next[l * n + i]!;
    c[n - k] = -trace / k;
    previous = next;
  }
  return c;
}

/**
 * The roots of the polynomial with coefficients c (c[k] of z^k, c[n] != 0), by the
 * Aberth-Ehrlich iteration (all roots at once, cubically convergent for simple roots):
 * real and imaginary parts.
 */
export function polynomialRoots(c: readonly number[]): { re: number[]; im: number[] } {
  const n = c.length - 1;
  const re = new Array<number>(n);
  const im = new Array<number>(n);
  // Fujiwara's bound on the roots' moduli: start on a circle of that radius, off the axes.
  let bound = 0;
  for (let k = 1; k <= n; k++) bound = Math.max(bound, portablePower(Math.abs(c[n - k]! / c[n]!), 1 / k));
  bound = 2 * bound || 1;
  for (let k = 0; k < n; k++) [re[k], im[k]] = [bound * Math.cos((2 * Math.PI * k) / n + 0.4), bound * Math.sin((2 * Math.PI * k) / n + 0.4)];
  for (let iteration = 0; iteration < 500; iteration++) {
    let moved = 0;
    for (let k = 0; k < n; k++) {
      const [x, y] = [re[k]!, im[k]!];
      // p(z) and p'(z) by Horner's rule in complex arithmetic.
      let [pr, pi, dr, di] = [c[n]!, 0, 0, 0];
      for (let i = n - 1; i >= 0; i--) {
        [dr, di] = [dr * x - di * y + pr, dr * y + di * x + pi];
        [pr, pi] = [pr * x - pi * y + c[i]!, pr * y + pi * x];
      }
      if (pr === 0 && pi === 0) continue;
      // w = p / p', s = sum over the other roots of 1 / (z - z_j); z <- z - w / (1 - w s).
      const d = dr * dr + di * di;
      const [wr, wi] = [(pr * dr + pi * di) / d, (pi * dr - pr * di) / d];
      let [sr, si] = [0, 0];
      for (let j = 0; j < n; j++) {
        if (j === k) continue;
        const [ar, ai] = [x - re[j]!, y - im[j]!];
        const e = ar * ar + ai * ai;
        [sr, si] = [sr + ar / e, si - ai / e];
      }
      const [br, bi] = [1 - (wr * sr - wi * si), -(wr * si + wi * sr)];
      const b = br * br + bi * bi;
      const [stepR, stepI] = [(wr * br + wi * bi) / b, (wi * br - wr * bi) / b];
      if (!Number.isFinite(stepR) || !Number.isFinite(stepI)) continue;
      re[k] = x - stepR;
      im[k] = y - stepI;
      moved = Math.max(moved, Math.hypot(stepR, stepI) / (Math.hypot(x, y) || 1));
    }
    if (moved < 1e-15) break;
  }
  return { re, im };
}

/** The eigenvalues of a method's update map M = I + N at an equilibrium whose field Jacobian is j (row-major). Unchecked. */
export function methodUpdateEigenvalues<H>(method: CompiledMethod<H>, variant: MethodVariant, j: ArrayLike<number>, rates: PlayerRates, hyperparameters: H = method.defaults): { re: number[]; im: number[] } {
  const increment = method.updateIncrement?.[variant];
  if (!increment) throw new TypeError(`${method.id} has no update matrix at an equilibrium: its update is not differentiable there`);
  const n = method.parts.length * PARAMETERS;
  const { re, im } = polynomialRoots(characteristicCoefficients(increment(j, rates, hyperparameters, new Float64Array(n * n)), n));
  return { re: re.map((x) => 1 + x), im };
}

/** The spectral radius of a method's update map at an equilibrium whose field Jacobian is j
 * (row-major): below 1, the method converges there from close enough. From the eigenvalues 1 + nu
 * of N: |1 + nu|^2 = 1 + (2 Re nu + |nu|^2), with no 1 + small formed first. Unchecked. */
export function methodSpectralRadius<H>(method: CompiledMethod<H>, variant: MethodVariant, j: ArrayLike<number>, rates: PlayerRates, hyperparameters: H = method.defaults): number {
  const increment = method.updateIncrement?.[variant];
  if (!increment) throw new TypeError(`${method.id} has no update matrix at an equilibrium: its update is not differentiable there`);
  const n = method.parts.length * PARAMETERS;
  const { re, im } = polynomialRoots(characteristicCoefficients(increment(j, rates, hyperparameters, new Float64Array(n * n)), n));
  let largest = -Infinity;
  for (let k = 0; k < n; k++) largest = Math.max(largest, 2 * re[k]! + re[k]! * re[k]! + im[k]! * im[k]!);
  return Math.sqrt(1 + largest);
}

/** The rates the methods' bound search scans: 40 a decade from 1e-6 to 1e3 (a method's map
 * can be unstable on a gap narrower than the games' grid sees: lookahead's on the R1 + R2 game is
 * 0.06 decades wide). */
const METHOD_RATES: readonly number[] = Array.from({ length: 361 }, (_, i) => powerOfTen(-6 + i / 40));

/** The verdict and largest stable learning rate of a method with one rate h = h_G = h_D, by the
 * runtime's one search (bound.ts) on its spectral radius along h, on a finer grid. Where J is
 * stable and the map does not contract at 1e-6, undecided, as the records' rules say
 * (generator/methods/one-rate.ts): a method that is I + hJ to first order converges below, but a
 * method need not be one, so the search does not assume it. */
export function methodLearningRateBound<H>(method: CompiledMethod<H>, variant: MethodVariant, j: ArrayLike<number>, hyperparameters: H = method.defaults): SearchedBound {
  const rho = (h: number): number => methodSpectralRadius(method, variant, j, { hG: h, hD: h }, hyperparameters);
  if (stableFlow2(j) && rho(METHOD_RATES[0]!) >= 1) return { verdict: 'undecided', bound: undefined, closedForm: false };
  return searchStabilityBound(rho, { rates: METHOD_RATES });
}
