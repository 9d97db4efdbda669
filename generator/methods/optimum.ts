/**
 * The learning rate at which a method's map contracts fastest, with one rate h = h_G = h_D and
 * its other hyperparameters at their defaults: the h of smallest spectral radius, found
 * numerically in every stable interval (a log grid, then golden-section search; none where the
 * radius still falls at the scan's end, 1e3: CGD's, which tends to 0 as h grows), and in closed
 * form where there is one that says the same. For a map of size 2 whose eigenvalues are a
 * complex pair at the optimum, rho^2 = det M = c_0(h), so the optimum is a root of c_0'(h); where
 * c_0 has degree 3 or less in h that root is a closed form in the game's hyperparameters
 * (gradient descent: h* = -tr J / (2 det J), rho*^2 = 1 - tr^2 J / (4 det J)). It is stated only
 * where it agrees with the numeric optimum; otherwise the optimum is numeric, and says so.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { coefficients, nonZeroRoots } from '../ir/polynomial.js';
import { expand } from '../ir/expand.js';
import { substitute } from '../ir/traverse.js';
import { ONE_RATE } from './one-rate.js';
import type { OneRate } from './one-rate.js';
import { LEARNING_RATES } from '../../runtime/bound.js';
import { hasRootAtOne, polynomialRadius } from '../../runtime/schur.js';
import { coefficientsAt } from '../contract/records.js';
import type { Plane } from './planes.js';
import { differentiate } from '../cas/differentiate.js';
import { fraction } from '../print/shape.js';

export interface Optimum {
  readonly h: number;
  readonly radius: number;
  /** h* and rho*^2 in closed form, in the game's hyperparameters; absent where the optimum is numeric only. */
  readonly closedForm?: { readonly h: Expr; readonly radiusSquared: Expr };
}

/** Where the numeric and the closed-form optimum must agree (the golden-section search's tolerance). */
const AGREEMENT = 1e-6;

/** The h of smallest spectral radius over the stable intervals, or undefined where there is none. */
export function optimumOf(oneRate: OneRate, inOneRate: () => readonly Expr[], env: Environment): Optimum | undefined {
  const numeric = numericOptimum(oneRate);
  if (!numeric) return undefined;
  const closedForm = closedFormOptimum(inOneRate, env, numeric, oneRate);
  if (!closedForm) return numeric;
  // The closed form's own numbers, free of the search's tolerance.
  const h = evaluate(closedForm.h, env);
  return { h, radius: Math.sqrt(evaluate(closedForm.radiusSquared, env)), closedForm };
}

function numericOptimum(oneRate: OneRate): { h: number; radius: number } | undefined {
  let best: { h: number; radius: number } | undefined;
  const [first, last] = [LEARNING_RATES[0]!, LEARNING_RATES[LEARNING_RATES.length - 1]!];
  for (const interval of oneRate.intervals) {
    const [from, to] = [Math.log(Math.max(interval.from, first)), Math.log(Math.min(interval.to, last))];
    const rho = (t: number): number => oneRate.spectralRadius(Math.exp(t));
    // A grid of 40, then golden-section search around its smallest sample.
    const samples = Array.from({ length: 41 }, (_, i) => from + ((to - from) * i) / 40);
    const values = samples.map(rho);
    const k = values.indexOf(Math.min(...values));
    let [a, b] = [samples[Math.max(0, k - 1)]!, samples[Math.min(samples.length - 1, k + 1)]!];
    const ratio = (Math.sqrt(5) - 1) / 2;
    while (b - a > AGREEMENT * 1e-3) {
      const [c, d] = [b - ratio * (b - a), a + ratio * (b - a)];
      if (rho(c) <= rho(d)) b = d;
      else a = c;
    }
    // At the end of the scan the radius still falls: the smallest is beyond 1e3, not an optimum.
    if (b >= Math.log(last) - 1e-3) continue;
    // The best of the last bracket: where eigenvalues meet, rho has a cusp and rises as the
    // square root of the distance on one side, so the midpoint can be 1e-5 above the minimum.
    const { h, radius } = [a, (a + b) / 2, b].map((t) => ({ h: Math.exp(t), radius: rho(t) })).reduce((p, q) => (q.radius < p.radius ? q : p));
    if (radius < 1 && (!best || radius < best.radius)) best = { h, radius };
  }
  return best;
}

