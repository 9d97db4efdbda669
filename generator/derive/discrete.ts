/**
 * Stage 3c: training in discrete time. For each training method, the update map's
 * Jacobian at the equilibrium, its eigenvalues and spectral radius in closed form, and the
 * largest stable learning rate (Mescheder et al. 2017, section 3; 2018, section 2.2):
 *
 *   simultaneous   x <- x + h v(x)                          M = I + hJ
 *   alternating    nD steps phi <- phi + hD v_phi,          M = G^nG D^nD
 *                  then nG steps theta <- theta + hG v_theta
 *   extragradient  x <- x + h v(x + h v(x))                  M = I + hJ + h^2 J^2
 *   optimistic     x <- x + 2h v(x) - h v(x_prev)            [[I + 2hJ, -hJ], [I, 0]]
 *
 * J is the Jacobian at the equilibrium. A 2x2 map is stable iff |det M| < 1 and
 * |tr M| < 1 + det M (the Jury conditions); the stability bound is the first root in h of
 * one of those four boundaries, each a polynomial in h solved in closed form (the bound is
 * the smallest positive real root, for any hyperparameters). The optimistic map is 4x4: its eigenvalues come in
 * closed form from each eigenvalue lambda of J, mu^2 - (1 + 2 h lambda) mu + h lambda = 0,
 * and its bound is found numerically.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { determinantOf, eigenvaluesOf, traceOf } from './equilibrium.js';
import type { Eigenvalues } from './equilibrium.js';
import type { Matrix2 } from './field.js';
import { coefficients, nonZeroRoots } from '../ir/polynomial.js';
import { signOf } from './sign.js';
import { expand } from '../ir/expand.js';

export const METHODS = ['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const;
export type Method = (typeof METHODS)[number];

const H = E.sym('h');
const [H_G, H_D, N_G, N_D] = ['h_g', 'h_d', 'n_g', 'n_d'].map(E.sym) as [Expr, Expr, Expr, Expr];
const LAMBDA = E.sym('lambda');
const HALF = E.num(0.5);

/** How training with a method behaves near the equilibrium, as h grows from 0. */
export type DiscreteVerdict =
  | 'converges-below-bound' // spectral radius < 1 for 0 < h < bound
  | 'cycles-below-bound' // eigenvalues on the unit circle for 0 < h < bound: bounded, no convergence
  | 'never-converges' // spectral radius > 1 for every h > 0
  | 'undecided' // spectral radius exactly 1 for every h > 0: the linearisation does not decide
  | 'converges-for-all-h';

export interface Bound {
  /** 'closed-form': the smallest positive real one of `roots`; 'numeric': found by bisection at the defaults. */
  readonly kind: 'closed-form' | 'numeric';
  readonly roots?: readonly Expr[];
  /** The bound at the default hyperparameters. */
  readonly atDefaults: number;
}

export interface MethodAnalysis {
  readonly method: Method;
  /** The map's Jacobian at the equilibrium (2x2 methods), in h or hG, hD, nG, nD. */
  readonly matrix?: Matrix2;
  /** Its eigenvalues (2x2 methods) -- or, for the optimistic method, mu in terms of lambda. */
  readonly eigenvalues: Eigenvalues;
  /** Trace and determinant of the map with one learning rate h (and nG = nD = 1). */
  readonly trace?: Expr;
  readonly determinant?: Expr;
  readonly verdict: DiscreteVerdict;
  readonly bound?: Bound;
  readonly reason: string;
}

