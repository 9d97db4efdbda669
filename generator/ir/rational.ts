/**
 * Exact rational numbers (bigint numerator and denominator, always reduced, denominator
 * positive). The IR keeps constants exact so that a derived 1/2 prints as \frac{1}{2} and
 * is emitted as 0.5, never as a rounded decimal of a rounded decimal.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

export function rational(num: bigint, den: bigint = 1n): Rational {
  if (den === 0n) throw new RangeError('rational with zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

/** Parses "3", "-2", "0.25", "1e-3" exactly (a decimal literal is its exact decimal value). */
export function parseRational(text: string): Rational {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new SyntaxError(`not a number: ${text}`);
  const [, sign, whole, fraction = '', exponentText = '0'] = match;
  let num = BigInt((whole || '0') + fraction);
  let den = 10n ** BigInt(fraction.length);
  const exponent = Number(exponentText);
  if (exponent >= 0) num *= 10n ** BigInt(exponent);
  else den *= 10n ** BigInt(-exponent);
  return rational(sign === '-' ? -num : num, den);
}

export const ZERO = rational(0n);
export const ONE = rational(1n);

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const neg = (a: Rational): Rational => rational(-a.num, a.den);
export const inverse = (a: Rational): Rational => rational(a.den, a.num);
export const isZero = (a: Rational): boolean => a.num === 0n;
export const isOne = (a: Rational): boolean => a.num === 1n && a.den === 1n;
export const isInteger = (a: Rational): boolean => a.den === 1n;
export const sign = (a: Rational): -1 | 0 | 1 => (a.num < 0n ? -1 : a.num > 0n ? 1 : 0);
export const equals = (a: Rational, b: Rational): boolean => a.num === b.num && a.den === b.den;
export const toNumber = (a: Rational): number => Number(a.num) / Number(a.den);

/** a^n for an integer n (a must be non-zero when n < 0). */
export function powInteger(a: Rational, n: bigint): Rational {
  const base = n < 0n ? inverse(a) : a;
  const e = n < 0n ? -n : n;
  return rational(base.num ** e, base.den ** e);
}

/** The exact square root when a is the square of a rational, else undefined. */
export function exactSqrt(a: Rational): Rational | undefined {
  if (a.num < 0n) return undefined;
  const root = (n: bigint): bigint | undefined => {
    if (n < 2n) return n;
    let x = BigInt(Math.floor(Math.sqrt(Number(n))));
    while (x * x > n) x--;
    while ((x + 1n) * (x + 1n) <= n) x++;
    return x * x === n ? x : undefined;
  };
  const num = root(a.num);
  const den = root(a.den);
  return num === undefined || den === undefined ? undefined : rational(num, den);
}

export const toText = (a: Rational): string => (a.den === 1n ? `${a.num}` : `${a.num}/${a.den}`);
