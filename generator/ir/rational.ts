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

const EXACT = 2n ** 53n;
const bitLength = (n: bigint): number => n.toString(2).length;
/** x * 2^k, exact whenever the result is a normal double (in steps: 2^k alone may not be one). */
function scaleByPowerOfTwo(x: number, k: number): number {
  let result = x;
  for (let rest = k; rest !== 0; ) {
    const step = Math.max(-1000, Math.min(1000, rest));
    result *= 2 ** step;
    rest -= step;
  }
  return result;
}

/** The double nearest to a (ties to even), however large its numerator and denominator: a
 * constant such as (3^700 + 1)/(2*3^700) is about 0.5, though both parts overflow a double.
 * Beyond the largest double it is +-Infinity, as IEEE rounding has it. */
export function toNumber(a: Rational): number {
  const negative = a.num < 0n;
  const n = negative ? -a.num : a.num;
  const d = a.den;
  let value: number;
  // Both parts exact doubles: IEEE division is itself correctly rounded.
  if (n <= EXACT && d <= EXACT) value = Number(n) / Number(d);
  else if (bitLength(n) - bitLength(d) <= -1022) {
    // Below 2^-1021 the spacing of doubles is 2^-1074: round n/d * 2^1074 to an integer once.
    const top = n << 1074n;
    const whole = top / d;
    const twice = 2n * (top % d);
    value = Number(twice > d || (twice === d && whole % 2n === 1n) ? whole + 1n : whole) * 2 ** -1074;
  } else {
    // A quotient of 55 or 56 bits, with a sticky bit for any remainder, rounds to 53 bits as
    // the true quotient would (Number(bigint) rounds to nearest, ties to even).
    const shift = 55 - (bitLength(n) - bitLength(d));
    const [top, bottom] = shift >= 0 ? [n << BigInt(shift), d] : [n, d << BigInt(-shift)];
    const quotient = top / bottom;
    value = scaleByPowerOfTwo(Number(top % bottom === 0n ? quotient : quotient | 1n), -shift);
  }
  return negative ? -value : value;
}

/** A constant that a double cannot hold: beyond its range, or so small that it rounds to 0. */
export class DoubleRangeError extends Error {
  constructor(readonly value: Rational) {
    const magnitude = value.num < 0n ? -value.num : value.num;
    const digits = magnitude.toString().length - value.den.toString().length;
    super(`the constant ${abbreviate(value)} (about 10^${digits}) is beyond the range of a double (about 10^-324 to 10^308)`);
  }
}

/** The text of a rational, its long parts cut to their first and last digits. */
export function abbreviate(a: Rational): string {
  const cut = (n: bigint): string => {
    const text = n.toString();
    return text.length <= 40 ? text : `${text.slice(0, 12)}...${text.slice(-12)} (${text.replace('-', '').length} digits)`;
  };
  return a.den === 1n ? cut(a.num) : `${cut(a.num)}/${cut(a.den)}`;
}

/** toNumber, refusing a constant that would become +-Infinity or 0. */
export function toDouble(a: Rational): number {
  const value = toNumber(a);
  if (!Number.isFinite(value) || (value === 0 && a.num !== 0n)) throw new DoubleRangeError(a);
  return value;
}

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