const I2: Matrix2 = [[E.ONE, E.ZERO], [E.ZERO, E.ONE]];
const add2 = (a: Matrix2, b: Matrix2): Matrix2 => [[E.add(a[0][0], b[0][0]), E.add(a[0][1], b[0][1])], [E.add(a[1][0], b[1][0]), E.add(a[1][1], b[1][1])]];
const scale2 = (k: Expr, a: Matrix2): Matrix2 => [[E.mul(k, a[0][0]), E.mul(k, a[0][1])], [E.mul(k, a[1][0]), E.mul(k, a[1][1])]];
const mul2 = (a: Matrix2, b: Matrix2): Matrix2 => [
  [E.add(E.mul(a[0][0], b[0][0]), E.mul(a[0][1], b[1][0])), E.add(E.mul(a[0][0], b[0][1]), E.mul(a[0][1], b[1][1]))],
  [E.add(E.mul(a[1][0], b[0][0]), E.mul(a[1][1], b[1][0])), E.add(E.mul(a[1][0], b[0][1]), E.mul(a[1][1], b[1][1]))],
];

/** x^n summed as a geometric series step: n*h*k when the rate is 0, else k*(x^n - 1)/rate. */
const geometric = (rate: Expr, step: Expr, k: Expr, n: Expr): Expr =>
  rate === E.ZERO ? E.mul(n, step, k) : E.div(E.mul(k, E.sub(E.pow(E.add(E.ONE, E.mul(step, rate)), n), E.ONE)), rate);

/** G^nG D^nD for J = [[a, b], [c, d]]: nD discriminator steps, then nG generator steps. */
function alternatingMatrix(j: Matrix2): Matrix2 {
  const [[a, b], [c, d]] = j;
  const w = E.pow(E.add(E.ONE, E.mul(H_D, d)), N_D);
  const g = E.pow(E.add(E.ONE, E.mul(H_G, a)), N_G);
  const discriminatorPower: Matrix2 = [[E.ONE, E.ZERO], [geometric(d, H_D, c, N_D), w]];
  const generatorPower: Matrix2 = [[g, geometric(a, H_G, b, N_G)], [E.ZERO, E.ONE]];
  return mul2(generatorPower, discriminatorPower);
}

const ONE_LEARNING_RATE = new Map<string, Expr>([['h_g', H], ['h_d', H], ['n_g', E.ONE], ['n_d', E.ONE]]);

const expand2 = (m: Matrix2): Matrix2 => [[expand(m[0][0]), expand(m[0][1])], [expand(m[1][0]), expand(m[1][1])]];

export function mapMatrix(method: Exclude<Method, 'optimistic'>, j: Matrix2): Matrix2 {
  return expand2(unexpandedMapMatrix(method, j));
}

function unexpandedMapMatrix(method: Exclude<Method, 'optimistic'>, j: Matrix2): Matrix2 {
  switch (method) {
    case 'simultaneous': return add2(I2, scale2(H, j));
    case 'extragradient': return add2(add2(I2, scale2(H, j)), scale2(E.pow(H, E.num(2)), mul2(j, j)));
    case 'alternating': return alternatingMatrix(j);
  }
}

/** The spectral radius of a 2x2 map from its trace and determinant. */
export function spectralRadius2(trace: number, determinant: number): number {
  const radicand = (trace * trace) / 4 - determinant;
  return radicand < 0 ? Math.sqrt(determinant) : Math.abs(trace) / 2 + Math.sqrt(radicand);
}

/** The spectral radius of the optimistic map for eigenvalues lambda of J (complex numbers). */
export function optimisticSpectralRadius(h: number, lambdas: readonly (readonly [number, number])[]): number {
  let radius = 0;
  for (const [re, im] of lambdas) {
    // mu = ((1 + 2 h lambda) +- sqrt(1 + 4 h^2 lambda^2)) / 2, in complex arithmetic.
    const [br, bi] = [1 + 2 * h * re, 2 * h * im];
    const [qr, qi] = [1 + 4 * h * h * (re * re - im * im), 8 * h * h * re * im];
    const modulus = Math.hypot(qr, qi);
    const [sr, si] = [Math.sqrt((modulus + qr) / 2), Math.sign(qi || 1) * Math.sqrt(Math.max(0, (modulus - qr) / 2))];
    radius = Math.max(radius, Math.hypot(br + sr, bi + si) / 2, Math.hypot(br - sr, bi - si) / 2);
  }
  return radius;
}

