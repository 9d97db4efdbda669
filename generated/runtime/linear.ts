/**
 * The eigenvalue arithmetic of the training methods' update maps at an equilibrium, from
 * the Jacobian J of the field there: real and complex pairs, a careful principal complex
 * square root, and the maps themselves:
 *
 *   simultaneous   M = I + hJ                       mu = 1 + h lambda
 *   extragradient  M = I + hJ + h^2 J^2             mu = 1 + h lambda + (h lambda)^2
 *   optimistic     M = [[I + 2hJ, -hJ], [I, 0]]     mu^2 - (1 + 2h lambda) mu + h lambda = 0
 *   alternating    M = G^nG D^nD                    from the matrix (G and D do not commute)
 *
 * for each eigenvalue lambda of J (Mescheder et al. 2017, section 3). Each map is written
 * as I + N and its eigenvalues as 1 + eig(N): near h = 0, M is near the identity, and
 * computing its eigenvalues from its own entries would leave the part of order h only the
 * rounding errors of numbers near 1. Nothing here allocates: results go into `out`.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import type { Method } from './methods.js';
import { wide } from './wide.js';
import type { Wide } from './wide.js';

/** Whether the 2x2 matrix j (row-major) is stable as a flow's linearisation: both eigenvalues have negative real parts (trace < 0, determinant > 0), so that every training method that is I + hJ to first order converges for small enough h. */
export function stableFlow2(j: ArrayLike<number>): boolean {
  return j[0]! + j[3]! < 0 && j[0]! * j[3]! - j[1]! * j[2]! > 0;
}

/** The eigenvalues of the 2x2 matrix j (row-major) as pairs { re, im }, the "+" root first (eigenvalues2, allocating: the checked API's form). */
export function eigenvaluesOf(j: ArrayLike<number>): { re: [number, number]; im: [number, number] } {
  const out = new Float64Array(4);
  eigenvalues2(j[0]!, j[1]!, j[2]!, j[3]!, out);
  return { re: [out[0]!, out[2]!], im: [out[1]!, out[3]!] };
}

/**
 * The principal square root of re + i im into out[at], out[at + 1]: real part >= 0, and on
 * the cut (re < 0, im = +-0) the sign of im picks the side, as C99 csqrt does.
 *
 * The larger part is sqrt((|re| + |z|) / 2), from a sum of two non-negative numbers, and the
 * smaller one is im / 2 divided by it, so that neither suffers the cancellation of the
 * textbook sqrt((|z| - re) / 2) when |im| << |re|; each half is taken before the sum.
 */
export function complexSqrt(re: number, im: number, out: Float64Array, at = 0): void {
  if (re === 0 && im === 0) {
    out[at] = 0;
    out[at + 1] = im;
    return;
  }
  const large = Math.sqrt(Math.abs(re) / 2 + Math.hypot(re, im) / 2);
  if (re >= 0) {
    out[at] = large;
    out[at + 1] = im / (2 * large);
    return;
  }
  out[at] = Math.abs(im) / (2 * large);
  out[at + 1] = im < 0 || Object.is(im, -0) ? -large : large;
}

/**
 * The eigenvalues of the 2x2 matrix [[a, b], [c, d]] into out as re0, im0, re1, im1:
 *
 * $$\mu_{1,2} = \frac{a + d}{2} \pm \sqrt{\left(\frac{a - d}{2}\right)^{2} + b c}$$
 *
 * which is tr/2 +- sqrt(tr^2/4 - det) rearranged so that no digits cancel between tr^2/4 and det.
 * Real ones: the one of larger magnitude as written, the other as det over it (their product is
 * det), so that it does not cancel to 0 when it is far smaller ([[0, -1/2], [1/2, -1e8]]: -2.5e-9,
 * not 0).
 */
