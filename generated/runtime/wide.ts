/**
 * Numbers of unbounded exponent: m * 2^e with a double's 53-bit significand m (0.5 <= |m| < 1,
 * or m = 0) and an exponent e of any size. The checked evaluators fall back on this
 * arithmetic when their double-precision formula overflows on the way to a value a double
 * holds: phi^2 sigma'(phi theta) at phi = 1e155 is Infinity * 0 in doubles (NaN) and 0 here,
 * (phi - 1)^2 - phi^2 at phi = 1e300 is Infinity - Infinity in doubles and -2e300 here.
 *
 * Each operation rounds once, to a double's precision, like the double operation it stands
 * for, so the fallback is as accurate as the formula would be without overflow; only the
 * final `narrow` rounds to the double range (to +-Infinity or 0, with the right sign).
 * Written by hand: no library offers an extended-exponent double, and a decimal library
 * would make the generated package depend on it.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** m * 2^e: m is 0, +-Infinity, NaN, or 0.5 <= |m| < 1; e is an integer (0 unless m is finite and not 0). */
export interface Wide {
  readonly m: number;
  readonly e: number;
}

/** ln 2 in two parts (as fdlibm's exp): k * LN2_HI is exact for |k| < 2^21. */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
/** Beyond this exponent difference, the smaller term of a sum is below half an ulp of the larger. */
const NEGLIGIBLE = 110;
/** |x| beyond which e^x is out of reach of any product of doubles' powers. */
const EXP_REACH = 1e15;

/** x * 2^n, exact while the result is a normal double; n of any size. */
function scale(x: number, n: number): number {
  if (n > 2200) return x * Infinity;
  if (n < -2200) return x * 0;
  // Powers of two from 2^-1022 to 2^1023 are normal: at most three steps.
  while (n > 1023) { x *= 2 ** 1023; n -= 1023; }
  while (n < -1022) { x *= 2 ** -1022; n += 1022; }
  return x * 2 ** n;
}

/** m * 2^e in the canonical form, for a double m and an integer e. */
function normalised(m: number, e: number): Wide {
  if (m === 0 || !Number.isFinite(m)) return { m: Number.isNaN(e) ? NaN : m, e: 0 };
  if (!Number.isFinite(e)) return { m: e > 0 ? m * Infinity : Number.isNaN(e) ? NaN : m * 0, e: 0 };
  // log2 may be one off at a power of two: corrected below.
  let k = Math.floor(Math.log2(Math.abs(m))) + 1;
  let significand = scale(m, -k);
  if (Math.abs(significand) >= 1) { significand /= 2; k += 1; } else if (Math.abs(significand) < 0.5) { significand *= 2; k -= 1; }
  return { m: significand, e: e + k };
}

const ZERO: Wide = { m: 0, e: 0 };
const ONE: Wide = { m: 0.5, e: 1 };
const HALF: Wide = { m: 0.5, e: 0 };

const of = (x: number): Wide => normalised(x, 0);

/** The nearest double: +-Infinity past the largest, +-0 below the smallest. */
const narrow = (w: Wide): number => scale(w.m, w.e);

/** Whether w lies in a double's normal range, where the double operations round as in doubles. */
const inDoubleRange = (w: Wide): boolean => w.m === 0 || (Number.isFinite(w.m) && Math.abs(w.e) < 1000);

const neg = (a: Wide): Wide => ({ m: -a.m, e: a.e });

function add(a: Wide, b: Wide): Wide {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  if (!Number.isFinite(a.m) || !Number.isFinite(b.m)) return of(a.m + b.m);
  const d = a.e - b.e;
  if (d > NEGLIGIBLE) return a;
  if (d < -NEGLIGIBLE) return b;
  return d >= 0 ? normalised(a.m + scale(b.m, -d), a.e) : normalised(scale(a.m, d) + b.m, b.e);
}

const sub = (a: Wide, b: Wide): Wide => add(a, neg(b));

function mul(...factors: Wide[]): Wide {
  let m = 1;
  let e = 0;
  // |m| stays in [2^-64, 1]: each factor's significand is at least 1/2, renormalised every 32.
  factors.forEach((f, i) => {
    m *= f.m;
    e += f.e;
    if (i % 32 === 31) ({ m, e } = normalised(m, e));
  });
  return normalised(m, e);
}

const div = (a: Wide, b: Wide): Wide => normalised(a.m / b.m, a.e - b.e);

/** a^n for an integer n >= 1, by repeated squaring. */
function integerPower(a: Wide, n: number): Wide {
  let result = ONE;
  let square = a;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = mul(result, square);
    if (k > 1) square = mul(square, square);
  }
  return result;
}

