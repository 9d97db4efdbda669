/**
 * The cheapest form of a formula to evaluate: factored, or expanded then factored, whichever
 * has fewer operations. The emitter prints every formula in it, and so does the playground's
 * display of the evaluators' code.
 */
import type { Expr } from './expr.js';
import { expand } from './expand.js';
import { factorCommon } from './factor.js';
import { nodesOf } from './traverse.js';

/** The factored form of e or of e expanded, whichever has fewer operations: expansion
 * lets terms cancel (sign(phi)(1 - |phi|) = sign(phi) - phi), factoring shares work. */
export function cheapestForm(e: Expr): Expr {
  // The same formulas are printed in doubles and again in wide arithmetic (and nodes are hash-consed).
  const known = cheapest.get(e);
  if (known) return known;
  const form = cheapestFormOf(e);
  cheapest.set(e, form);
  return form;
}

const cheapest = new WeakMap<Expr, Expr>();

function cheapestFormOf(e: Expr): Expr {
  const factored = factorCommon(e);
  const expanded = expand(e);
  // Expansion can multiply the size of a product of sums; it is only tried on small ones.
  if (operationCount(expanded) > 4 * operationCount(e)) return factored;
  const alternative = factorCommon(expanded);
  return operationCount(alternative) < operationCount(factored) ? alternative : factored;
}

/** Arithmetic operations and calls in the printed form of e, each shared node once. */
const operationCount = (e: Expr): number => nodesOf(e).filter((n) => n.kind !== 'num' && n.kind !== 'sym').length;