export function eigenvalues2(a: number, b: number, c: number, d: number, out: Float64Array, at = 0): void {
  let center = (a + d) / 2;
  const halfDifference = (a - d) / 2;
  const square = halfDifference * halfDifference;
  const product = b * c;
  let radicand = square + product;
  let root = Math.sqrt(Math.abs(radicand));
  // A term below this lost digits to underflow (or is 0 by it, though its factors are not).
  const underflowed = (term: number, factorsNonzero: boolean): boolean => factorsNonzero && Math.abs(term) < SMALLEST_SAFE_SQUARE;
  if (!Number.isFinite(radicand) || !Number.isFinite(center) || underflowed(square, halfDifference !== 0) || underflowed(product, b !== 0 && c !== 0)) {
    // A square, the product bc or a + d overflowed, or a square or bc underflowed: the root from
    // sqrt(|b|) sqrt(|c|) and |halfDifference|, whose squares are never formed. (Not at a double
    // eigenvalue whose terms cancel exactly: 0 is then the radicand, where these square roots
    // would round it to +-1e-8.)
    center = a / 2 + d / 2;
    const s = Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
    const x = Math.abs(a / 2 - d / 2);
    if (Math.sign(b) * Math.sign(c) >= 0) {
      root = Math.hypot(x, s);
      radicand = 1;
    } else {
      // x^2 - s^2 = (x - s)(x + s), each factor's root apart.
      root = Math.sqrt(Math.abs(x - s)) * Math.sqrt(x + s);
      radicand = x - s;
    }
  }
  if (radicand >= 0) {
    const larger = center >= 0 ? center + root : center - root;
    // det / larger, each product divided first so that neither overflows nor underflows; where
    // that is not a number (a zero matrix, an entry far above the larger root), as written.
    const quotient = (a / larger) * d - (b / larger) * c;
    const smaller = Number.isFinite(quotient) ? quotient : center >= 0 ? center - root : center + root;
    out[at] = center >= 0 ? larger : smaller;
    out[at + 1] = 0;
    out[at + 2] = center >= 0 ? smaller : larger;
    out[at + 3] = 0;
  } else {
    out[at] = center;
    out[at + 1] = root;
    out[at + 2] = center;
    out[at + 3] = -root;
  }
}

/** The smallest magnitude a square or product of eigenvalues2 may have without digits lost to underflow. */
const SMALLEST_SAFE_SQUARE = 2 ** -960;

const scratch = new Float64Array(8);

/** (I + X)^n - I for a 2x2 X (row-major) into out, by repeated squaring in the same form: (I + X)(I + Y) - I = X + Y + XY. */
function powerMinusIdentity(x0: number, x1: number, x2: number, x3: number, n: number, out: Float64Array): void {
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let b0 = x0, b1 = x1, b2 = x2, b3 = x3;
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      const s0 = r0 + b0 + r0 * b0 + r1 * b2;
      const s1 = r1 + b1 + r0 * b1 + r1 * b3;
      const s2 = r2 + b2 + r2 * b0 + r3 * b2;
      const s3 = r3 + b3 + r2 * b1 + r3 * b3;
      r0 = s0; r1 = s1; r2 = s2; r3 = s3;
    }
    if (k > 1) {
      const s0 = 2 * b0 + b0 * b0 + b1 * b2;
      const s1 = 2 * b1 + b0 * b1 + b1 * b3;
      const s2 = 2 * b2 + b2 * b0 + b3 * b2;
      const s3 = 2 * b3 + b2 * b1 + b3 * b3;
      b0 = s0; b1 = s1; b2 = s2; b3 = s3;
    }
  }
  out[0] = r0;
  out[1] = r1;
  out[2] = r2;
  out[3] = r3;
}

/**
 * The eigenvalues of a method's update map at an equilibrium whose Jacobian is j = [a, b, c, d]
 * (row-major 2x2), into out as re0, im0, re1, im1, ...; returns how many (2, or 4 for the
 * optimistic map, two for each eigenvalue of J, + first). The rates: hG and hD (the other methods read h = hG), nG and nD (alternating only). Not checked.
 */
export function updateMapEigenvalues(method: Method, j: ArrayLike<number>, hG: number, hD: number, nG: number, nD: number, out: Float64Array): number {
  const count = updateMapEigenvaluesInDoubles(method, j, hG, hD, nG, nD, out);
  for (let i = 0; i < 2 * count; i++) {
    // A product overflowed (h beyond about 1e100): again in unbounded exponents.
    if (!Number.isFinite(out[i]!)) return updateMapEigenvaluesWide(method, j, hG, hD, nG, nD, out);
  }
  return count;
}

