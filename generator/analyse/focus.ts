/**
 * Lyapunov coefficients at a centre (eigenvalues +-i*omega), exactly, from the field's
 * Taylor series at the equilibrium.
 *
 * 1. A linear change of coordinates (theta, phi) = P (x, y) brings the Jacobian J to
 *    [[0, -omega], [omega, 0]]: P = [p1, J p1 / omega] for any p1 (J^2 = -omega^2 I).
 * 2. The first coefficient by Guckenheimer and Holmes' formula (section 3.4), with f, g
 *    the two components in (x, y):
 *      16 a = f_xxx + f_xyy + g_xxy + g_yyy
 *             + (1/omega) [f_xy (f_xx + f_yy) - g_xy (g_xx + g_yy) - f_xx g_xx + f_yy g_yy].
 * 3. All coefficients by the Poincare-Lyapunov method: in z = x + i y and time omega*t,
 *    z' = i z + R(z, conj z); a function F = z conj(z) + F_3 + F_4 + ... is built degree by
 *    degree so that dF/dt = omega (L_1 F^2 + L_2 F^3 + ...): on z^p conj(z)^q the linear
 *    part acts as i (p - q), so every coefficient with p != q is solved for, and what is
 *    left on (z conj z)^m is L_(m-1). In polar form dr/dt = a_m r^(2m+1) with a_m =
 *    omega L_m / 2 for the first non-zero one; a_1 is G-H's a.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';
import { expand } from '../ir/expand.js';
import { eigenvaluesOf } from '../derive/equilibrium.js';
import type { Series } from './series.js';
import { addSeries, mulSeries, scaleSeries } from './series.js';

export type Matrix = readonly [readonly [Expr, Expr], readonly [Expr, Expr]];

export const linearPart = (s: readonly [Series, Series]): Matrix => [
  [s[0][1]![0]!, s[0][0]![1]!],
  [s[1][1]![0]!, s[1][0]![1]!],
];

/** omega with omega^2 = det J, signed as the derivation's eigenvalues are (df(0), not |df(0)|). */
export function rotationRate(j: Matrix): Expr {
  const trace = expand(E.add(j[0][0], j[1][1]));
  const determinant = expand(E.sub(E.mul(j[0][0], j[1][1]), E.mul(j[0][1], j[1][0])));
  return eigenvaluesOf(trace, determinant).imaginary ?? E.sqrt(determinant);
}

/** The field in coordinates where J = [[0, -omega], [omega, 0]]. */
export function normalCoordinates(field: readonly [Series, Series], omega: Expr): [Series, Series] {
  const j = linearPart(field);
  const order = field[0].length - 1;
  // p1 = e1 unless J e1 is vertical-free (J[1][0] = 0, impossible at a centre, but cheap to guard).
  const p1 = j[1][0] === E.ZERO ? [E.ZERO, E.ONE] as const : [E.ONE, E.ZERO] as const;
  const p2 = [E.div(E.add(E.mul(j[0][0], p1[0]), E.mul(j[0][1], p1[1])), omega), E.div(E.add(E.mul(j[1][0], p1[0]), E.mul(j[1][1], p1[1])), omega)] as const;
  const linear = (a: Expr, b: Expr): Series => Array.from({ length: order + 1 }, (_, i) => Array.from({ length: order + 1 - i }, (_, k) => (i === 1 && k === 0 ? expand(a) : i === 0 && k === 1 ? expand(b) : E.ZERO)));
  const theta = linear(p1[0], p2[0]);
  const phi = linear(p1[1], p2[1]);
  const thetaPowers: Series[] = [oneSeries(order)];
  const phiPowers: Series[] = [oneSeries(order)];
  for (let k = 1; k <= order; k++) {
    thetaPowers.push(mulSeries(thetaPowers[k - 1]!, theta));
    phiPowers.push(mulSeries(phiPowers[k - 1]!, phi));
  }
  const substituted = field.map((s) => {
    let out = zero(order);
    s.forEach((row, i) => row.forEach((c, k) => {
      if (c !== E.ZERO) out = addSeries(out, scaleSeries(mulSeries(thetaPowers[i]!, phiPowers[k]!), c));
    }));
    return out;
  });
  // P^-1 = [[P22, -P12], [-P21, P11]] / det P, with P = [[p1[0], p2[0]], [p1[1], p2[1]]].
  const det = E.sub(E.mul(p1[0], p2[1]), E.mul(p2[0], p1[1]));
  const inv = [[E.div(p2[1], det), E.neg(E.div(p2[0], det))], [E.neg(E.div(p1[1], det)), E.div(p1[0], det)]];
  return [0, 1].map((r) => addSeries(scaleSeries(substituted[0]!, inv[r]![0]!), scaleSeries(substituted[1]!, inv[r]![1]!))) as [Series, Series];
}

