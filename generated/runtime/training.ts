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
import { checkMethod, checkParams, checkRates, checkTrajectory } from './checks.js';
import { TrainingInputError } from './errors.js';
import { largestModulus, updateMapEigenvalues } from './linear.js';
import type { Eigenvalues, LearningRateBound, Method, Rates, Trajectory, TrajectoryOptions } from './methods.js';
import { runTrajectory } from './trajectory.js';
import type { Steps } from './trajectory.js';

/** What the checked entry points check of the parameters p. */
export interface ParameterTable<P> {
  /** The hyperparameters, each a finite number in p. */
  readonly hyperparameters: readonly string[];
  /** For a game that leaves f abstract, the highest derivative of f the formulas call (p.activation.d0 .. d<order>); -1 when f is given. */
  readonly activationOrder: number;
  /** The parameters used when p is left out; absent when there are none (f abstract). */
  readonly defaults?: P;
}

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
  readonly bounds: Readonly<Record<Method, BoundTable<P>>>;
}

/** The parameters: p, or the defaults when p is left out; checked. */
export function checkedParameters<P>(table: ParameterTable<P>, p: P | undefined): P {
  const params = p === undefined ? table.defaults : p;
  checkParams(params, table.hyperparameters, table.activationOrder);
  return params as P;
}

/** theta and phi: finite numbers. */
export function checkPoint(theta: unknown, phi: unknown): void {
  if (typeof theta !== 'number' || !Number.isFinite(theta)) throw new TrainingInputError('theta', 'a finite number', theta);
  if (typeof phi !== 'number' || !Number.isFinite(phi)) throw new TrainingInputError('phi', 'a finite number', phi);
}

/** The checked trajectory runner of a game. */
export function defineTrajectory<P>(table: ParameterTable<P>, steps: Steps<P>) {
  return <M extends Method>(method: M, start: readonly [number, number], options: TrajectoryOptions<M>, p?: P): Trajectory => {
    const run = checkTrajectory(method, start, options);
    return runTrajectory(steps, run, checkedParameters(table, p));
  };
}

/** The eigenvalues, spectral radius and learning-rate bound of each method's update map at the equilibrium, checked and unchecked. */
export function defineStability<P>(table: ParameterTable<P>, stability: StabilityTable<P>) {
  const jacobian = new Float64Array(4);
  const values = new Float64Array(8);
  const unchecked = {
    updateEigenvalues(method: Method, h: number, p: P, out: Float64Array): number {
      return updateMapEigenvalues(method, stability.equilibriumJacobian(p, jacobian), h, h, 1, 1, out);
    },
    spectralRadius(method: Method, h: number, p: P): number {
      return largestModulus(values, updateMapEigenvalues(method, stability.equilibriumJacobian(p, jacobian), h, h, 1, 1, values));
    },
  };
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
    return re.reduce((radius, x, i) => Math.max(radius, Math.hypot(x, im[i]!)), 0);
  };
  const learningRateBound = (method: Method, p?: P): LearningRateBound => {
    const checked = checkMethod(method);
    const params = checkedParameters(table, p);
    const { cycles, roots } = stability.bounds[checked];
    const { verdict, bound } = searchStabilityBound((h) => unchecked.spectralRadius(checked, h, params), { cycles, ...(roots ? { roots: roots(params) } : {}) });
    return verdict === 'converges-below-bound' || verdict === 'cycles-below-bound' ? { verdict, bound: bound! } : { verdict, bound: undefined };
  };
  return { updateEigenvalues, spectralRadius, learningRateBound, unchecked };
}
