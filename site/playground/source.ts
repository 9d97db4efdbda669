/**
 * The evaluators' code of a derived game, as its generated module would hold it: the fast paths
 * of the field and the Jacobian, printed by the emitter's printer (cheapest forms, CSE into
 * named constants, generator/emit/cse.ts) with the module's reserved names. The module itself is
 * assembled by ts-morph (the TypeScript compiler, 10 MB), which the playground does not carry:
 * the rest of it (the checked entry points, their unbounded-exponent copies, the training API's
 * table, the doc comments) is `npm run generate`'s.
 */
import type { Derivation } from '../../generator/derive/derive.js';
import { printBlock } from '../../generator/emit/cse.js';
import type { Expr } from '../../generator/ir/expr.js';
import { cheapestForm } from '../../generator/ir/cheapest.js';
import { dependsOn } from '../../generator/ir/traverse.js';
import { runtimeExports } from '../../generator/runtime.js';
import { GENERATED_CODE_NAMES } from '../../generator/vocabulary/reserved.js';
import { EPSILON } from '../../generator/specialise/dirac.js';

function fastPath(name: string, outputs: readonly Expr[], hyperparameters: readonly string[]): string {
  const locals = hyperparameters.filter((h) => outputs.some((e) => dependsOn(e, h))).map((h) => `const ${h} = p.${h};`);
  const block = printBlock(outputs.map(cheapestForm), { enabled: true, reserved: [...GENERATED_CODE_NAMES, ...runtimeExports().keys(), ...hyperparameters] });
  const lines = [...locals, ...block.temporaries.map((t) => `const ${t.name} = ${t.definition};`), ...block.outputs.map((o, i) => `out[${i}] = ${o};`), 'return out;'];
  return `export function ${name}(theta: number, phi: number, p: Params, out: Float64Array): Float64Array {\n${lines.map((l) => `  ${l}`).join('\n')}\n}`;
}

/** The two fast paths' source, or undefined where f is abstract or the field is an expectation over instance noise (the module's quadrature). */
export function evaluatorSource(derivation: Derivation): string | undefined {
  const stage = derivation.concrete;
  if (!stage || stage.field.some((e) => dependsOn(e, EPSILON.name))) return undefined;
  const hyperparameters = Object.keys(derivation.game.definition.hyperparameters);
  return [fastPath('vectorFieldUnchecked', stage.field, hyperparameters), fastPath('jacobianUnchecked', stage.jacobian.flat(), hyperparameters)].join('\n\n');
}
