/**
 * Common factors pulled out of sums: a*b*x + a*b^2*y -> a*b*(x + b*y), innermost sums
 * first, so a factor that a nested sum gives up can be shared with its neighbours. The
 * canonical IR keeps products of sums unexpanded, so the factored form stays as it is.
 * The evaluator emitter factors before CSE: fewer multiplications, and the shared factors
 * (sigmoids of phi*theta) become common sub-expressions.
 */
import * as E from './expr.js';
import type { Expr } from './expr.js';
import * as Q from './rational.js';

/** base -> exponent of a term's non-numeric factors, for numeric positive exponents. */
function powersOf(term: Expr): Map<Expr, Q.Rational> {
  const [, rest] = E.splitCoefficient(term);
  const factors = rest === E.ONE ? [] : rest.kind === 'mul' ? rest.factors : [rest];
  const powers = new Map<Expr, Q.Rational>();
  for (const factor of factors) {
    const [base, exponent] = factor.kind === 'pow' ? [factor.base, factor.exponent] : [factor, E.ONE];
    if (exponent.kind === 'num' && Q.sign(exponent.value) > 0) powers.set(base, exponent.value);
  }
  return powers;
}

function factorSum(terms: readonly Expr[]): Expr {
  const factored = terms.map(factorCommon);
  const [first, ...others] = factored.map(powersOf);
  const common: Expr[] = [];
  for (const [base, exponent] of first!) {
    let smallest = exponent;
    for (const powers of others) {
      const e = powers.get(base);
      if (!e) {
        smallest = Q.ZERO;
        break;
      }
      if (Q.sign(Q.add(e, Q.neg(smallest))) < 0) smallest = e;
    }
    if (Q.sign(smallest) > 0) common.push(E.pow(base, E.num(smallest)));
  }
  if (common.length === 0) return E.add(...factored);
  const shared = E.mul(...common);
  const inverse = E.pow(shared, E.MINUS_ONE);
  return E.mul(shared, E.add(...factored.map((t) => E.mul(t, inverse))));
}

export function factorCommon(e: Expr): Expr {
  return E.rewrite(e, (node) => (node.kind === 'add' ? factorSum(node.terms) : undefined));
}
