/**
 * Alternating gradient steps where the linearisation says they cycle: the update map's
 * eigenvalues e^(+-i theta0) lie on the unit circle for every h below the bound, so whether the
 * iterates drift in, stay or drift out is decided by the map's nonlinear terms. In the
 * Neimark-Sacker normal form z -> e^(i theta0) z (1 + d |z|^2) + O(|z|^4) (Kuznetsov, Elements of
 * Applied Bifurcation Theory, 3rd ed., section 4.7 and eq. (5.74)), with z = <p, x> the complex
 * coordinate along the eigenvector q (<q, q> = 1, <p, q> = 1), |z_k|^-2 - |z_0|^-2 -> -2 d k:
 * d < 0 drifts in, algebraically (|z_k|^2 k -> 1/(2|d|)), d > 0 drifts out; d = 0 leaves it to
 * higher terms. d comes from the map's Taylor coefficients to third order, composed exactly from
 * the field's series at (0, 0) (series.ts) and evaluated at the defaults, at each h of a grid.
 * The generator's part of the step first, as the runtime's alternatingStep takes them.
 */
import type { Expr } from '../ir/expr.js';
import * as E from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { KinkAtPoint, seriesOf, seriesToExpr } from './series.js';
import { localise } from './centre.js';
import { expand } from '../ir/expand.js';
import type { DriftRecord } from '../contract/records.js';
import { c, cabs, cadd, cdiv, cmul, conj, eigenbasis, inner } from './complex.js';
import { linearPart, mapNormalForm, radialTerms } from './normal-form.js';
import type { Poly } from './normal-form.js';
import type { Complex, Vector } from './complex.js';

/** The cubic terms decide d; higher ones where d = 0 (normal-form.ts). */
const ORDER = 3;

const orderOf = (a: Poly): number => a.length - 1;
const zero = (order: number): Poly => Array.from({ length: order + 1 }, (_, i) => new Array<number>(order + 1 - i).fill(0));
const add = (a: Poly, b: Poly): Poly => a.map((row, i) => row.map((c, j) => c + b[i]![j]!));
const scale = (a: Poly, k: number): Poly => a.map((row) => row.map((c) => c * k));
function mul(a: Poly, b: Poly): Poly {
  const order = orderOf(a);
  const out = zero(order);
  for (let i = 0; i <= order; i++) for (let j = 0; i + j <= order; j++) {
    if (a[i]![j] === 0) continue;
    for (let k = 0; i + k <= order; k++) for (let l = 0; i + j + k + l <= order; l++) out[i + k]![j + l]! += a[i]![j]! * b[k]![l]!;
  }
  return out;
}
const variable = (which: 0 | 1, order: number): Poly => {
  const p = zero(order);
  if (which === 0) p[1]![0] = 1;
  else p[0]![1] = 1;
  return p;
};

/** v(u, y) with u a polynomial in (x, y): the sum of v's terms c u^i y^j, truncated. */
function composeTheta(v: Poly, u: Poly): Poly {
  const order = orderOf(v);
  const y = variable(1, order);
  let result = zero(order);
  let uPower = zero(order);
  uPower[0]![0] = 1;
  for (let i = 0; i <= order; i++) {
    let term = uPower;
    for (let j = 0; i + j <= order; j++) {
      if (v[i]![j] !== 0) result = add(result, scale(term, v[i]![j]!));
      term = mul(term, y);
    }
    uPower = mul(uPower, u);
  }
  return result;
}

/** The alternating map (theta, phi) -> (theta + h v_theta, phi + h v_phi(theta + h v_theta, phi)), to the field's order. */
function alternatingMap(field: readonly [Poly, Poly], h: number): [Poly, Poly] {
  const order = orderOf(field[0]);
  const theta = add(variable(0, order), scale(field[0], h));
  const phi = add(variable(1, order), scale(composeTheta(field[1], theta), h));
  return [theta, phi];
}

/** The second and third derivatives of a map component as the symmetric forms B and C. */
function forms(f: Poly): { b: (u: Vector, v: Vector) => Complex; c: (u: Vector, v: Vector, w: Vector) => Complex } {
  const [fxx, fxy, fyy] = [2 * f[2]![0]!, f[1]![1]!, 2 * f[0]![2]!];
  const [fxxx, fxxy, fxyy, fyyy] = [6 * f[3]![0]!, 2 * f[2]![1]!, 2 * f[1]![2]!, 6 * f[0]![3]!];
  const m = (k: number, ...zs: Complex[]): Complex => zs.reduce((p, z) => cmul(p, z), c(k));
  return {
    b: (u, v) => [m(fxx, u[0], v[0]), m(fxy, u[0], v[1]), m(fxy, u[1], v[0]), m(fyy, u[1], v[1])].reduce(cadd),
    c: (u, v, w) => [
      m(fxxx, u[0], v[0], w[0]),
      m(fxxy, u[0], v[0], w[1]), m(fxxy, u[0], v[1], w[0]), m(fxxy, u[1], v[0], w[0]),
      m(fxyy, u[0], v[1], w[1]), m(fxyy, u[1], v[0], w[1]), m(fxyy, u[1], v[1], w[0]),
      m(fyyy, u[1], v[1], w[1]),
    ].reduce(cadd),
  };
}

