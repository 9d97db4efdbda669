/**
 * Function bodies from formulas: the hyperparameters a body reads, the cheapest form of each
 * formula, CSE into local constants. The expectations over the instance noise are noise.ts's.
 */
import { dependsOn } from '../../ir/traverse.js';
import type { Expr } from '../../ir/expr.js';
import { cheapestForm } from '../../ir/cheapest.js';
import { printBlock } from '../cse.js';
import { noisy } from '../../specialise/dirac.js';
import type { Context } from './context.js';

/** `const gamma = p.gamma;` for each hyperparameter the expressions use -- with the
 * standard deviation of the noise when they contain it. */
export function hyperparameterLocals(context: Pick<Context, 'hyperparameters' | 'noise'>, exprs: readonly Expr[]): string[] {
  const all = context.noise && exprs.some(noisy) ? [...exprs, context.noise] : exprs;
  return context.hyperparameters.filter((h) => all.some((e) => dependsOn(e, h))).map((h) => `const ${h} = p.${h};`);
}

/** The temporaries of CSE as local constants, and the outputs printed with them; `taken`:
 * more names in scope (the temporaries of an earlier computation in the same function);
 * `wideSymbols`: those of them that hold wide values, when the context prints wide ones. */
export function computation(context: Pick<Context, 'cse' | 'reserved' | 'wide'>, outputs: readonly Expr[], taken: readonly string[] = [], wideSymbols: readonly string[] = []): { lines: string[]; outputs: readonly string[]; names: string[] } {
  // Factored first: fewer multiplications, and the factors become shared sub-expressions.
  const block = printBlock(outputs.map(cheapestForm), { enabled: context.cse, reserved: [...context.reserved, ...taken], ...(context.wide ? { wide: new Set(wideSymbols) } : {}) });
  return { lines: block.temporaries.map((t) => `const ${t.name} = ${t.definition};`), outputs: block.outputs, names: block.temporaries.map((t) => t.name) };
}

/** x, or (x) when it is not a name or a number. */
export const operand = (x: string): string => (/^[\w.$]+$/.test(x) ? x : `(${x})`);
