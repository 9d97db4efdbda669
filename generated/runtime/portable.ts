/**
 * Powers that every JavaScript engine computes alike. Math.pow and ** are not specified to the
 * last bit, and engines differ: V8 in Node 20 and in Chromium 147 round about 1 in 10 of
 * x ** y differently. The generator's grids of learning rates, its bounds and its numeric
 * analyses must not depend on where they run (the playground derives in the browser what
 * `npm run generate` derives in Node, to the byte), so they take powers from here: integer
 * exponents by multiplication, others by exp and log (fdlibm's in V8, alike everywhere).
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** The engine's own, for the exact special cases (held here: the generator's odex runs with Math.pow replaced by portablePower). */
const enginePow = Math.pow;

/** The largest integer exponent taken by repeated squaring (at most 2 log2(64) roundings). */
const LARGEST_MULTIPLIED = 64;

/** base ** exponent, the same in every engine; within a few units in the last place of Math.pow. */
export function portablePower(base: number, exponent: number): number {
  if (Number.isInteger(exponent) && Math.abs(exponent) <= LARGEST_MULTIPLIED) {
    let result = 1;
    let square = base;
    for (let n = Math.abs(exponent); n > 0; n >>= 1) {
      if (n & 1) result *= square;
      if (n > 1) square *= square;
    }
    return exponent < 0 ? 1 / result : result;
  }
  if (exponent === 0.5) return Math.sqrt(base);
  if (base > 0 && Number.isFinite(base)) return Math.exp(exponent * Math.log(base));
  // Zero, infinite or negative bases: exact special values (0, Infinity, NaN), alike everywhere.
  return enginePow(base, exponent);
}

/** 10 ** x, the same in every engine: the learning-rate grids' points. */
export const powerOfTen = (x: number): number => Math.exp(x * Math.LN10);