function updateMapEigenvaluesInDoubles(method: Method, j: ArrayLike<number>, hG: number, hD: number, nG: number, nD: number, out: Float64Array): number {
  const a = j[0]!, b = j[1]!, c = j[2]!, d = j[3]!;
  if (method === 'alternating') {
    // M - I = P + Q + PQ with P = G^nG - I (G = I + hG [[a, b], [0, 0]]) and Q = D^nD - I (D = I + hD [[0, 0], [c, d]]).
    powerMinusIdentity(hG * a, hG * b, 0, 0, nG, scratch);
    const p0 = scratch[0]!, p1 = scratch[1]!, p2 = scratch[2]!, p3 = scratch[3]!;
    powerMinusIdentity(0, 0, hD * c, hD * d, nD, scratch);
    const q0 = scratch[0]!, q1 = scratch[1]!, q2 = scratch[2]!, q3 = scratch[3]!;
    eigenvalues2(p0 + q0 + p0 * q0 + p1 * q2, p1 + q1 + p0 * q1 + p1 * q3, p2 + q2 + p2 * q0 + p3 * q2, p3 + q3 + p2 * q1 + p3 * q3, out);
    out[0] = 1 + out[0]!;
    out[2] = 1 + out[2]!;
    return 2;
  }
  const h = hG;
  eigenvalues2(a, b, c, d, scratch, 4);
  let count = 0;
  for (let i = 4; i < 8; i += 2) {
    // z = h lambda
    const zRe = h * scratch[i]!;
    const zIm = h * scratch[i + 1]!;
    if (method === 'simultaneous') {
      out[count++] = 1 + zRe;
      out[count++] = zIm;
    } else if (method === 'extragradient') {
      out[count++] = 1 + zRe + (zRe * zRe - zIm * zIm);
      out[count++] = zIm + 2 * zRe * zIm;
    } else {
      // mu = (1 + 2z +- sqrt(1 + 4z^2)) / 2
      complexSqrt(1 + 4 * (zRe * zRe - zIm * zIm), 8 * zRe * zIm, scratch, 0);
      const rootRe = scratch[0]!, rootIm = scratch[1]!;
      out[count++] = (1 + 2 * zRe + rootRe) / 2;
      out[count++] = (2 * zIm + rootIm) / 2;
      out[count++] = (1 + 2 * zRe - rootRe) / 2;
      out[count++] = (2 * zIm - rootIm) / 2;
    }
  }
  return count / 2;
}

/** A complex number of wide parts. */
type WideComplex = readonly [Wide, Wide];

const W0 = wide.of(0);
const W1 = wide.of(1);
const W2 = wide.of(2);
const cAdd = ([a, b]: WideComplex, [c, d]: WideComplex): WideComplex => [wide.add(a, c), wide.add(b, d)];
const cMul = ([a, b]: WideComplex, [c, d]: WideComplex): WideComplex => [wide.sub(wide.mul(a, c), wide.mul(b, d)), wide.add(wide.mul(a, d), wide.mul(b, c))];
const cScale = ([a, b]: WideComplex, k: Wide): WideComplex => [wide.mul(a, k), wide.mul(b, k)];

/** The principal square root, as complexSqrt. */
function cSqrt([re, im]: WideComplex): WideComplex {
  if (re.m === 0 && im.m === 0) return [W0, im];
  const half = wide.of(0.5);
  const large = wide.sqrt(wide.mul(half, wide.add(wide.abs(re), wide.sqrt(wide.add(wide.mul(re, re), wide.mul(im, im))))));
  const small = wide.div(wide.abs(im), wide.mul(W2, large));
  if (re.m >= 0) return [large, im.m < 0 ? wide.neg(small) : small];
  return [small, im.m < 0 || Object.is(im.m, -0) ? wide.neg(large) : large];
}

