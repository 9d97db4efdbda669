/**
 * Polynomials in one variable inside the IR: coefficient extraction and closed-form
 * roots of degree 1, 2 and biquadratic 4. The stability bounds of the training maps are
 * roots of such polynomials in the learning rate h; nerdamer's `solve` finds them too,
 * but at 0.1-0.3 s a call it would take most of the generation budget, and its roots
 * come back with abs() and complex branches that we would have to untangle anyway.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';

/** Coefficients [c0, c1, ...] of e as a polynomial in `variable`, or undefined when e is not one. */
export function coefficients(e: Expr, variable: string): Expr[] | undefined {
  if (!E.dependsOn(e, variable)) return [e];
  switch (e.kind) {
    case 'sym': return [E.ZERO, E.ONE];
    case 'add': {
      const parts = e.terms.map((t) => coefficients(t, variable));
      if (parts.some((p) => p === undefined)) return undefined;
      const length = Math.max(...parts.map((p) => p!.length));
      return trim(Array.from({ length }, (_, k) => E.add(...parts.map((p) => p![k] ?? E.ZERO))));
    }
    case 'mul': {
      let product: Expr[] = [E.ONE];
      for (const factor of e.factors) {
        const c = coefficients(factor, variable);
        if (!c) return undefined;
        product = convolve(product, c);
      }
      return trim(product);
    }
    case 'pow': {
      if (e.exponent.kind !== 'num' || !Q.isInteger(e.exponent.value) || Q.sign(e.exponent.value) < 0) return undefined;
      const base = coefficients(e.base, variable);
      if (!base) return undefined;
      let power: Expr[] = [E.ONE];
      for (let k = 0n; k < e.exponent.value.num; k++) power = convolve(power, base);
      return trim(power);
    }
    default: return undefined;
  }
}

function convolve(a: readonly Expr[], b: readonly Expr[]): Expr[] {
  const out: Expr[] = Array.from({ length: a.length + b.length - 1 }, () => E.ZERO);
  a.forEach((x, i) => b.forEach((y, j) => (out[i + j] = E.add(out[i + j]!, E.mul(x, y)))));
  return out;
}

function trim(c: Expr[]): Expr[] {
  while (c.length > 1 && c[c.length - 1] === E.ZERO) c.pop();
  return c;
}

/**
 * The non-zero roots of a polynomial given by its coefficients, in closed form where the
 * degree (after dividing out the root 0) is 1, 2, or 4 with only even powers; undefined
 * otherwise. Roots may be complex for some parameter values: callers evaluate them.
 */
export function nonZeroRoots(c: readonly Expr[]): Expr[] | undefined {
  let start = 0;
  while (start < c.length && c[start] === E.ZERO) start++;
  const p = c.slice(start);
  const half = E.num(0.5);
  if (p.length <= 1) return [];
  if (p.length === 2) return [E.neg(quotient(p[0]!, p[1]!))];
  if (p.length === 3) return quadratic(p[0]!, p[1]!, p[2]!);
  if (p.length === 5 && p[1] === E.ZERO && p[3] === E.ZERO) {
    // c0 + c2 h^2 + c4 h^4: roots of the quadratic in h^2, then +- their square roots.
    const squares = quadratic(p[0]!, p[2]!, p[4]!);
    return squares.flatMap((s) => [E.pow(s, half), E.neg(E.pow(s, half))]);
  }
  return undefined;
}

function quadratic(c0: Expr, c1: Expr, c2: Expr): Expr[] {
  const discriminant = E.sub(E.pow(c1, E.num(2)), E.mul(E.num(4), c0, c2));
  const root = E.sqrt(discriminant);
  const twoA = E.mul(E.num(2), c2);
  // Where the discriminant is a square, a root is a rational function that may share a factor with 2a.
  return [quotient(E.sub(E.neg(c1), root), twoA), quotient(E.add(E.neg(c1), root), twoA)];
}

/**
 * n / d with the common factors of n and d cancelled, where both are polynomials with
 * rational coefficients in one and the same symbol: (gamma - 2) / (gamma^2/8 - 1/2) is
 * 8 / (gamma + 2), which is right at gamma = 2 where the uncancelled form is 0/0. Any other
 * quotient is left as it is.
 */
export function quotient(n: Expr, d: Expr): Expr {
  const names = new Set([...E.symbolsOf(n), ...E.symbolsOf(d)]);
  const [name] = names;
  const numerator = names.size === 1 ? rationalCoefficients(n, name!) : undefined;
  const denominator = names.size === 1 ? rationalCoefficients(d, name!) : undefined;
  if (!numerator || !denominator) return E.div(n, d);
  const common = gcd(numerator, denominator);
  if (common.length <= 1) return E.div(n, d);
  const x = E.sym(name!);
  return E.div(polynomial(divide(numerator, common), x), polynomial(divide(denominator, common), x));
}

/** The coefficients of e in `name` when they are all rational numbers. */
function rationalCoefficients(e: Expr, name: string): Q.Rational[] | undefined {
  const c = coefficients(e, name);
  return c?.every((k) => k.kind === 'num') ? c.map((k) => (k as E.Num).value) : undefined;
}

const polynomial = (c: readonly Q.Rational[], x: Expr): Expr => E.add(...c.map((k, i) => E.mul(E.num(k), E.pow(x, E.num(BigInt(i))))));

/** The quotient and remainder of a by b (b's leading coefficient non-zero), coefficients from the constant up. */
function divideWithRemainder(a: readonly Q.Rational[], b: readonly Q.Rational[]): [Q.Rational[], Q.Rational[]] {
  const remainder = [...a];
  const q: Q.Rational[] = Array.from({ length: Math.max(1, a.length - b.length + 1) }, () => Q.ZERO);
  const lead = b[b.length - 1]!;
  for (let k = a.length - b.length; k >= 0; k--) {
    const factor = Q.mul(remainder[k + b.length - 1]!, Q.inverse(lead));
    q[k] = factor;
    b.forEach((bi, i) => (remainder[k + i] = Q.add(remainder[k + i]!, Q.neg(Q.mul(factor, bi)))));
  }
  const r = remainder.slice(0, b.length - 1);
  while (r.length > 0 && Q.isZero(r[r.length - 1]!)) r.pop();
  return [q, r];
}

const divide = (a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] => divideWithRemainder(a, b)[0];

/** The monic greatest common divisor, by Euclid's algorithm over the rationals. */
function gcd(a: readonly Q.Rational[], b: readonly Q.Rational[]): Q.Rational[] {
  let [x, y] = [[...a], [...b]];
  while (y.length > 0 && !(y.length === 1 && Q.isZero(y[0]!))) [x, y] = [y, divideWithRemainder(x, y)[1]];
  const lead = x[x.length - 1]!;
  return x.map((k) => Q.mul(k, Q.inverse(lead)));
}
