/**
 * A derived game's evaluator in the playground, where there is no generated module: built as a
 * generated module builds its API, from a table, with the runtime's own code (runtime/steps.ts,
 * training.ts, linear.ts), its formulas the module's own fast paths (source.ts: the emitter's
 * code, written without ts-morph) compiled in the page (compiled.ts). The table is plain data: the
 * generator worker makes it (derive.ts) and draws the page's pictures with its evaluator, and the page builds the same
 * evaluator from it for the live pictures (its sliders), without the generator. What it leaves
 * out: the checked entry points' recomputation in unbounded exponents, and the closed-form
 * candidates of the learning-rate bounds (its bound is the runtime's bisection, which the closed
 * forms are checked against in a module).
 */
import { compileMap } from '../../generator/methods/compiled.js';
import type { FastPaths } from './source.js';
import type { ParameterTable } from '../../runtime/checked.js';
import { eigenvaluesOf, updateMapRadius } from '../../runtime/linear.js';
import { METHODS } from '../../runtime/methods.js';
import type { Method } from '../../runtime/methods.js';
import { defineSteps } from '../../runtime/steps.js';
import { defineStability, defineTrajectory } from '../../runtime/training.js';
import type { BoundTable } from '../../runtime/training.js';
import type { Evaluator, Params } from '../model/params.js';

/** What the evaluator is built from: the printed maps, the hyperparameters, and what the
 * derivation says of the equilibrium (no Jacobian there, or which methods cycle). */
export interface EvaluatorTable {
  /** The module's fast paths as JavaScript bodies of (theta, phi, p, out) (source.ts's evaluatorBodies), and each clipping bound's. */
  readonly maps: FastPaths;
  readonly hyperparameters: readonly { readonly name: string; readonly range: readonly [number, number]; readonly default: number }[];
  /** Why the equilibrium has no Jacobian, where it has none. */
  readonly notDifferentiable?: string;
  /** The methods whose update map at the equilibrium has eigenvalues on the unit circle for every h. */
  readonly cycling: readonly Method[];
}

/** The evaluator of a table, as a generated module's API is built from its own. */
export function evaluatorOf(table: EvaluatorTable): Evaluator {
  const field = compileMap(table.maps.field);
  const jacobian = compileMap(table.maps.jacobian);
  const names = table.hyperparameters.map((h) => h.name);
  const defaults: Params = Object.fromEntries(table.hyperparameters.map((h) => [h.name, h.default]));
  const parameters: ParameterTable<Params> = { hyperparameters: names, ranges: table.hyperparameters.map((h) => h.range), activationOrder: -1, defaults };
  const scratch = new Float64Array(2);
  const clip = (parameter: 'theta' | 'phi'): ((p: Params) => number) | undefined => {
    const body = table.maps.clips[parameter];
    if (body === undefined) return undefined;
    const bound = compileMap(body);
    return (p) => bound(0, 0, p, scratch)[0]!;
  };
  const steps = defineSteps<Params>({
    vectorField: field,
    fieldTheta: (theta, phi, p) => field(theta, phi, p, scratch)[0]!,
    fieldPhi: (theta, phi, p) => field(theta, phi, p, scratch)[1]!,
    defaults,
    clipTheta: clip('theta'),
    clipPhi: clip('phi'),
  });
  const evaluator: Evaluator = {
    defaults,
    vectorField: (theta, phi, p, out = new Float64Array(2)) => field(theta, phi, p, out),
    vectorFieldUnchecked: field,
    jacobianUnchecked: jacobian,
    ...defineTrajectory(parameters, { vectorField: field, ...steps }),
  };
  if (table.notDifferentiable !== undefined) return { ...evaluator, equilibriumNotDifferentiable: table.notDifferentiable };
  const equilibriumJacobian = (p: Params, out: Float64Array): Float64Array => jacobian(0, 0, p, out);
  const j = new Float64Array(4);
  const spectralRadiusUnchecked = (method: Method, h: number, p: Params): number => {
    equilibriumJacobian(p, j);
    return updateMapRadius(method, j[0]!, j[1]!, j[2]!, j[3]!, h);
  };
  const bounds = Object.fromEntries(METHODS.map((method) => [method, { cycles: table.cycling.includes(method) }])) as Record<Method, BoundTable<Params>>;
  const stability = defineStability(parameters, { equilibriumJacobian, spectralRadiusUnchecked, bounds });
  return {
    ...evaluator,
    equilibriumEigenvalues: (p) => eigenvaluesOf(equilibriumJacobian(p, new Float64Array(4))),
    updateEigenvalues: stability.updateEigenvalues as Evaluator['updateEigenvalues'],
    spectralRadius: stability.spectralRadius as Evaluator['spectralRadius'],
    spectralRadiusUnchecked,
    learningRateBound: stability.learningRateBound,
  };
}
