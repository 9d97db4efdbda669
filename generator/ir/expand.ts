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

/** expand's results by node: nodes are interned (expr.ts), so a node met again, as a part of a
 * larger expression or in a later call, is the same object and its expansion is looked up. */
const expansions = new WeakMap<Expr, Expr>();

export function expand(e: Expr): Expr {
  const known = expansions.get(e);
  if (known) return known;
  const result = rewrite(e, (node) => {
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
  expansions.set(e, result);
  return result;
}

function isExpandablePower(e: Expr): boolean {
  return e.kind === 'pow' && e.base.kind === 'add' && e.exponent.kind === 'num' && Q.isInteger(e.exponent.value)
    && e.exponent.value.num > 1n && e.exponent.value.num <= MAX_EXPANDED_POWER;
}

/** An upper bound on the number of terms expand(e) has, without expanding. */
export function expandedTermsBound(e: Expr): number {
  const memo = new Map<Expr, number>();
  const bound = (node: Expr): number => {
    const known = memo.get(node);
    if (known !== undefined) return known;
    let terms: number;
    if (node.kind === 'add') terms = node.terms.reduce((sum, t) => sum + bound(t), 0);
    else if (node.kind === 'mul') terms = node.factors.reduce((product, f) => product * bound(f), 1);
    else if (isExpandablePower(node)) terms = bound((node as E.Pow).base) ** Number(((node as E.Pow).exponent as E.Num).value.num);
    else terms = 1;
    memo.set(node, Math.min(terms, Number.MAX_VALUE));
    return terms;
  };
  return bound(e);
}

/** expand(e) where it has at most `limit` terms (by expandedTermsBound), else e as it is: for
 * formulas that are only readable, or only worth cancelling, when they stay small. */
export const expandWithin = (e: Expr, limit: number): Expr => (expandedTermsBound(e) <= limit ? expand(e) : e);
