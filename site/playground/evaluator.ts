/**
 * A derived game's evaluator in the playground, where there is no generated module: built as a
 * generated module builds its API, from a table, with the runtime's own code (runtime/steps.ts,
 * training.ts, linear.ts), the formulas compiled from the derivation instead of emitted
 * (generator/methods/simulate.ts's compiledMaps: the emitter's CSE printer without its choice of
 * cheapest forms, so the same values by other operations). What it leaves out: the checked
 * entry points' recomputation in unbounded exponents, and the closed-form candidates of the
 * learning-rate bounds (its bound is the runtime's bisection, which the closed forms are checked
 * against in a module).
 */
import type { Derivation } from '../../generator/derive/derive.js';
import { mapCycles } from '../../generator/derive/discrete.js';
import { evaluate } from '../../generator/ir/evaluate.js';
import { compiledMaps } from '../../generator/methods/simulate.js';
import type { ParameterTable } from '../../runtime/checked.js';
import { eigenvaluePair, updateMapRadius } from '../../runtime/linear.js';
import { METHODS } from '../../runtime/methods.js';
import type { Method } from '../../runtime/methods.js';
import { defineSteps } from '../../runtime/steps.js';
import { defineStability, defineTrajectory } from '../../runtime/training.js';
import type { BoundTable } from '../../runtime/training.js';
import type { Evaluator, Params } from '../model/params.js';


/** The evaluator of a derived game whose f is given; undefined when f is abstract (the playground draws nothing then). */
export function playgroundEvaluator(derivation: Derivation): Evaluator | undefined {
  const maps = compiledMaps(derivation);
  const stage = derivation.concrete;
  if (!maps || !stage) return undefined;
  const hyperparameters = derivation.game.definition.hyperparameters;
  const names = Object.keys(hyperparameters);
  const defaults: Params = Object.fromEntries(names.map((name) => [name, hyperparameters[name]!.default]));
  const table: ParameterTable<Params> = { hyperparameters: names, ranges: names.map((name) => hyperparameters[name]!.range), activationOrder: -1, defaults };
  const scratch = new Float64Array(2);
  const clip = (parameter: 'theta' | 'phi'): ((p: Params) => number) | undefined => {
    const constraint = derivation.game.constraints.find((c) => c.parameter === parameter);
    return constraint && ((p: Params) => evaluate(constraint.bound, { symbols: p as Record<string, number> }));
  };
  const steps = defineSteps<Params>({
    vectorField: maps.field,
    fieldTheta: (theta, phi, p) => maps.field(theta, phi, p, scratch)[0]!,
    fieldPhi: (theta, phi, p) => maps.field(theta, phi, p, scratch)[1]!,
    defaults,
    clipTheta: clip('theta'),
    clipPhi: clip('phi'),
  });
  const evaluator: Evaluator = {
    defaults,
    vectorField: (theta, phi, p, out = new Float64Array(2)) => maps.field(theta, phi, p, out),
    vectorFieldUnchecked: maps.field,
    jacobianUnchecked: maps.jacobian,
    ...defineTrajectory(table, { vectorField: maps.field, ...steps }),
  };
  if (!stage.equilibrium.differentiable) return { ...evaluator, equilibriumNotDifferentiable: stage.equilibrium.reason };
  const equilibriumJacobian = (p: Params, out: Float64Array): Float64Array => maps.jacobian(0, 0, p, out);
  const j = new Float64Array(4);
  const spectralRadiusUnchecked = (method: Method, h: number, p: Params): number => {
    equilibriumJacobian(p, j);
    return updateMapRadius(method, j[0]!, j[1]!, j[2]!, j[3]!, h);
  };
  const bounds = Object.fromEntries(METHODS.map((method) => [method, { cycles: stage.discrete.some((d) => d.method === method && mapCycles(d)) }])) as Record<Method, BoundTable<Params>>;
  const stability = defineStability(table, { equilibriumJacobian, spectralRadiusUnchecked, bounds });
  return {
    ...evaluator,
    equilibriumEigenvalues: (p) => {
      const [a, b, c, d] = equilibriumJacobian(p, new Float64Array(4));
      const half = (a! + d!) / 2;
      return eigenvaluePair(half, half * half - (a! * d! - b! * c!));
    },
    updateEigenvalues: stability.updateEigenvalues as Evaluator['updateEigenvalues'],
    spectralRadius: stability.spectralRadius as Evaluator['spectralRadius'],
    spectralRadiusUnchecked,
    learningRateBound: stability.learningRateBound,
  };
}
