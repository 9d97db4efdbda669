/**
 * The evaluators' code of a derived game, as its generated module holds it: the fast paths of
 * the field and the Jacobian, their bodies made by the emitter's own functions
 * (generator/emit/evaluator/blocks.ts: the hyperparameters read, the cheapest forms, CSE into
 * named constants) with the module's names in scope. The module itself is assembled by ts-morph
 * (the TypeScript compiler, 10 MB), which the playground does not carry: the rest of it (the
 * checked entry points, their unbounded-exponent copies, the training API's table, the doc
 * comments) is `npm run generate`'s.
 */
import type { Derivation } from '../../generator/derive/derive.js';
import { computation, hyperparameterLocals } from '../../generator/emit/evaluator/blocks.js';
import type { Expr } from '../../generator/ir/expr.js';
import { noisy } from '../../generator/specialise/dirac.js';
import { moduleScopeNames } from '../../generator/vocabulary/reserved.js';

function fastPath(name: string, outputs: readonly Expr[], hyperparameters: readonly string[]): string {
  const { lines, outputs: printed } = computation({ cse: true, reserved: moduleScopeNames(hyperparameters) }, outputs);
  const body = [...hyperparameterLocals({ hyperparameters }, outputs), ...lines, ...printed.map((o, i) => `out[${i}] = ${o};`), 'return out;'];
  return `export function ${name}(theta: number, phi: number, p: Params, out: Float64Array): Float64Array {\n${body.map((l) => `  ${l}`).join('\n')}\n}`;
}

/** The two fast paths' source (with f abstract, calling the activation's derivatives in p), or
 * undefined where the field is an expectation over instance noise (the module's quadrature). */
export function evaluatorSource(derivation: Derivation): string | undefined {
  const stage = derivation.concrete ?? derivation.generic;
  if (stage.field.some(noisy)) return undefined;
  const { hyperparameters } = derivation.game;
  return [fastPath('vectorFieldUnchecked', stage.field, hyperparameters), fastPath('jacobianUnchecked', stage.jacobian.flat(), hyperparameters)].join('\n\n');
}
