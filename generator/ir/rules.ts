/**
 * The rules that give sums and products one canonical form whatever their spelling, applied by
 * ir/expr.ts as it builds each sum (on its rest -> coefficient map) and product (on its base
 * -> exponent map): complements of sigmoid and softplus, sums written positive, step and relu,
 * absolute values. Each rule works in place and keeps the value exactly, kinks included.
 */
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { MINUS_ONE, ONE, ZERO, add, call, mul, neg, num, splitCoefficient } from './expr.js';
import type { Expr } from './expr.js';

/**
 * 1 - sigmoid(w) = sigmoid(-w) and softplus(w) - w = softplus(-w), in place on a sum's
 * rest -> coefficient map (returns the new constant): the terms P sigmoid(w) and -P become
 * -P sigmoid(-w), and P softplus(w) and -P w become P softplus(-w). Equal functions then have
 * one form whatever their spelling (t - log(1 + e^t) is -softplus(-t), its derivative
 * sigmoid(-t)), and it is the form without the cancellation of the other: 1 - sigmoid(w)
 * keeps no digit of sigmoid(-w) where w is large.
 */
export function complementRules(coefficients: Map<Expr, Rational>, constant: Rational): Rational {
  for (const [rest, c] of [...coefficients]) {
    if (coefficients.get(rest) !== c) continue; // taken by an earlier rewrite of this pass
    const factors = rest.kind === 'mul' ? rest.factors : [rest];
    for (const factor of factors) {
      if (factor.kind !== 'call' || (factor.fn !== 'sigmoid' && factor.fn !== 'softplus')) continue;
      const cofactor = mul(...factors.filter((f) => f !== factor));
      const [k, partner] = splitCoefficient(factor.fn === 'sigmoid' ? cofactor : mul(cofactor, factor.arg));
      const wanted = Q.neg(Q.mul(c, k));
      const matches = partner === ONE ? Q.equals(constant, wanted) && !Q.isZero(wanted) : Q.equals(coefficients.get(partner) ?? Q.ZERO, wanted) && !Q.isZero(wanted);
      if (!matches) continue;
      coefficients.delete(rest);
      if (partner === ONE) constant = Q.ZERO;
      else coefficients.delete(partner);
      const [k2, rewritten] = splitCoefficient(mul(cofactor, call(factor.fn, neg(factor.arg))));
      const coefficient = Q.mul(factor.fn === 'sigmoid' ? Q.neg(c) : c, k2);
      coefficients.set(rewritten, Q.add(coefficients.get(rewritten) ?? Q.ZERO, coefficient));
      break;
    }
  }
  return constant;
}

/** A sum whose every term is negative is written as minus a positive sum, so that
 * (-a - b)^-1 reads -1/(a + b): in place on a product's base -> exponent map. Returns the
 * sign to multiply the coefficient by. */
export function positiveSums(exponents: Map<Expr, Expr>): 1 | -1 {
  let sign: 1 | -1 = 1;
  for (const [base, exponent] of [...exponents]) {
    if (base.kind !== 'add' || exponent.kind !== 'num' || !Q.isInteger(exponent.value)) continue;
    if (!base.terms.every((t) => Q.sign(splitCoefficient(t)[0]) < 0)) continue;
    exponents.delete(base);
    const flipped = add(...base.terms.map((t) => {
      const [c, rest] = splitCoefficient(t);
      return mul(num(Q.neg(c)), rest);
    }));
    exponents.set(flipped, add(exponents.get(flipped) ?? ZERO, exponent));
    if (exponent.value.num % 2n !== 0n) sign = sign === 1 ? -1 : 1;
  }
  return sign;
}

/** step(u) takes the values 0 and 1, so step(u)^m = step(u); and relu(u) step(u) = relu(u),
 * exactly on both sides of the kink. In place on a product's base -> exponent map. */
