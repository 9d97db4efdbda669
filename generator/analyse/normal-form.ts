/**
 * The normal form of a planar map at a fixed point whose linear part rotates (eigenvalues
 * mu, conj(mu) on the unit circle), to any odd order: in the complex coordinate z = <p, x>
 * the map is z -> mu z + sum g_jk z^j conj(z)^k, and each term with mu^j conj(mu)^k != mu is
 * removed, order by order, by the change z = w + h_jk w^j conj(w)^k with
 * h_jk = g_jk / (mu^j conj(mu)^k - mu) (the homological equation), leaving
 *   w -> mu w (1 + a_1 |w|^2 + a_2 |w|^4 + ...)
 * (Kuznetsov, Elements of Applied Bifurcation Theory, section 4.7; Arnold, Geometrical
 * Methods, section 23). Then u = |w|^2 maps to u |1 + a_1 u + a_2 u^2|^2: its drift is
 * 2 Re(a_1) u^2, or, where Re(a_1) = 0, (|a_1|^2 + 2 Re(a_2)) u^3 -- the quintic terms decide
 * what the cubic ones leave open. Every step is exact polynomial algebra on the map's Taylor
 * coefficients, in double precision; strong resonances (mu^n = 1, n <= order + 1) are refused.
 */
import { c, cabs, cdiv, cmul, conj, csub, eigenbasis } from './complex.js';
import type { Complex } from './complex.js';

/** A real bivariate polynomial: p[i][j] the coefficient of x^i y^j, i + j <= order (p.length - 1). */
export type Poly = number[][];
/** The matrix of a map's linear terms. */
export const linearPart = (map: readonly [Poly, Poly]): number[][] => [[map[0][1]![0]!, map[0][0]![1]!], [map[1][1]![0]!, map[1][0]![1]!]];

/** A complex polynomial in (z, conj(z)) to an order: the coefficient of z^j conj(z)^k at
 * index(j, k), real and imaginary parts apart. Plain arrays of doubles, not typed arrays: the
 * order-9 normal form makes some hundred thousand of these, and a Float64Array costs V8 far more
 * to allocate (0.13 s of the generator's run, from a profile, against none to speak of). */
interface ZPoly {
  readonly order: number;
  readonly re: number[];
  readonly im: number[];
}

/** Index of z^j conj(z)^k among the terms of total degree <= order, by degree, then j. */
const index = (j: number, k: number): number => ((j + k) * (j + k + 1)) / 2 + k;
const size = (order: number): number => ((order + 1) * (order + 2)) / 2;

const zzero = (order: number): ZPoly => ({ order, re: new Array<number>(size(order)).fill(0), im: new Array<number>(size(order)).fill(0) });
const get = (a: ZPoly, j: number, k: number): Complex => c(a.re[index(j, k)]!, a.im[index(j, k)]!);
function set(a: ZPoly, j: number, k: number, x: Complex): void {
  a.re[index(j, k)] = x.re;
  a.im[index(j, k)] = x.im;
}
function zadd(a: ZPoly, b: ZPoly, scale = 1): ZPoly {
  const out = zzero(a.order);
  for (let i = 0; i < a.re.length; i++) {
    out.re[i] = a.re[i]! + scale * b.re[i]!;
    out.im[i] = a.im[i]! + scale * b.im[i]!;
  }
  return out;
}
/** into += s a, in place (the same roundings as zadd(into, zscale(a, s)), without the two copies). */
function addScaled(into: ZPoly, a: ZPoly, s: Complex): void {
  for (let i = 0; i < a.re.length; i++) {
    into.re[i] = into.re[i]! + (a.re[i]! * s.re - a.im[i]! * s.im);
    into.im[i] = into.im[i]! + (a.re[i]! * s.im + a.im[i]! * s.re);
  }
}
function zscale(a: ZPoly, s: Complex): ZPoly {
  const out = zzero(a.order);
  for (let i = 0; i < a.re.length; i++) {
    out.re[i] = a.re[i]! * s.re - a.im[i]! * s.im;
    out.im[i] = a.re[i]! * s.im + a.im[i]! * s.re;
  }
  return out;
}
function zmul(a: ZPoly, b: ZPoly): ZPoly {
  const order = a.order;
  const out = zzero(order);
  for (let j = 0; j <= order; j++) for (let k = 0; j + k <= order; k++) {
    const xr = a.re[index(j, k)]!, xi = a.im[index(j, k)]!;
    // Powers of a coordinate are homogeneous: most of their terms are 0.
    if (xr === 0 && xi === 0) continue;
    for (let l = 0; j + k + l <= order; l++) for (let m = 0; j + k + l + m <= order; m++) {
      const yr = b.re[index(l, m)]!, yi = b.im[index(l, m)]!;
      const at = index(j + l, k + m);
      out.re[at] = out.re[at]! + xr * yr - xi * yi;
      out.im[at] = out.im[at]! + xr * yi + xi * yr;
    }
  }
  return out;
}
/** conj(P(z, conj z)) as a polynomial in (z, conj z): the coefficient of z^j conj(z)^k is conj(a_kj). */
function zconj(a: ZPoly): ZPoly {
  const out = zzero(a.order);
  for (let j = 0; j <= a.order; j++) for (let k = 0; j + k <= a.order; k++) {
    out.re[index(j, k)] = a.re[index(k, j)]!;
    out.im[index(j, k)] = -a.im[index(k, j)]!;
  }
  return out;
}