/** p's coefficients in h, asked for (with the game's J, expanded) only where a closed form can come. */
function closedFormOptimum(game: () => readonly Expr[], env: Environment, numeric: { h: number; radius: number }, oneRate: OneRate): Optimum['closedForm'] {
  if (oneRate.coefficientsAt(1).length !== 3 || beyondCubic((h) => oneRate.coefficientsAt(h)[0]!)) return undefined;
  const inOneRate = game();
  const at = (e: Expr, h: number): number => evaluate(e, { ...env, symbols: { ...env.symbols, [ONE_RATE]: h } });
  const c0 = coefficients(expand(inOneRate[0]!), ONE_RATE);
  if (!c0 || c0.length < 2 || c0.length > 4) return undefined;
  // c_0'(h) = sum k c_k h^(k-1): its roots are the candidates.
  const derivative = c0.slice(1).map((c, k) => E.mul(E.num(k + 1), c));
  for (const candidate of nonZeroRoots(derivative) ?? []) {
    const h = evaluate(candidate, env);
    if (!Number.isFinite(h) || h <= 0 || Math.abs(h - numeric.h) > AGREEMENT * 10 * numeric.h) continue;
    // A complex pair there, so that rho^2 is c_0; and the radius the numeric search found.
    const [p0, p1] = [at(inOneRate[0]!, h), at(inOneRate[1]!, h)];
    if (p1 * p1 - 4 * p0 * at(inOneRate[2]!, h) >= 0) continue;
    if (Math.abs(Math.sqrt(p0) - oneRate.spectralRadius(h)) > 1e-9) continue;
    return { h: candidate, radiusSquared: substitute(inOneRate[0]!, new Map([[ONE_RATE, candidate]])) };
  }
  return undefined;
}

/**
 * Whether c(h) is certainly no polynomial of degree 3 or less: its fourth difference over
 * h = 1..5 is far beyond rounding (or not finite). Such a c_0 is not expanded: multiplying out a
 * lookahead's or an extragradient's c_0 only to find its degree too high took up to 2 s a game.
 */
function beyondCubic(c: (h: number) => number): boolean {
  const values = [1, 2, 3, 4, 5].map(c);
  const fourth = values[0]! - 4 * values[1]! + 6 * values[2]! - 4 * values[3]! + values[4]!;
  return !(Math.abs(fourth) <= 1e-9 * 16 * values.reduce((sum, v) => sum + Math.abs(v), 0));
}

/** The method's first hyperparameter q and the one rate h that together contract fastest. */
export interface JointOptimum {
  readonly name: string;
  readonly value: number;
  readonly h: number;
  readonly radius: number;
  /** q* and h* in closed form (the game's hyperparameters, the method's others): absent where numeric only. */
  readonly closedForm?: { readonly value: Expr; readonly h: Expr };
}

/** Where h is searched with q: past every bound the records find, and far below them. */
const JOINT_H: readonly [number, number] = [1e-3, 10];

/**
 * The (q, h) of smallest spectral radius over q's range and h in [1e-3, 10], from the rule's (q, h)
 * plane: a 21 x 31 grid (q linear, h logarithmic), then pattern searches (axes and diagonals) from
 * its three best points and from the optimum along h at q's default. The smallest radius found: a
 * search, not a proof; none where an eigenvalue 1 stays whatever q and h (LSGAN).
 * In closed form where the optimum in h has one, rho*^2(q) = c_0(h*(q)), the optimum is inside q's
 * range, and the numerator of its derivative in q has degree 2 or less: a root of it that agrees
 * with the search.
 */