function zero(order: number): Series {
  return Array.from({ length: order + 1 }, (_, i) => Array.from({ length: order + 1 - i }, () => E.ZERO));
}
function oneSeries(order: number): Series {
  return zero(order).map((row, i) => row.map((c, k) => (i === 0 && k === 0 ? E.ONE : c)));
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
/** d^(i+k) g / dx^i dy^k at 0 from the series. */
const partial = (s: Series, i: number, k: number): Expr => E.mul(E.num(factorial(i) * factorial(k)), s[i]![k]!);

/** Guckenheimer-Holmes' first Lyapunov coefficient, from the field in normal coordinates. */
export function firstLyapunovCoefficient(normal: readonly [Series, Series], omega: Expr): Expr {
  const [f, g] = normal;
  const d = (s: Series, i: number, k: number) => partial(s, i, k);
  const cubic = E.add(d(f, 3, 0), d(f, 1, 2), d(g, 2, 1), d(g, 0, 3));
  const quadratic = E.add(
    E.mul(d(f, 1, 1), E.add(d(f, 2, 0), d(f, 0, 2))),
    E.neg(E.mul(d(g, 1, 1), E.add(d(g, 2, 0), d(g, 0, 2)))),
    E.neg(E.mul(d(f, 2, 0), d(g, 2, 0))),
    E.mul(d(f, 0, 2), d(g, 0, 2)),
  );
  return expand(E.mul(E.num(Q.rational(1n, 16n)), E.add(cubic, E.div(quadratic, omega))));
}

// Complex numbers and polynomials in z, conj(z) over the IR.
type Complex = readonly [Expr, Expr];
type ComplexPoly = Complex[][]; // c[p][q]: coefficient of z^p conj(z)^q
const C0: Complex = [E.ZERO, E.ZERO];
const cAdd = (a: Complex, b: Complex): Complex => [E.add(a[0], b[0]), E.add(a[1], b[1])];
const cMul = (a: Complex, b: Complex): Complex => [
  expand(E.sub(E.mul(a[0], b[0]), E.mul(a[1], b[1]))),
  expand(E.add(E.mul(a[0], b[1]), E.mul(a[1], b[0]))),
];
const cScale = (a: Complex, k: Expr): Complex => [expand(E.mul(a[0], k)), expand(E.mul(a[1], k))];

function polyZero(degree: number): ComplexPoly {
  return Array.from({ length: degree + 1 }, (_, p) => Array.from({ length: degree + 1 - p }, () => C0));
}
function polyMul(a: ComplexPoly, b: ComplexPoly, degree: number): ComplexPoly {
  const out = polyZero(degree);
  a.forEach((row, p) => row.forEach((x, q) => {
    if (x === C0 || (x[0] === E.ZERO && x[1] === E.ZERO)) return;
    b.forEach((row2, r) => row2.forEach((y, s) => {
      if (p + q + r + s > degree || (y[0] === E.ZERO && y[1] === E.ZERO)) return;
      out[p + r]![q + s] = cAdd(out[p + r]![q + s]!, cMul(x, y));
    }));
  }));
  return out.map((row) => row.map((c) => [expand(c[0]), expand(c[1])] as Complex));
}

/**
 * omega * L_m for m = 1..(order - 1) / 2 (real time: dF/dt = sum lambda_m F^(m+1)), from
 * the field in normal coordinates to total degree `order` (odd).
 */
export function focusQuantities(normal: readonly [Series, Series], omega: Expr): Expr[] {
  const order = normal[0].length - 1;
  const degree = order + 1;
  const half = E.num(Q.rational(1n, 2n));
  const x: ComplexPoly = polyZero(degree);
  x[1]![0] = [half, E.ZERO];
  x[0]![1] = [half, E.ZERO];
  const y: ComplexPoly = polyZero(degree);
  y[1]![0] = [E.ZERO, E.neg(half)];
  y[0]![1] = [E.ZERO, half];
  const xPowers: ComplexPoly[] = [polyZero(degree)];
  xPowers[0]![0]![0] = [E.ONE, E.ZERO];
  const yPowers: ComplexPoly[] = [xPowers[0]!];
  for (let k = 1; k <= order; k++) {
    xPowers.push(polyMul(xPowers[k - 1]!, x, degree));
    yPowers.push(polyMul(yPowers[k - 1]!, y, degree));
  }
  // R = P + i Q: the terms of degree >= 2 of the time-rescaled field (divided by omega).
  const r = polyZero(degree);
  const [pSeries, qSeries] = normal;
  for (let i = 0; i <= order; i++) for (let k = 0; i + k <= order; k++) {
    if (i + k < 2) continue;
    const coefficient: Complex = [expand(E.div(pSeries[i]![k]!, omega)), expand(E.div(qSeries[i]![k]!, omega))];
    if (coefficient[0] === E.ZERO && coefficient[1] === E.ZERO) continue;
    const monomial = polyMul(xPowers[i]!, yPowers[k]!, degree);
    monomial.forEach((row, p) => row.forEach((m, q) => (r[p]![q] = cAdd(r[p]![q]!, cMul(m, coefficient)))));
  }
  const rBar = (p: number, q: number): Complex => {
    const c = r[q]?.[p] ?? C0;
    return [c[0], expand(E.neg(c[1]))];
  };
  const f = polyZero(degree);
  f[1]![1] = [E.ONE, E.ZERO];
  const lambdas: Expr[] = [];
  for (let k = 3; k <= degree; k++) {
    for (let p = 0; p <= k; p++) {
      const q = k - p;
      // Degree-k part of F_z R + F_zbar conj(R) over lower-degree F_j.
      let n: Complex = C0;
      for (let a = 0; a <= degree; a++) for (let b = 0; a + b < k && a + b <= degree; b++) {
        const c = f[a]![b]!;
        if (a + b < 2 || (c[0] === E.ZERO && c[1] === E.ZERO)) continue;
        // z^a zbar^b: d/dz = a z^(a-1) zbar^b times R[p-a+1][q-b]; d/dzbar with conj(R).
        if (a >= 1 && p - a + 1 >= 0 && q - b >= 0) n = cAdd(n, cScale(cMul(c, r[p - a + 1]?.[q - b] ?? C0), E.num(a)));
        if (b >= 1 && p - a >= 0 && q - b + 1 >= 0) n = cAdd(n, cScale(cMul(c, rBar(p - a, q - b + 1)), E.num(b)));
      }
      n = [expand(n[0]), expand(n[1])];
      if (p === q) {
        if (n[1] !== E.ZERO) throw new Error(`focus quantity of degree ${k} has an imaginary part ${n[1].key}`);
        lambdas.push(expand(E.mul(omega, n[0])));
      } else {
        // i (p - q) c + n = 0  ->  c = i n / (p - q)
        const d = E.num(p - q);
        f[p]![q] = [expand(E.neg(E.div(n[1], d))), expand(E.div(n[0], d))];
      }
    }
  }
  return lambdas;
}