/** sum coefficient(i, j) X^i Y^j over the non-zero coefficients, truncated at X's order; the
 * powers only as far as the highest degree with a coefficient. */
function substitute(degree: number, coefficient: (i: number, j: number) => Complex, x: ZPoly, y: ZPoly): ZPoly {
  const terms: { i: number; j: number; k: Complex }[] = [];
  for (let i = 0; i <= degree; i++) for (let j = 0; i + j <= degree; j++) {
    const k = coefficient(i, j);
    if (k.re !== 0 || k.im !== 0) terms.push({ i, j, k });
  }
  const highest = Math.max(0, ...terms.map((t) => t.i + t.j));
  const one = zzero(x.order);
  one.re[0] = 1;
  const powers = (base: ZPoly): ZPoly[] => {
    const out = [one];
    for (let i = 1; i <= highest; i++) out.push(zmul(out[i - 1]!, base));
    return out;
  };
  const [xPowers, yPowers] = [powers(x), powers(y)];
  const result = zzero(x.order);
  for (const { i, j, k } of terms) addScaled(result, i === 0 ? yPowers[j]! : j === 0 ? xPowers[i]! : zmul(xPowers[i]!, yPowers[j]!), k);
  return result;
}

/** P(W, conj W) for a polynomial W in (w, conj w). */
const compose = (p: ZPoly, w: ZPoly): ZPoly => substitute(p.order, (j, k) => get(p, j, k), w, zconj(w));

/** How near |mu^j conj(mu)^k - mu| may come to 0 before a term counts as resonant. */
const RESONANCE = 1e-3;

export interface MapNormalForm {
  readonly mu: Complex;
  /** a_1, a_2, ...: w -> mu w (1 + a_1 |w|^2 + a_2 |w|^4 + ...). */
  readonly coefficients: readonly Complex[];
}

/**
 * The normal form of `map` (its Taylor coefficients to an odd order) at its fixed point 0,
 * where its linear part has eigenvalues of modulus 1 (to 1e-9) and no strong resonance;
 * else undefined.
 */
export function mapNormalForm(map: readonly [Poly, Poly]): MapNormalForm | undefined {
  const order = map[0].length - 1;
  const basis = eigenbasis(linearPart(map));
  if (!basis || Math.abs(cabs(basis.mu) - 1) > 1e-9) return undefined;
  const { mu, q, p } = basis;
  const muBar = conj(mu);
  // x = q z + conj(q) conj(z): each coordinate as a polynomial in (z, conj z).
  const coordinate = (qi: Complex): ZPoly => {
    const out = zzero(order);
    set(out, 1, 0, qi);
    set(out, 0, 1, conj(qi));
    return out;
  };
  const [x, y] = [coordinate(q[0]), coordinate(q[1])];
  const real = (f: Poly) => substitute(order, (i, j) => c(f[i]![j]!), x, y);
  // z' = <p, F(x)> = conj(p0) F0 + conj(p1) F1.
  let g = zadd(zscale(real(map[0]), conj(p[0])), zscale(real(map[1]), conj(p[1])));
  const power = (z: Complex, n: number): Complex => Array.from({ length: n }, () => z).reduce(cmul, c(1));
  for (let m = 2; m <= order; m++) {
    const h = zzero(order);
    let any = false;
    for (let j = 0; j <= m; j++) {
      const k = m - j;
      if (j === k + 1) continue;
      const denominator = csub(cmul(power(mu, j), power(muBar, k)), mu);
      if (cabs(denominator) < RESONANCE) return undefined;
      const coefficient = get(g, j, k);
      if (coefficient.re === 0 && coefficient.im === 0) continue;
      set(h, j, k, cdiv(coefficient, denominator));
      any = true;
    }
    if (!any) continue;
    // z = H(w) = w + h(w): the map in w is H^-1(G(H(w))); H^-1(u) = u - h(H^-1(u)), iterated
    // until exact to the order (each pass gains m - 1 orders).
    const identity = zzero(order);
    identity.re[index(1, 0)] = 1;
    const inH = compose(g, zadd(identity, h));
    let inverse = inH;
    for (let pass = 0; pass * (m - 1) < order; pass++) inverse = zadd(inH, compose(h, inverse), -1);
    g = inverse;
  }
  const coefficients = Array.from({ length: (order - 1) / 2 }, (_, l) => cdiv(get(g, l + 2, l + 1), mu));
  return { mu, coefficients };
}

/**
 * The radial map's terms: u = |w|^2 -> u (1 + r_1 u + r_2 u^2 + ...), r_n the coefficient of
 * u^n in |1 + a_1 u + a_2 u^2 + ...|^2 = sum_{i+j=n} Re(a_i conj(a_j)) with a_0 = 1; to the
 * order the normal form has (r_1 = 2 Re(a_1), r_2 = |a_1|^2 + 2 Re(a_2)).
 */
export function radialTerms(form: MapNormalForm): number[] {
  const a = [c(1), ...form.coefficients];
  return a.slice(1).map((_, index) => {
    const n = index + 1;
    let sum = 0;
    for (let i = 0; i <= n; i++) sum += a[i]!.re * a[n - i]!.re + a[i]!.im * a[n - i]!.im;
    return sum;
  });
}
