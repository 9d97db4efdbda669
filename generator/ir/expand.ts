/**
 * Expansion: products distributed over sums, and sums raised to small positive integer
 * powers multiplied out, so that like terms meet and cancel in the canonical sum. Used on
 * the small polynomial expressions of discrete-time training (traces, determinants,
 * radicands in h), where (2 - gamma h)^2/4 - det is only readable once expanded; never on
 * the fields, where expansion would multiply the size of the formulas.
 */
import * as E from './expr.js';
import { rewrite } from './traverse.js';
import type { Expr } from './expr.js';
import * as Q from './rational.js';

const MAX_EXPANDED_POWER = 8n;

function distribute(factors: readonly Expr[]): Expr {
  let terms: Expr[] = [E.ONE];
  for (const factor of factors) {
    const next = factor.kind === 'add' ? factor.terms : [factor];
    terms = terms.flatMap((t) => next.map((n) => E.mul(t, n)));
  }
  return E.add(...terms);
}

export function expand(e: Expr): Expr {
  return rewrite(e, (node) => {
    if (node.kind === 'mul' && node.factors.some((f) => f.kind === 'add' || isExpandablePower(f))) {
      return distribute(node.factors.map(expand));
    }
    if (isExpandablePower(node)) {
      const p = node as E.Pow;
      const base = expand(p.base);
      return distribute(Array.from({ length: Number((p.exponent as E.Num).value.num) }, () => base));
    }
    return undefined;
  });
}

function isExpandablePower(e: Expr): boolean {
  return e.kind === 'pow' && e.base.kind === 'add' && e.exponent.kind === 'num' && Q.isInteger(e.exponent.value)
    && e.exponent.value.num > 1n && e.exponent.value.num <= MAX_EXPANDED_POWER;
}
