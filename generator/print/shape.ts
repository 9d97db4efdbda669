/**
 * How a canonical IR node reads on paper, shared by every printer: a product is a signed
 * fraction (3*x*y^(-2) reads -- "3x over y^2"), a sum is a list of signed terms, and one
 * precedence table decides where parentheses go (SymPy's `parenthesize`, once for all).
 */
import * as Q from '../ir/rational.js';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';

export const PRECEDENCE = { conditional: 0, sum: 1, product: 2, negation: 2, power: 4, atom: 5 } as const;

export function precedenceOf(e: Expr): number {
  switch (e.kind) {
    case 'add': return PRECEDENCE.sum;
    case 'mul': return PRECEDENCE.product;
    case 'num': return Q.sign(e.value) < 0 ? PRECEDENCE.negation : Q.isInteger(e.value) ? PRECEDENCE.atom : PRECEDENCE.product;
    case 'pow': return fraction(e).denominator.length > 0 ? PRECEDENCE.product : PRECEDENCE.power;
    default: return PRECEDENCE.atom;
  }
}

/** A product as sign * (numerator coefficient * factors) / (denominator coefficient * factors). */
export interface Fraction {
  readonly negative: boolean;
  readonly numeratorCoefficient: bigint;
  readonly denominatorCoefficient: bigint;
  readonly numerator: readonly Expr[];
  readonly denominator: readonly Expr[];
}

export function fraction(e: Expr): Fraction {
  const [coefficient, rest] = E.splitCoefficient(e);
  const factors = rest === E.ONE ? [] : rest.kind === 'mul' ? rest.factors : [rest];
  const numerator: Expr[] = [];
  const denominator: Expr[] = [];
  for (const factor of factors) {
    if (factor.kind === 'pow' && factor.exponent.kind === 'num' && Q.sign(factor.exponent.value) < 0) {
      denominator.push(E.pow(factor.base, E.num(Q.neg(factor.exponent.value))));
    } else if (factor.kind === 'pow' && isNegativeProduct(factor.exponent)) {
      denominator.push(E.pow(factor.base, E.neg(factor.exponent)));
    } else numerator.push(factor);
  }
  const negative = Q.sign(coefficient) < 0;
  return {
    negative,
    numeratorCoefficient: negative ? -coefficient.num : coefficient.num,
    denominatorCoefficient: coefficient.den,
    numerator,
    denominator,
  };
}

const isNegativeProduct = (e: Expr): boolean => Q.sign(E.splitCoefficient(e)[0]) < 0;

/** A sum's terms in reading order (positive terms first, then by degree-free canonical order). */
export function termsOf(e: Expr): { negative: boolean; magnitude: Expr }[] {
  const terms = e.kind === 'add' ? e.terms : [e];
  const signed = terms.map((t) => {
    const negative = Q.sign(E.splitCoefficient(t)[0]) < 0;
    return { negative, magnitude: negative ? E.neg(t) : t };
  });
  // Constants read last in a paper ("x^2 + 1"); otherwise keep the canonical order, but
  // start with a positive term when there is one, so "b - a" rather than "-a + b".
  const constantsLast = [...signed.filter((t) => t.magnitude.kind !== 'num'), ...signed.filter((t) => t.magnitude.kind === 'num')];
  const firstPositive = constantsLast.findIndex((t) => !t.negative);
  if (firstPositive > 0) constantsLast.unshift(...constantsLast.splice(firstPositive, 1));
  return constantsLast;
}