export function stepRules(exponents: Map<Expr, Expr>): void {
  for (const [base, exponent] of [...exponents]) {
    if (base.kind !== 'call' || base.fn !== 'step' || exponent.kind !== 'num' || !Q.isInteger(exponent.value) || Q.sign(exponent.value) <= 0) continue;
    if (exponents.has(call('relu', base.arg))) exponents.delete(base);
    else exponents.set(base, ONE);
  }
  signsBesideSteps(exponents);
}

/** x when u is |x| - c for a constant c >= 0: where u > 0, x is not 0. */
function awayFromZero(u: Expr): Expr | undefined {
  if (u.kind === 'call' && u.fn === 'abs') return u.arg;
  if (u.kind !== 'add' || u.terms.length !== 2) return undefined;
  const [first, second] = u.terms as [Expr, Expr];
  const [constant, modulus] = first.kind === 'num' ? [first, second] : [second, first];
  return constant.kind === 'num' && Q.sign(constant.value) <= 0 && modulus.kind === 'call' && modulus.fn === 'abs' ? modulus.arg : undefined;
}

/** Beside a factor step(u) or relu(u) with u = |x| - c, c >= 0, which is 0 unless |x| > c, so
 * unless x != 0: sign(x)^(2m) = 1 and sign(x)^(2m+1) = sign(x), exactly on both sides (WGAN-LP's
 * Jacobian is -gamma step(|phi| - 1), not -gamma sign(phi)^2 step(|phi| - 1)). */
function signsBesideSteps(exponents: Map<Expr, Expr>): void {
  for (const [base, exponent] of [...exponents]) {
    // In a numerator only: 1 / step(u) is Infinity where the factor is 0, and sign(x)^2 / step(u) NaN at x = 0.
    if (base.kind !== 'call' || (base.fn !== 'step' && base.fn !== 'relu') || exponent.kind !== 'num' || Q.sign(exponent.value) <= 0) continue;
    const x = awayFromZero(base.arg);
    if (x === undefined) continue;
    const sign = call('sign', x);
    const power = exponents.get(sign);
    if (power?.kind !== 'num' || !Q.isInteger(power.value)) continue;
    if (power.value.num % 2n === 0n) exponents.delete(sign);
    else exponents.set(sign, ONE);
  }
}

/** Products of |u| with powers of u, in place on a product's base -> exponent map:
 * - sign(u) |u| = u;
 * - |u|^k u^(2m) = |u|^(k + 2m): an even power is a power of the absolute value;
 * - u^k / |u| = sign(u) u^(k-1) for an integer k >= 1: nerdamer differentiates |u| as
 *   u/|u|, which is 0/0 at u = 0; sign(u) states the same derivative without the pole. */
export function absoluteValueRules(exponents: Map<Expr, Expr>): void {
  // sign(u) |u| = u, exactly (both sides are 0 at u = 0).
  for (const [base, exponent] of [...exponents]) {
    if (base.kind !== 'call' || base.fn !== 'sign' || exponent !== ONE) continue;
    const modulus = call('abs', base.arg);
    if (exponents.get(modulus) !== ONE) continue;
    exponents.delete(base);
    exponents.delete(modulus);
    exponents.set(base.arg, add(exponents.get(base.arg) ?? ZERO, ONE));
  }
  for (const [base, exponent] of [...exponents]) {
    if (base.kind !== 'call' || base.fn !== 'abs') continue;
    const power = exponents.get(base.arg);
    if (!power || power.kind !== 'num' || !Q.isInteger(power.value) || power.value.num % 2n !== 0n) continue;
    exponents.delete(base.arg);
    exponents.set(base, add(exponent, power));
  }
  for (const [base, exponent] of [...exponents]) {
    if (base.kind !== 'call' || base.fn !== 'abs' || exponent !== MINUS_ONE) continue;
    const power = exponents.get(base.arg);
    if (!power || power.kind !== 'num' || !Q.isInteger(power.value) || Q.sign(power.value) <= 0) continue;
    exponents.delete(base);
    exponents.set(base.arg, add(power, MINUS_ONE));
    const sign = call('sign', base.arg);
    exponents.set(sign, add(exponents.get(sign) ?? ZERO, ONE));
  }
}
