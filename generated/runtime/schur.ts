/**
 * Whether every root of a real polynomial lies inside the unit circle, and its spectral radius,
 * from the coefficients alone: the Schur-Cohn reduction. For p(z) = a_0 + ... + a_n z^n with
 * |a_0| < |a_n|, Rouche's theorem on |z| = 1 gives a_n p - a_0 p# (p# the reversed p) as
 * many roots inside as p, and it is z q(z) with q of degree n - 1; |a_0| >= |a_n| puts a root
 * on or outside the circle (their product is a_0 / a_n). So p is Schur stable exactly when
 * each reduction keeps |a_0| < |a_n|. The radius is the smallest r with p(r z) stable.
 * For the training methods of methods/ (their update maps' characteristic polynomials, as the
 * records carry them): the generator states the same region as closed-form conditions.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */

/** Whether every root of the polynomial with coefficients c (c[k] of z^k, c[n] != 0) lies strictly inside the unit circle. */
export function schurStable(c: readonly number[]): boolean {
  // One buffer, reused from call to call (the generator's bound and optimum searches make about
  // a million calls): the coefficients in its first half, each step's next ones in its second.
  const n0 = c.length - 1;
  if (reduction.length < 2 * (n0 + 1)) reduction = new Float64Array(2 * (n0 + 1));
  const a = reduction;
  for (let k = 0; k <= n0; k++) a[k] = c[k]!;
  for (let n = n0; n > 0; n--) {
    const first = a[0]!;
    const last = a[n]!;
    if (!(Math.abs(first) < Math.abs(last))) return false;
    for (let k = 1; k <= n; k++) a[n0 + k] = last * a[k]! - first * a[n - k]!;
    // Rescaled by the leading coefficient: the products shrink or grow geometrically otherwise.
    const scale = Math.abs(a[n0 + n]!);
    for (let k = 1; k <= n; k++) a[k - 1] = a[n0 + k]! / scale;
  }
  return true;
}

/** schurStable's working buffer. */
let reduction = new Float64Array(16);

/** The largest modulus of the roots of the polynomial with coefficients c (c[n] != 0), by
 * bisection on r: every root lies within r exactly when p(r z) is Schur stable (by `stable`:
 * this reduction, or the generator's closed-form conditions). To `tolerance` relative (1e-14);
 * Infinity where a coefficient is not finite. Degree 2 or less is answered from its roots in
 * closed form instead (smallRadius: `stable` and `tolerance` play no part there). */
export function polynomialRadius(c: readonly number[], stable: (coefficients: readonly number[]) => boolean = schurStable, tolerance = 1e-14): number {
  const n = c.length - 1;
  if (n < 1) return 0;
  if (!c.every(Number.isFinite) || c[n] === 0) return Infinity;
  if (n <= 2) {
    const radius = smallRadius(c);
    // Not finite only where a square overflowed: bisection has no squares.
    if (Number.isFinite(radius)) return radius;
  }
  let high = 1 + Math.max(0, ...c.slice(0, n).map((x) => Math.abs(x / c[n]!)));
  let low = 0;
  const scaled = new Array<number>(n + 1);
  for (let i = 0; i < 200 && high - low > tolerance * high; i++) {
    const r = (low + high) / 2;
    let power = 1;
    for (let k = 0; k <= n; k++) {
      scaled[k] = c[k]! * power;
      power *= r;
    }
    if (stable(scaled)) high = r;
    else low = r;
  }
  return high;
}

/** The radius of a polynomial of degree 1 or 2 from its roots in closed form, for the monic
 * polynomial (divided by c[n] first, so that equal scales of the coefficients cancel): no
 * bisection's tolerance (at a double root it is as good as the discriminant's rounding), and a
 * quarter of the generator's searches are on such maps. NaN or Infinity where b^2 overflows. */
function smallRadius(c: readonly number[]): number {
  if (c.length === 2) return Math.abs(c[0]! / c[1]!);
  const [q, b] = [c[0]! / c[2]!, c[1]! / c[2]!];
  const discriminant = b * b - 4 * q;
  // A complex pair: both of modulus sqrt(q).
  if (discriminant < 0) return Math.sqrt(q);
  // Real roots: the larger in modulus, computed without cancellation.
  return Math.abs((b + Math.sign(b || 1) * Math.sqrt(discriminant)) / 2);
}

/** p(z) / (z - 1) by synthetic division (coefficients c[k] of z^k), for a p with p(1) = 0: the
 * other roots, once an eigenvalue 1 that h does not move is set apart. */
export function deflateAtOne(c: readonly number[]): number[] {
  const n = c.length - 1;
  const quotient = new Array<number>(n);
  let carry = 0;
  for (let k = n; k >= 1; k--) {
    carry = c[k]! + carry;
    quotient[k - 1] = carry;
  }
  return quotient;
}

/** Whether p(1) is 0 to rounding: an eigenvalue exactly 1. */
export const hasRootAtOne = (c: readonly number[]): boolean =>
  c.length > 1 && Math.abs(c.reduce((sum, x) => sum + x, 0)) <= 1e-12 * c.reduce((sum, x) => sum + Math.abs(x), 0);

/** p with every root at 1 divided out (a Jordan block of J's eigenvalue 0 gives several). */
export function withoutRootsAtOne(c: readonly number[]): number[] {
  let rest = [...c];
  while (hasRootAtOne(rest)) rest = deflateAtOne(rest);
  return rest;
}
