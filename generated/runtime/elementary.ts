/**
 * The stable primitives the generated formulas call: each is exact where its textbook form
 * overflows or cancels. The generator's vocabulary names them; the printed code imports
 * the ones it calls.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** softplus(x) = log(1 + e^x) as max(x, 0) + log1p(e^-|x|): exp never overflows, and log1p keeps the precision of small results. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** sigmoid(x) = 1 / (1 + e^-x), taking exp of -|x| only, so that it never overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** sigmoid(x) - sigmoid(-x) as tanh(x / 2): the difference itself cancels near x = 0, where both sigmoids are near 1/2. */
export function sigmoidDifference(x: number): number {
  return Math.tanh(0.5 * x);
}

/** relu(x) = max(0, x): hinge losses and one-sided penalties. */
export function relu(x: number): number {
  return Math.max(0, x);
}

/** x clipped to [-bound, bound]: the projection of a clipping constraint, applied after each training update (NaN stays NaN). */
export function clip(x: number, bound: number): number {
  return Math.min(Math.max(x, -bound), bound);
}
