/**
 * Powers that V8 computes alike wherever it runs. Math.pow and ** are not specified to the last
 * bit, and V8's own differ: in Node 20 and in Chromium 147 about 1 in 10 results of x ** y
 * round differently. The generator's grids of learning rates, its bounds and its numeric
 * analyses must not depend on where they run (the playground derives in the browser what
 * `npm run generate` derives in Node, to the byte), so they take powers from here: integer
 * exponents by repeated squaring, others by exp and log (V8's fdlibm ports, bit for bit the same
 * in both; another engine's libm may differ).
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** The engine's own, for the exact special cases (held here: the generator's odex runs with Math.pow replaced by portablePower). */
const enginePow = Math.pow;

/** The largest integer exponent taken by repeated squaring. */
export const LARGEST_MULTIPLIED = 64;

/**
 * base ** exponent, the same wherever V8 runs. Its relative error: about |exponent| units in the
 * last place for an integer exponent (each squaring doubles the error before it), about
 * |exponent * log(base)| + 2 otherwise (exp's argument carries log's rounding); Math.pow's is
 * under one. Exact special values (0, infinities, NaN, negative bases) as Math.pow gives them.
 */
export function portablePower(base: number, exponent: number): number {
  if (Number.isInteger(exponent) && Math.abs(exponent) <= LARGEST_MULTIPLIED) {
    // A negative exponent as a positive one of 1/base: 1e160 ** -2 underflows to 1e-320, not to 0.
    let square = exponent < 0 ? 1 / base : base;
    let result = 1;
    for (let n = Math.abs(exponent); n > 0; n >>= 1) {
      if (n & 1) result *= square;
      if (n > 1) square *= square;
    }
    return result;
  }
  if (base > 0 && Number.isFinite(base)) return exponent === 0.5 ? Math.sqrt(base) : Math.exp(exponent * Math.log(base));
  return enginePow(base, exponent);
}

/** 10 ** x, the same wherever V8 runs, exact at whole decades (1e-6, 1e3): the learning-rate grids' points. */
export function powerOfTen(x: number): number {
  const decade = Math.round(x);
  return Number(`1e${decade}`) * Math.exp((x - decade) * Math.LN10);
}