function sqrt(a: Wide): Wide {
  if (a.m < 0 || Number.isNaN(a.m)) return { m: NaN, e: 0 };
  if (a.m === 0 || a.m === Infinity) return a;
  // An even exponent halves exactly.
  return a.e % 2 === 0 ? normalised(Math.sqrt(a.m), a.e / 2) : normalised(Math.sqrt(2 * a.m), (a.e - 1) / 2);
}

function log(a: Wide): Wide {
  if (inDoubleRange(a)) return of(Math.log(narrow(a)));
  if (a.m < 0 || Number.isNaN(a.m)) return { m: NaN, e: 0 };
  // Far from 1, ln m + e ln 2 does not cancel.
  return of(Math.log(a.m) + a.e * Math.LN2);
}

function exp(a: Wide): Wide {
  const x = narrow(a);
  if (Number.isNaN(x)) return { m: NaN, e: 0 };
  if (Math.abs(x) < 700) return of(Math.exp(x));
  if (Math.abs(x) > EXP_REACH) return x > 0 ? { m: Infinity, e: 0 } : ZERO;
  // e^x = e^r 2^k with |r| <= ln(2) / 2.
  const k = Math.round(x / Math.LN2);
  return normalised(Math.exp(x - k * LN2_HI - k * LN2_LO), k);
}

function pow(base: Wide, exponent: Wide): Wide {
  const n = narrow(exponent);
  if (Number.isInteger(n) && Math.abs(n) <= 2 ** 31) {
    if (n === 0) return ONE;
    const power = integerPower(base, Math.abs(n));
    return n > 0 ? power : div(ONE, power);
  }
  if (base.m < 0) return { m: NaN, e: 0 };
  if (base.m === 0) return n > 0 ? ZERO : { m: Infinity, e: 0 };
  return exp(mul(exponent, log(base)));
}

const abs = (a: Wide): Wide => ({ m: Math.abs(a.m), e: a.e });
const sign = (a: Wide): Wide => of(Math.sign(a.m));
const relu = (a: Wide): Wide => (a.m > 0 ? a : Number.isNaN(a.m) ? a : ZERO);
const step = (a: Wide): Wide => (a.m > 0 ? ONE : Number.isNaN(a.m) ? a : ZERO);
/** The tests of the printed choices (u > 0 ? v : 0 and, keeping NaN, u <= 0 ? 0 : v). */
const positive = (a: Wide): boolean => a.m > 0;
const notPositive = (a: Wide): boolean => a.m <= 0;

/** log(1 + e^y) for y <= 0: e^y itself where it is below a double's precision of 1 (log1p(u) = u there). */
function log1pExp(y: Wide): Wide {
  const u = exp(y);
  const small = narrow(u);
  return small < 1e-300 ? u : of(Math.log1p(small));
}

const softplus = (a: Wide): Wide => (a.m > 0 ? add(a, log1pExp(neg(a))) : log1pExp(a));

function sigmoid(a: Wide): Wide {
  if (a.m >= 0) return div(ONE, add(ONE, exp(neg(a))));
  const u = exp(a);
  return div(u, add(ONE, u));
}

/** sigmoid(x) - sigmoid(-x) = tanh(x / 2); x / 2 itself where tanh(x / 2) is x / 2 to a double's precision. */
function sigmoidDifference(a: Wide): Wide {
  const x = narrow(a);
  return Math.abs(x) < 1e-150 ? mul(a, HALF) : of(Math.tanh(x / 2));
}

/** A function of doubles (an abstract activation's derivative, which the caller supplies) at a. */
const apply = (f: (t: number) => number, a: Wide): Wide => of(f(narrow(a)));

/** The arithmetic, as the checked evaluators' fallbacks call it: `wide.mul(a, b)`. One name,
 * so that a generated module imports one thing and no name of it clashes with Math's. */
export const wide = { of, narrow, neg, add, sub, mul, div, sqrt, log, exp, pow, abs, sign, relu, step, positive, notPositive, softplus, sigmoid, sigmoidDifference, apply } as const;

/** Inputs of magnitude 0 or within [2^-32, 2^32]: a product of up to 31 of them is a normal
 * double. Outside, a factor may overflow or underflow on the way to a value a double holds
 * (phi^2 theta^2 at phi = 1e-300, theta = 1e300 is 0 * Infinity, or 0 when grouped as
 * (phi^2) (theta^2)), so the checked evaluators compute in `wide` instead. */
const MODERATE = 2 ** 32;

/** Whether every value is 0 or of moderate magnitude (see MODERATE). */
export function moderate(...values: number[]): boolean {
  for (const x of values) {
    const magnitude = Math.abs(x);
    if (magnitude !== 0 && (magnitude > MODERATE || magnitude < 1 / MODERATE)) return false;
  }
  return true;
}

/** Whether every value is finite: the checked evaluators' test for falling back on `wide`. */
export function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}