/** The pair (a + d)/2 +- sqrt(((a - d)/2)^2 + bc) of a wide 2x2 matrix, as eigenvalues2. */
function eigenvalues2Wide(a: Wide, b: Wide, c: Wide, d: Wide): [WideComplex, WideComplex] {
  const half = wide.of(0.5);
  const center = wide.mul(half, wide.add(a, d));
  const halfDifference = wide.mul(half, wide.sub(a, d));
  const radicand = wide.add(wide.mul(halfDifference, halfDifference), wide.mul(b, c));
  const root = wide.sqrt(wide.abs(radicand));
  return radicand.m >= 0 ? [[wide.add(center, root), W0], [wide.sub(center, root), W0]] : [[center, root], [center, wide.neg(root)]];
}

/** (I + X)^n - I in wide arithmetic, as powerMinusIdentity. */
function powerMinusIdentityWide(x: readonly Wide[], n: number): Wide[] {
  const times = (r: readonly Wide[], b: readonly Wide[]): Wide[] => [
    wide.add(wide.add(r[0]!, b[0]!), wide.add(wide.mul(r[0]!, b[0]!), wide.mul(r[1]!, b[2]!))),
    wide.add(wide.add(r[1]!, b[1]!), wide.add(wide.mul(r[0]!, b[1]!), wide.mul(r[1]!, b[3]!))),
    wide.add(wide.add(r[2]!, b[2]!), wide.add(wide.mul(r[2]!, b[0]!), wide.mul(r[3]!, b[2]!))),
    wide.add(wide.add(r[3]!, b[3]!), wide.add(wide.mul(r[2]!, b[1]!), wide.mul(r[3]!, b[3]!))),
  ];
  let result: Wide[] = [W0, W0, W0, W0];
  let base: Wide[] = [...x];
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = times(result, base);
    if (k > 1) base = times(base, base);
  }
  return result;
}

/** updateMapEigenvalues in unbounded exponents (runtime/wide.ts), each eigenvalue narrowed to
 * doubles at the end: where the products of h overflow in doubles, +-Infinity only where the
 * eigenvalue itself is out of a double's range. */
function updateMapEigenvaluesWide(method: Method, j: ArrayLike<number>, hG: number, hD: number, nG: number, nD: number, out: Float64Array): number {
  const [a, b, c, d] = [j[0]!, j[1]!, j[2]!, j[3]!].map(wide.of) as [Wide, Wide, Wide, Wide];
  let values: WideComplex[];
  if (method === 'alternating') {
    const p = powerMinusIdentityWide([wide.mul(wide.of(hG), a), wide.mul(wide.of(hG), b), W0, W0], nG);
    const q = powerMinusIdentityWide([W0, W0, wide.mul(wide.of(hD), c), wide.mul(wide.of(hD), d)], nD);
    const n = [
      wide.add(wide.add(p[0]!, q[0]!), wide.add(wide.mul(p[0]!, q[0]!), wide.mul(p[1]!, q[2]!))),
      wide.add(wide.add(p[1]!, q[1]!), wide.add(wide.mul(p[0]!, q[1]!), wide.mul(p[1]!, q[3]!))),
      wide.add(wide.add(p[2]!, q[2]!), wide.add(wide.mul(p[2]!, q[0]!), wide.mul(p[3]!, q[2]!))),
      wide.add(wide.add(p[3]!, q[3]!), wide.add(wide.mul(p[2]!, q[1]!), wide.mul(p[3]!, q[3]!))),
    ] as const;
    values = eigenvalues2Wide(n[0], n[1], n[2], n[3]).map(([re, im]) => [wide.add(W1, re), im] as const);
  } else {
    const h = wide.of(hG);
    values = eigenvalues2Wide(a, b, c, d).flatMap((lambda): WideComplex[] => {
      const z = cScale(lambda, h);
      if (method === 'simultaneous') return [cAdd([W1, W0], z)];
      if (method === 'extragradient') return [cAdd([W1, W0], cAdd(z, cMul(z, z)))];
      // mu = (1 + 2z +- sqrt(1 + 4z^2)) / 2
      const root = cSqrt(cAdd([W1, W0], cScale(cMul(z, z), wide.of(4))));
      const middle = cAdd([W1, W0], cScale(z, W2));
      const half = wide.of(0.5);
      return [cScale(cAdd(middle, root), half), cScale(cAdd(middle, cScale(root, wide.of(-1))), half)];
    });
  }
  values.forEach(([re, im], i) => {
    out[2 * i] = wide.narrow(re);
    out[2 * i + 1] = wide.narrow(im);
  });
  return values.length;
}

