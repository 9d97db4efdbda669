/**
 * Factoring by grouping: in a sum, the factor shared by the most terms is pulled out of
 * those terms, and the same is done again inside and outside the group:
 *   a*b*x + a*b^2*y + c  ->  a*b*(x + b*y) + c.
 * Innermost sums first, so a factor that a nested sum gives up can be shared with its
 * neighbours. The canonical IR keeps products of sums unexpanded, so the factored form stays.
 * The evaluator emitter factors before CSE: fewer multiplications, and the shared factors
 * (sigmoids of phi*theta) become common sub-expressions.
 */
import * as E from './expr.js';
import { rewrite } from './traverse.js';
import type { Expr } from './expr.js';
import * as Q from './rational.js';

/** base -> exponent of a term's non-numeric factors with numeric positive exponents. */
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

const smaller = (a: Q.Rational, b: Q.Rational): Q.Rational => (Q.sign(Q.add(a, Q.neg(b))) < 0 ? a : b);

/** The base shared by the most terms (at least two; ties to the canonical order), with the
 * smallest exponent it has in them. */
function mostShared(terms: readonly Expr[]): { base: Expr; exponent: Q.Rational; members: Expr[] } | undefined {
  const counts = new Map<Expr, { exponent: Q.Rational; members: Expr[] }>();
  for (const term of terms) {
    for (const [base, exponent] of powersOf(term)) {
      const entry = counts.get(base);
      if (entry) {
        entry.exponent = smaller(entry.exponent, exponent);
        entry.members.push(term);
      } else counts.set(base, { exponent, members: [term] });
    }
  }
  let best: { base: Expr; exponent: Q.Rational; members: Expr[] } | undefined;
  for (const [base, entry] of counts) {
    if (entry.members.length < 2) continue;
    if (!best || entry.members.length > best.members.length || (entry.members.length === best.members.length && base.key < best.base.key)) best = { base, ...entry };
  }
  return best;
}

function group(terms: readonly Expr[]): Expr {
  const shared = mostShared(terms);
  if (!shared) return E.add(...terms);
  const factor = E.pow(shared.base, E.num(shared.exponent));
  const inverse = E.pow(factor, E.MINUS_ONE);
  const divided = shared.members.map((t) => E.mul(t, inverse));
  // Dividing must lower the base's power in every member; where the canonical form does not
  // cancel it (exp(u) * exp(-u) stays a product), grouping would find it again forever.
  const lowered = divided.every((t, i) => {
    const after = powersOf(t).get(shared.base);
    return after === undefined || Q.sign(Q.add(powersOf(shared.members[i]!).get(shared.base)!, Q.neg(after))) > 0;
  });
  if (!lowered) return E.add(...terms);
  const inside = group(divided);
  const outside = terms.filter((t) => !shared.members.includes(t));
  return E.add(E.mul(factor, inside), ...(outside.length ? [group(outside)] : []));
}

const factorOnce = (e: Expr): Expr => rewrite(e, (node) => (node.kind === 'add' ? group(node.terms.map(factorOnce)) : undefined));

/** Factored until nothing changes: grouping can combine terms into a new shared factor. */
export function factorCommon(e: Expr): Expr {
  let current = e;
  for (let round = 0; round < 4; round++) {
    const next = factorOnce(current);
    if (next === current) return current;
    current = next;
  }
  return current;
}