/** (mu I - A)^-1 r for a 2x2 real A and complex mu, r. */
function solve(a: readonly (readonly number[])[], mu: Complex, r: Vector): Vector {
  const [m00, m01, m10, m11] = [cadd(mu, c(-a[0]![0]!)), c(-a[0]![1]!), c(-a[1]![0]!), cadd(mu, c(-a[1]![1]!))];
  const det = cadd(cmul(m00, m11), cmul(c(-1), cmul(m01, m10)));
  return [cdiv(cadd(cmul(m11, r[0]), cmul(c(-1), cmul(m01, r[1]))), det), cdiv(cadd(cmul(m00, r[1]), cmul(c(-1), cmul(m10, r[0]))), det)];
}

interface NormalForm {
  /** The rotation angle theta0 of the linear map, in (0, pi). */
  readonly angle: number;
  /** The cubic coefficient d of the normal form; NaN at a strong resonance (theta0 = 2 pi/3 or pi/2: there the normal form has other terms). */
  readonly coefficient: number;
}

/** How near (radians) theta0 may come to a strong resonance before d means nothing. */
const RESONANCE = 1e-3;

/** The normal form of a planar map with linear part on the unit circle, or undefined where its eigenvalues are not a complex pair of modulus 1 (to 1e-9). */
function neimarkSacker(map: readonly [Poly, Poly]): NormalForm | undefined {
  const a = linearPart(map);
  const basis = eigenbasis(a);
  if (!basis || Math.abs(cabs(basis.mu) - 1) > 1e-9) return undefined;
  const { mu, q, p } = basis;
  const muBar = conj(mu);
  const angle = Math.atan2(mu.im, mu.re);
  if (Math.abs(angle - (2 * Math.PI) / 3) < RESONANCE || Math.abs(angle - Math.PI / 2) < RESONANCE) return { angle, coefficient: NaN };
  const [f0, f1] = [forms(map[0]), forms(map[1])];
  const b = (u: Vector, v: Vector): Vector => [f0.b(u, v), f1.b(u, v)];
  const cubic = (u: Vector, v: Vector, w: Vector): Vector => [f0.c(u, v, w), f1.c(u, v, w)];
  const qBar: Vector = [conj(q[0]), conj(q[1])];
  // d = 1/2 Re{ e^(-i theta0) [ <p, C(q, q, qbar)> + 2 <p, B(q, (I - A)^-1 B(q, qbar))> + <p, B(qbar, (e^(2 i theta0) I - A)^-1 B(q, q))> ] }
  const first = inner(p, cubic(q, q, qBar));
  const second = cmul(c(2), inner(p, b(q, solve(a, c(1), b(q, qBar)))));
  const third = inner(p, b(qBar, solve(a, cmul(mu, mu), b(q, q))));
  const coefficient = 0.5 * cmul(muBar, cadd(cadd(first, second), third)).re;
  return { angle, coefficient };
}

/** The field's series at (0, 0) to `order`, with the numbers of `env`; undefined where it has
 * none (a kink through (0, 0), a term such as x^4 log(x^2) whose series stops): nothing to say. */
function seriesOrNothing(field: readonly [Expr, Expr], positive: ReadonlySet<string>, env: Environment, order: number): [Poly, Poly] | undefined {
  try {
    return field.map((v) => seriesOf(v, { theta: E.ZERO, phi: E.ZERO }, order, positive).map((row) => row.map((coefficient) => evaluate(coefficient, env)))) as [Poly, Poly];
  } catch (error) {
    if (error instanceof KinkAtPoint || error instanceof RangeError) return undefined;
    throw error;
  }
}

/** The learning rates d is sampled at, below the bound (the site's default run, 0.2, among them). */
const DRIFT_RATES: readonly number[] = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 1.5, 2, 3];

/** Whether the field, its kinks replaced by their form near (0, 0), is exactly its linear part
 * there (WGAN's, the hinge loss's): then so is the map, z -> e^(i theta0) z with nothing after. */
function linearNearOrigin(field: readonly [Expr, Expr], positive: ReadonlySet<string>): boolean {
  const origin = new Map([['theta', E.ZERO], ['phi', E.ZERO]]);
  const local = localise(field, origin, { positive }).field;
  return local.every((v) => expand(E.sub(v, seriesToExpr(seriesOf(v, { theta: E.ZERO, phi: E.ZERO }, 1, positive), E.sym('theta'), E.sym('phi')))) === E.ZERO);
}

/** The drift of alternating steps (hG = hD = h, one step each) where their linearisation at
 * (0, 0) cycles below `bound`, with the field's numbers at the defaults; undefined where the
 * field has no series there (a kink through (0, 0), an undefined term); the caller gives
 * numbers for f (f abstract has none). */
