/**
 * The checked entry points of a game module, built from its fast paths: the point and the
 * parameters checked, the double-precision formulas used where every input is of moderate
 * magnitude and the value is finite, and the same formulas in unbounded exponents
 * (runtime/wide.ts) elsewhere, since a product may then overflow or underflow on the way
 * to the value (Infinity * 0, Infinity - Infinity): +-Infinity only where the value itself
 * is out of a double's range.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import { checkParams } from './checks.js';
import { TrainingInputError } from './errors.js';
import { allFinite, moderate } from './wide.js';

/** What the checked entry points check of the parameters p. */
export interface ParameterTable<P> {
  /** The hyperparameters, each a finite number in p. */
  readonly hyperparameters: readonly string[];
  /** Each hyperparameter's declared range [low, high], in the same order. */
  readonly ranges: readonly (readonly [number, number])[];
  /** For a game that leaves f abstract, the highest derivative of f the formulas call (p.activation.d0 .. d<order>); -1 when f is given. */
  readonly activationOrder: number;
  /** The parameters used when p is left out; absent when there are none (f abstract). */
  readonly defaults?: P;
}

/** The parameters: p, or the defaults when p is left out; checked. */
export function checkedParameters<P>(table: ParameterTable<P>, p: P | undefined): P {
  const params = p === undefined ? table.defaults : p;
  checkParams(params, table.hyperparameters, table.ranges, table.activationOrder);
  return params as P;
}

/** theta and phi: finite numbers. */
export function checkPoint(theta: unknown, phi: unknown): void {
  if (typeof theta !== 'number' || !Number.isFinite(theta)) throw new TrainingInputError('theta', 'a finite number', theta);
  if (typeof phi !== 'number' || !Number.isFinite(phi)) throw new TrainingInputError('phi', 'a finite number', phi);
}

/** A scalar function of the point, unchecked: `fast` in doubles, `wide` in unbounded exponents. */
export type PointFunction<P> = (theta: number, phi: number, p: P) => number;
/** A function of the point into `out`, unchecked. */
export type PointMap<P> = (theta: number, phi: number, p: P, out: Float64Array) => Float64Array;

/** A checked objective: the point and p checked, then `fast`, or `wide` where `fast` may have lost the value. */
export function checkedObjective<P>(table: ParameterTable<P>, fast: PointFunction<P>, wide: PointFunction<P>): (theta: number, phi: number, p?: P) => number {
  return (theta, phi, p) => {
    checkPoint(theta, phi);
    const checked = (p === undefined ? table.defaults : p) as P;
    const moderateParameters = checkParams(checked, table.hyperparameters, table.ranges, table.activationOrder);
    const value = fast(theta, phi, checked);
    return moderateParameters && moderate(theta, phi) && Number.isFinite(value) ? value : wide(theta, phi, checked);
  };
}

/**
 * A checked map of `length` outputs (the field, its Jacobian): the point and p checked, then
 * `fast` into out, or `wide` where `fast` may have lost a value. `special`, when given, is
 * asked first and answers for the points it knows (the Jacobian's one-sided limit on a kink)
 * by returning out, or undefined for the others.
 */
export function checkedMap<P>(table: ParameterTable<P>, length: number, fast: PointMap<P>, wide: PointMap<P>, special?: (theta: number, phi: number, p: P, out: Float64Array) => Float64Array | undefined): (theta: number, phi: number, p?: P, out?: Float64Array) => Float64Array {
  return (theta, phi, p, out = new Float64Array(length)) => {
    checkPoint(theta, phi);
    const checked = (p === undefined ? table.defaults : p) as P;
    const moderateParameters = checkParams(checked, table.hyperparameters, table.ranges, table.activationOrder);
    const answered = special?.(theta, phi, checked, out);
    if (answered !== undefined) return answered;
    return moderateParameters && moderate(theta, phi) && allFinite(fast(theta, phi, checked, out)) ? out : wide(theta, phi, checked, out);
  };
}
