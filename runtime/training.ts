/**
 * The generic training API of a game, built from the small table its generated module
 * holds: what depends on the derivation (the steps with the field inlined, the Jacobian at
 * the equilibrium, the closed-form candidates of each learning-rate bound) comes from the
 * table; the checks, the trajectory loop, the update maps' eigenvalues and the bound search
 * are the same for every game and live here.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import { searchStabilityBound } from './bound.js';
import { checkedParameters } from './checked.js';
import type { ParameterTable } from './checked.js';
import { checkMethod, checkRates, checkTrajectory } from './checks.js';
import { modulus, stableFlow2, updateMapEigenvalues } from './linear.js';
import type { Eigenvalues, LearningRateBound, Method, Rates, Trajectory, TrajectoryOptions } from './methods.js';
import { runTrajectory } from './trajectory.js';
import type { Steps } from './trajectory.js';

/** What the derivation says of one method's learning-rate bound. */
export interface BoundTable<P> {
  /** The map's determinant is 1 for every h: below the bound its eigenvalues may lie on the unit circle. */
  readonly cycles: boolean;
  /** The closed-form candidates for the bound, in h, at p (the roots of the Jury boundaries); absent when there is no closed form. */
  readonly roots?: (p: P) => readonly number[];
}

/** What the derivation says at a differentiable equilibrium. */
export interface StabilityTable<P> {
  /** The Jacobian of the field at the equilibrium (0, 0), row-major into out. */
  readonly equilibriumJacobian: (p: P, out: Float64Array) => Float64Array;
  /** The spectral radius of a method's map for one learning rate h, unchecked, with J(0, 0) written out (updateMapRadius). */
  readonly spectralRadiusUnchecked: (method: Method, h: number, p: P) => number;
  readonly bounds: Readonly<Record<Method, BoundTable<P>>>;
}

/** The checked trajectory runner of a game. */
export interface TrajectoryRunner<P> {
  /**
   * Runs a training method from `start`: up to `options.steps` steps (at most MAX_STEPS) with the learning rate `options.h`, or for alternating steps `options.h` or `options.schedule`. It returns the path theta_0, phi_0, theta_1, phi_1, ... and how the run ended: `converged` (the distance to the equilibrium (0, 0) fell below `options.tolerance`, default 1e-10), `diverged` (it passed `options.divergenceBound`, default 1e6, that point in the path; or a value became NaN or infinite, that point not in it: the path holds finite numbers only) or `running` after every step. The optimistic method takes the field at the start point as its previous field, so that its first step is a simultaneous one. Every step projects onto the game's clipping constraints, if any.
   *
   * Bad input throws a TrainingInputError that names the value: an unknown method or option, a start point that is not finite, steps not an integer from 1 to MAX_STEPS (nor steps x (nG + nD) above 2 MAX_STEPS), a learning rate that is not a finite number > 0, nG or nD not a positive integer, a tolerance or divergence bound out of range, or a bad hyperparameter.
   */
  readonly trajectory: <M extends Method>(method: M, start: readonly [number, number], options: TrajectoryOptions<M>, p?: P) => Trajectory;
}

export function defineTrajectory<P>(table: ParameterTable<P>, steps: Steps<P>): TrajectoryRunner<P> {
  return {
    trajectory: (method, start, options, p) => runTrajectory(steps, checkTrajectory(method, start, options), checkedParameters(table, p)),
  };
}

/** The training methods' update maps at a differentiable equilibrium, as the runtime builds them from a game's table (the game module documents the closed forms of updateEigenvalues and learningRateBound). */
export interface Stability<P> {
  readonly updateEigenvalues: <M extends Method>(method: M, rates: Rates<M>, p?: P) => Eigenvalues;
  /** The spectral radius of a training method's update map at the equilibrium, $\rho = \max_i |\mu_i|$ over updateEigenvalues: near the equilibrium the iterates shrink when it is below 1 and grow when it is above. `rates` is `{ h }`, or for alternating steps also a schedule `{ hG, hD, nG, nD }`; rates and p are checked. The fast path is spectralRadiusUnchecked. */
  readonly spectralRadius: <M extends Method>(method: M, rates: Rates<M>, p?: P) => number;
  readonly learningRateBound: (method: Method, p?: P) => LearningRateBound;
  /** updateEigenvalues for one learning rate h, unchecked and allocating nothing: writes re0, im0, re1, im1, ... into out (8 numbers suffice) and returns how many (2, or 4 for the optimistic method). */
  readonly updateEigenvaluesUnchecked: (method: Method, h: number, p: P, out: Float64Array) => number;
}

/** The eigenvalues, spectral radius and learning-rate bound of each method's update map at the equilibrium, checked and unchecked. */
export function defineStability<P>(table: ParameterTable<P>, stability: StabilityTable<P>): Stability<P> {
  const jacobian = new Float64Array(4);
  const values = new Float64Array(8);
  const updateEigenvaluesUnchecked = (method: Method, h: number, p: P, out: Float64Array): number =>
    updateMapEigenvalues(method, stability.equilibriumJacobian(p, jacobian), h, h, 1, 1, out);
  const { spectralRadiusUnchecked } = stability;
  const updateEigenvalues = <M extends Method>(method: M, rates: Rates<M>, p?: P): Eigenvalues => {
    const checked = checkMethod(method);
    const { hG, hD, nG, nD } = checkRates(checked, rates);
    const count = updateMapEigenvalues(checked, stability.equilibriumJacobian(checkedParameters(table, p), jacobian), hG, hD, nG, nD, values);
    const result: Eigenvalues = { re: [], im: [] };
    for (let i = 0; i < count; i++) {
      result.re.push(values[2 * i]!);
      result.im.push(values[2 * i + 1]!);
    }
    return result;
  };
  const spectralRadius = <M extends Method>(method: M, rates: Rates<M>, p?: P): number => {
    const { re, im } = updateEigenvalues(method, rates, p);
    return re.reduce((radius, x, i) => Math.max(radius, modulus(x, im[i]!)), 0);
  };
  const learningRateBound = (method: Method, p?: P): LearningRateBound => {
    const checked = checkMethod(method);
    const params = checkedParameters(table, p);
    const { cycles, roots } = stability.bounds[checked];
    const smallStepsConverge = stableFlow2(stability.equilibriumJacobian(params, jacobian));
    const { closedForm, unresolved, ...found } = searchStabilityBound((h) => spectralRadiusUnchecked(checked, h, params), { cycles, smallStepsConverge, ...(roots ? { roots: roots(params) } : {}) });
    return found;
  };
  return { updateEigenvalues, spectralRadius, learningRateBound, updateEigenvaluesUnchecked };
}