/** Below this radius updateMapRadius's squares may have underflowed. */
const TINY_RADIUS = 2 ** -500;

/** The eigenvalues of updateMapRadius's careful path. */
const radiusValues = new Float64Array(8);

/**
 * The spectral radius of a method's update map for one learning rate h (alternating: hG = hD
 * = h, nG = nD = 1) at an equilibrium whose Jacobian is [[a, b], [c, d]], from the map as
 * I + N: with N's centre c = tr N / 2 and radicand r = ((n00 - n11)/2)^2 + n01 n10 (no digits
 * cancel between the trace and the determinant), the eigenvalues are 1 + c +- sqrt(r) and
 * rho = |1 + c| + sqrt(r) for r >= 0, sqrt((1 + c)^2 - r) for r < 0. A stability map calls it
 * at every point: it is kept small enough for V8 to inline into its caller (7 ns a point,
 * where updateMapEigenvalues and largestModulus take 25), and falls back on them (careful
 * with overflow and underflow) for the optimistic map (four eigenvalues) and wherever a
 * square overflows on the way.
 */
export function updateMapRadius(method: Method, a: number, b: number, c: number, d: number, h: number): number {
  if (method === 'optimistic') return updateMapRadiusCareful(method, a, b, c, d, h);
  let n00 = h * a, n01 = h * b, n10 = h * c, n11 = h * d;
  if (method === 'alternating') {
    // N = P + Q + PQ with P = h [[a, b], [0, 0]] and Q = h [[0, 0], [c, d]].
    n00 += n01 * n10;
    n01 += n01 * n11;
  } else if (method === 'extragradient') {
    // N = H + H^2 with H = hJ.
    const bc = n01 * n10;
    const trace = n00 + n11;
    n00 += n00 * n00 + bc;
    n11 += n11 * n11 + bc;
    n01 += n01 * trace;
    n10 += n10 * trace;
  }
  const center = (n00 + n11) / 2;
  const halfDifference = (n00 - n11) / 2;
  const radicand = halfDifference * halfDifference + n01 * n10;
  const radius = radicand < 0 ? Math.sqrt((1 + center) * (1 + center) - radicand) : Math.abs(1 + center) + Math.sqrt(radicand);
  // Not finite (NaN or Infinity) where a square overflowed; below 2^-500 a square may have
  // underflowed (rho = 1e-170 would come out 0): the careful path there too.
  return radius < Infinity && radius > TINY_RADIUS ? radius : updateMapRadiusCareful(method, a, b, c, d, h);
}

/** updateMapRadius from updateMapEigenvalues and largestModulus: every eigenvalue in the careful
 * forms of eigenvalues2 (and unbounded exponents where doubles overflow). */
function updateMapRadiusCareful(method: Method, a: number, b: number, c: number, d: number, h: number): number {
  return largestModulus(radiusValues, updateMapEigenvalues(method, [a, b, c, d], h, h, 1, 1, radiusValues));
}

/** |re + i im|: sqrt(re^2 + im^2), which costs a fraction of Math.hypot, and Math.hypot where the squares would overflow or underflow. */
export function modulus(re: number, im: number): number {
  const squared = re * re + im * im;
  return squared < 1e300 && squared > 1e-300 ? Math.sqrt(squared) : Math.hypot(re, im);
}

/** The largest modulus of the first `count` eigenvalues in `values` (re0, im0, re1, im1, ...); NaN if any is. */
export function largestModulus(values: ArrayLike<number>, count: number): number {
  let radius = 0;
  for (let i = 0; i < count; i++) radius = Math.max(radius, modulus(values[2 * i]!, values[2 * i + 1]!));
  return radius;
}