export function jointOptimumOf(plane: Plane, range: readonly [number, number], defaultValue: number, env: Environment, alongH: Optimum | undefined): JointOptimum | undefined {
  // To 1e-10: the search compares radii, and its answer is a point, not the last digits of rho.
  const radius = (q: number, t: number, tolerance = 1e-10): number => polynomialRadius(coefficientsAt(plane, q, Math.exp(t)), undefined, tolerance);
  const [low, high] = range;
  const [tLow, tHigh] = [Math.log(JOINT_H[0]), Math.log(JOINT_H[1])];
  // An eigenvalue 1 that no (q, h) moves (J's eigenvalue 0: LSGAN) keeps the map from contracting anywhere.
  if ([[low, tLow], [high, tHigh], [(low + high) / 2, 0]].every(([q, t]) => hasRootAtOne(coefficientsAt(plane, q!, Math.exp(t!))))) return undefined;
  const grid: { q: number; t: number; rho: number }[] = [];
  for (let i = 0; i <= 20; i++) {
    for (let k = 0; k <= 30; k++) {
      // The ends exactly (low + (high - low) * 20 / 20 need not be high): the guard below tests them.
      const [q, t] = [i === 20 ? high : low + ((high - low) * i) / 20, tLow + ((tHigh - tLow) * k) / 30];
      // To 1e-6: the grid only ranks its points, and the searches start again at 1e-10.
      grid.push({ q, t, rho: radius(q, t, 1e-6) });
    }
  }
  grid.sort((a, b) => a.rho - b.rho);
  let best = grid[0]!;
  // The minima are narrow where eigenvalues meet: search from the grid's best point and from the
  // optimum along h at q's default, and keep the better.
  const search = (start: { q: number; t: number; rho: number }): { q: number; t: number; rho: number } => {
    // A move of the last step is often a point an earlier step tried (the way back, a boundary's clamp).
    // Keyed by the numbers themselves: a text key of two doubles cost more than many a radius.
    const tried = new Map<number, Map<number, number>>();
    const radiusOnce = (q: number, t: number): number => {
      let byT = tried.get(q);
      if (!byT) tried.set(q, (byT = new Map()));
      let rho = byT.get(t);
      if (rho === undefined) byT.set(t, (rho = radius(q, t)));
      return rho;
    };
    let at = start;
    let [dq, dt] = [(high - low) / 20, (tHigh - tLow) / 30];
    for (let iteration = 0; iteration < 60 && (dq > 1e-7 * (high - low) || dt > 1e-7); iteration++) {
      // Along the axes and the diagonals: the minima lie in narrow valleys across both.
      const moves = [[dq, 0], [-dq, 0], [0, dt], [0, -dt], [dq, dt], [dq, -dt], [-dq, dt], [-dq, -dt]].map(([a, b]) => ({ q: Math.min(high, Math.max(low, at.q + a!)), t: Math.min(tHigh, Math.max(tLow, at.t + b!)) }));
      const next = moves.map((m) => ({ ...m, rho: radiusOnce(m.q, m.t) })).reduce((a, b) => (b.rho < a.rho ? b : a));
      if (next.rho < at.rho) at = next;
      else [dq, dt] = [dq / 2, dt / 2];
    }
    return at;
  };
  const starts = [...grid.slice(0, 3).map(({ q, t }) => ({ q, t, rho: radius(q, t) })), ...(alongH && alongH.h >= JOINT_H[0] && alongH.h <= JOINT_H[1] ? [{ q: defaultValue, t: Math.log(alongH.h), rho: radius(defaultValue, Math.log(alongH.h)) }] : [])];
  best = starts.map(search).reduce((a, b) => (b.rho < a.rho ? b : a));
  if (!(best.rho < 1)) return undefined;
  const numeric = { name: plane.x, value: best.q, h: Math.exp(best.t), radius: best.rho };
  // At an end of q's range (the searches clamp to it exactly) the optimum is where the range
  // stops, not where rho*^2(q) is stationary: no closed form to look for.
  const atEnd = best.q === low || best.q === high;
  const closedForm = alongH?.closedForm && !atEnd ? jointClosedForm(plane.x, alongH.closedForm, env, numeric) : undefined;
  if (!closedForm) return numeric;
  const values = (e: Expr): number => evaluate(e, env);
  return { ...numeric, value: values(closedForm.value), h: values(closedForm.h), closedForm };
}

function jointClosedForm(q: string, alongH: NonNullable<Optimum['closedForm']>, env: Environment, numeric: { value: number; h: number; radius: number }): JointOptimum['closedForm'] {
  let derivative: Expr;
  try {
    derivative = differentiate(alongH.radiusSquared, q);
  } catch {
    return undefined;
  }
  const parts = fraction(derivative);
  const numerator = coefficients(expand(E.mul(...parts.numerator)), q);
  if (!numerator || numerator.length > 3) return undefined;
  for (const candidate of nonZeroRoots(numerator) ?? []) {
    const value = evaluate(candidate, env);
    if (!Number.isFinite(value) || Math.abs(value - numeric.value) > 1e-5 * (1 + Math.abs(value))) continue;
    const at = new Map([[q, candidate]]);
    const h = substitute(alongH.h, at);
    const rho = Math.sqrt(evaluate(substitute(alongH.radiusSquared, at), env));
    if (Math.abs(rho - numeric.radius) > 1e-9 || Math.abs(evaluate(h, env) - numeric.h) > 1e-5 * numeric.h) continue;
    return { value: candidate, h };
  }
  return undefined;
}