const UNDECIDED = {
  verdict: 'undecided',
  reason: 'the spectral radius is exactly 1 for every learning rate (an eigenvalue 1 that h does not move): the linearisation does not decide whether the iterates converge',
} as const;

const H_GRID = Array.from({ length: 121 }, (_, i) => 10 ** (-6 + i * 0.075)); // 1e-6 .. 1e3
const TOUCHES_ONE = 1e-9;

/** The first h of the grid at which rho reaches 1, refined by bisection; undefined if none. */
function firstCrossing(rho: (h: number) => number, converging: boolean): number | undefined {
  const unstable = (h: number) => (converging ? rho(h) >= 1 : rho(h) > 1 + TOUCHES_ONE);
  const index = H_GRID.findIndex(unstable);
  if (index <= 0) return undefined;
  let [lo, hi] = [H_GRID[index - 1]!, H_GRID[index]!];
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (unstable(mid)) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The stability bound from the Jury boundaries: at every real root of det M = +-1 or
 * tr M = +-(1 + det M) the map has an eigenvalue on the unit circle, and the spectral
 * radius can only cross 1 there; so the bound is the smallest positive real root. When
 * every boundary polynomial has closed-form roots, the bound is their minimum in closed
 * form; otherwise it is left to bisection.
 */
function juryRoots(trace: Expr, determinant: Expr): Expr[] | undefined {
  const boundaries = [E.sub(E.ONE, determinant), E.add(E.ONE, determinant), E.sub(E.add(E.ONE, determinant), trace), E.add(E.ONE, determinant, trace)];
  const roots: Expr[] = [];
  for (const boundary of boundaries) {
    const c = coefficients(boundary, 'h');
    const r = c && nonZeroRoots(c);
    if (!r) return undefined;
    roots.push(...r);
  }
  return [...new Set(roots)].filter(mayBePositiveReal);
}

/** False for a root that the sign analysis shows is never a positive real number (a
 * negative value, or the square root of a negative one) for any hyperparameters > 0. */
function mayBePositiveReal(root: Expr): boolean {
  // Every symbol but h in a root is a hyperparameter, and hyperparameters are positive.
  const positive = new Set([...E.symbolsOf(root)].filter((name) => name !== 'h'));
  if (signOf(root, positive) === 'negative' || signOf(root, positive) === 'zero') return false;
  return !E.nodesOf(root).some((node) => node.kind === 'pow' && node.exponent === HALF && signOf(node.base, positive) === 'negative');
}

/** The smallest positive real value among the roots, at the given environment. */
export function smallestPositive(roots: readonly Expr[], env: Environment): number | undefined {
  const values = roots.map((r) => evaluate(r, env)).filter((v) => Number.isFinite(v) && v > 1e-12);
  return values.length ? Math.min(...values) : undefined;
}

function analyseTwoByTwo(method: Exclude<Method, 'optimistic'>, j: Matrix2, env: Environment): MethodAnalysis {
  const matrix = mapMatrix(method, j);
  // The bound is stated for one learning rate h = hG = hD and nG = nD = 1.
  const m: Matrix2 = method === 'alternating' ? [
    [E.substitute(matrix[0][0], ONE_LEARNING_RATE), E.substitute(matrix[0][1], ONE_LEARNING_RATE)],
    [E.substitute(matrix[1][0], ONE_LEARNING_RATE), E.substitute(matrix[1][1], ONE_LEARNING_RATE)],
  ] : matrix;
  const trace = expand(traceOf(m));
  const determinant = expand(determinantOf(m));
  const eigenvalues = eigenvaluesOf(traceOf(matrix), determinantOf(matrix));
  const rho = (h: number): number => {
    const at = { ...env, symbols: { ...env.symbols, h } };
    return spectralRadius2(evaluate(trace, at), evaluate(determinant, at));
  };
  // Eigenvalues on the unit circle for every small h: the iterates cycle.
  const onUnitCircle = E.sub(determinant, E.ONE) === E.ZERO && Math.abs(rho(1e-4) - 1) < TOUCHES_ONE;
  const base = { method, matrix, eigenvalues, trace, determinant };
  if (H_GRID.every((h) => Math.abs(rho(h) - 1) < TOUCHES_ONE)) return { ...base, ...UNDECIDED };
  const small = rho(H_GRID[0]!);
  if (!onUnitCircle && small >= 1) {
    return { ...base, verdict: 'never-converges', reason: `the spectral radius is at least 1 for every learning rate (${small.toFixed(12)} at h = 1e-6)` };
  }
  const crossing = firstCrossing(rho, !onUnitCircle);
  if (crossing === undefined) return { ...base, verdict: 'converges-for-all-h', reason: 'the spectral radius stays below 1 for every h up to 1e3' };
  const roots = juryRoots(trace, determinant);
  const closedForm = roots && smallestPositive(roots, env);
  // The closed form must agree with the numeric crossing; if not, trust only the number.
  const bound: Bound = roots && closedForm !== undefined && Math.abs(closedForm - crossing) <= 1e-6 * crossing
    ? { kind: 'closed-form', roots, atDefaults: closedForm }
    : { kind: 'numeric', atDefaults: crossing };
  return onUnitCircle
    ? { ...base, verdict: 'cycles-below-bound', bound, reason: 'det M = 1: below the bound the eigenvalues lie on the unit circle and the iterates cycle; above it one leaves the circle' }
    : { ...base, verdict: 'converges-below-bound', bound, reason: 'the spectral radius is below 1 exactly for learning rates below the bound' };
}

function analyseOptimistic(j: Matrix2, env: Environment): MethodAnalysis {
  const twoHLambda = E.mul(E.num(2), H, LAMBDA);
  const eigenvalues: Eigenvalues = {
    center: E.mul(E.num(0.5), E.add(E.ONE, twoHLambda)),
    radicand: E.mul(E.num(0.25), E.add(E.ONE, E.mul(E.num(4), E.pow(H, E.num(2)), E.pow(LAMBDA, E.num(2))))),
  };
  const jEigen = eigenvaluesOf(traceOf(j), determinantOf(j));
  const center = evaluate(jEigen.center, env);
  const radicand = evaluate(jEigen.radicand, env);
  const s = Math.sqrt(Math.abs(radicand));
  const lambdas: [number, number][] = radicand < 0 ? [[center, s], [center, -s]] : [[center + s, 0], [center - s, 0]];
  const rho = (h: number) => optimisticSpectralRadius(h, lambdas);
  const base = { method: 'optimistic' as const, eigenvalues };
  if (H_GRID.every((h) => Math.abs(rho(h) - 1) < TOUCHES_ONE)) return { ...base, ...UNDECIDED };
  if (rho(H_GRID[0]!) >= 1) return { ...base, verdict: 'never-converges', reason: 'the spectral radius is at least 1 for every learning rate' };
  const crossing = firstCrossing(rho, true);
  if (crossing === undefined) return { ...base, verdict: 'converges-for-all-h', reason: 'the spectral radius stays below 1 for every h up to 1e3' };
  return { ...base, verdict: 'converges-below-bound', bound: { kind: 'numeric', atDefaults: crossing }, reason: 'the spectral radius of the 4x4 companion map is below 1 exactly for learning rates below the bound (found numerically)' };
}

/** Every method, for the Jacobian at the equilibrium; numbers use `env` (the defaults). */
export function analyseMethods(j: Matrix2, env: Environment): MethodAnalysis[] {
  return METHODS.map((method) => (method === 'optimistic' ? analyseOptimistic(j, env) : analyseTwoByTwo(method, j, env)));
}