export function alternatingDrift(field: readonly [Expr, Expr], positive: ReadonlySet<string>, env: Environment, bound: number): DriftRecord | undefined {
  const polynomials = seriesOrNothing(field, positive, env, ORDER);
  if (!polynomials) return undefined;
  const samples = DRIFT_RATES.filter((h) => h < bound).map((h) => {
    const map = alternatingMap(polynomials, h);
    const form = neimarkSacker(map);
    if (!form || !Number.isFinite(form.coefficient)) return { h, coefficient: null };
    // d is a sum of products of two of the map's coefficients: below this it is rounding.
    const size = Math.max(1, ...map.flat(2).map(Math.abs));
    const rounding = 1e-12 * size * size;
    return { h, coefficient: Math.abs(form.coefficient) <= rounding ? 0 : Number(form.coefficient.toPrecision(12)) };
  });
  const decided = samples.flatMap((s) => (s.coefficient === null ? [] : [s.coefficient]));
  if (decided.length === 0) return undefined;
  if (decided.every((d) => d === 0)) {
    if (linearNearOrigin(field, positive)) return { method: 'alternating', verdict: 'stays', order: 3, samples };
    return higherDrift(field, positive, env, samples);
  }
  return { method: 'alternating', verdict: signVerdict(decided), order: 3, samples };
}

/** drifts-in where every coefficient is negative, out where every one is positive, undecided where all are 0, else mixed. */
const signVerdict = (decided: readonly number[]): DriftRecord['verdict'] =>
  decided.every((d) => d < 0) ? 'drifts-in' : decided.every((d) => d > 0) ? 'drifts-out' : decided.every((d) => d === 0) ? 'undecided' : 'mixed';

/** The highest order of the normal form computed where the lower ones vanish. */
const HIGHEST_ORDER = 9;
/** The relative nudge of each Taylor coefficient that measures how much a radial term moves
 * with the map's last digits, and how far above that movement (scaled to rounding) a term must be. */
const NUDGE = 1e-9;
const ROUNDING_MARGIN = 1e-4;
/** Below this a radial term is rounding whatever the nudge says (a term the nudge leaves at 0);
 * a real one below it reads as 0 too (GAN's d9 would, below h = 0.002: the samples start at 0.01). */
const ROUNDING_FLOOR = 1e-14;

/** The map's coefficients each moved by NUDGE, in a fixed pattern of signs. */
const nudged = (map: readonly [Poly, Poly]): [Poly, Poly] =>
  map.map((f, m) => f.map((row, i) => row.map((x, j) => x * (1 + NUDGE * (((i * 7 + j * 3 + m * 5) % 5) - 2))))) as [Poly, Poly];

/**
 * The radial terms r_1, r_2, ... of one map, each 0 where it is below the rounding of the
 * computation (its change under a nudge of the coefficients, scaled from the nudge to double
 * precision), or null where the normal form does not exist (a strong resonance).
 */
function radialTermsOf(map: readonly [Poly, Poly]): number[] | null {
  const [form, moved] = [mapNormalForm(map), mapNormalForm(nudged(map))];
  if (!form || !moved) return null;
  const [r, rMoved] = [radialTerms(form), radialTerms(moved)];
  // A term that overflowed (a map whose coefficients are huge) decides nothing.
  if (!r.every(Number.isFinite)) return null;
  return r.map((x, k) => (Math.abs(x) <= Math.max(ROUNDING_FLOOR, ROUNDING_MARGIN * Math.abs(x - rMoved[k]!)) ? 0 : x));
}

/**
 * Where d = 0 at every sampled h: the normal form to order 9 (normal-form.ts; its terms of
 * order 5 and 7 are those of the normal forms to those orders), and the first radial term that
 * does not vanish at every h decides. In the normal form u = |w|^2 -> u (1 + 2 d_n u^m + ...)
 * with n = 2m + 1, so |z_k|^(-2m) - |z_0|^(-2m) -> -2 m d_n k: d_n < 0 drifts in, with
 * |z_k|^(2m) k -> 1/(2m |d_n|).
 */
function higherDrift(field: readonly [Expr, Expr], positive: ReadonlySet<string>, env: Environment, cubic: DriftRecord['samples']): DriftRecord {
  const polynomials = seriesOrNothing(field, positive, env, HIGHEST_ORDER);
  if (!polynomials) return { method: 'alternating', verdict: 'undecided', order: 3, samples: cubic };
  const terms = cubic.map(({ h, coefficient }) => (coefficient === null ? null : radialTermsOf(alternatingMap(polynomials, h))));
  let last: DriftRecord | undefined;
  for (let m = 2; 2 * m + 1 <= HIGHEST_ORDER; m++) {
    const samples = cubic.map((sample, k) => ({ ...sample, higher: terms[k] ? Number((terms[k]![m - 1]! / 2).toPrecision(12)) : null }));
    const decided = samples.flatMap((s) => (s.higher === null ? [] : [s.higher]));
    last = { method: 'alternating', verdict: decided.length ? signVerdict(decided) : 'undecided', order: (2 * m + 1) as DriftRecord['order'], samples };
    if (decided.some((d) => d !== 0)) break;
  }
  return last!;
}
