/**
 * Stage 3c: training in discrete time. For each training method, the update map's
 * Jacobian at the equilibrium, its eigenvalues and spectral radius in closed form, and the
 * largest stable learning rate (Mescheder et al. 2017, section 3; 2018, section 2.2):
 *
 *   simultaneous   x <- x + h v(x)                          M = I + hJ
 *   alternating    nG steps theta <- theta + hG v_theta,    M = D^nD G^nG
 *                  then nD steps phi <- phi + hD v_phi      (generator first, the default; the
 *                                                            other order's G^nG D^nD has the same
 *                                                            eigenvalues, so the same bounds)
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
import { nodesOf, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { determinantOf, eigenvaluesOf, traceOf } from './equilibrium.js';
import type { Eigenvalues } from './equilibrium.js';
import type { Matrix2 } from './field.js';
import type { Text } from '../contract/records.js';
import { coefficients, nonZeroRoots } from '../ir/polynomial.js';
import { signOf } from './sign.js';
import { expand } from '../ir/expand.js';
import { LEARNING_RATES, searchStabilityBound } from '../../runtime/bound.js';
import { stableFlow2, updateMapRadius } from '../../runtime/linear.js';
import { METHODS } from '../../runtime/methods.js';
import type { Method, StabilityVerdict, StableInterval } from '../../runtime/methods.js';

export { METHODS } from '../../runtime/methods.js';
export type { Method } from '../../runtime/methods.js';

const H = E.sym('h');
const [H_G, H_D, N_G, N_D] = ['h_g', 'h_d', 'n_g', 'n_d'].map(E.sym) as [Expr, Expr, Expr, Expr];
const LAMBDA = E.sym('lambda');
const HALF = E.num(0.5);

/** How training with a method behaves near the equilibrium, as h grows from 0 (see the runtime's StabilityVerdict). */
export type DiscreteVerdict = StabilityVerdict;

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
  /** Where the verdict is converges-in-intervals: the intervals of h, away from 0, where the map contracts. */
  readonly intervals?: readonly StableInterval[];
  /** Undecided because double precision does not resolve the spectral radius from 1 where the map would converge (runtime/bound.ts). */
  readonly unresolved?: true;
  /** Why, in both languages (the site shows the reader's). */
  readonly reason: Text;
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

/** D^nD G^nG for J = [[a, b], [c, d]]: nG generator steps, then nD discriminator steps (runtime/methods.ts DEFAULT_ORDER). */
function alternatingMatrix(j: Matrix2): Matrix2 {
  const [[a, b], [c, d]] = j;
  const w = E.pow(E.add(E.ONE, E.mul(H_D, d)), N_D);
  const g = E.pow(E.add(E.ONE, E.mul(H_G, a)), N_G);
  const discriminatorPower: Matrix2 = [[E.ONE, E.ZERO], [geometric(d, H_D, c, N_D), w]];
  const generatorPower: Matrix2 = [[g, geometric(a, H_G, b, N_G)], [E.ZERO, E.ONE]];
  return mul2(discriminatorPower, generatorPower);
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

/** J(0, 0) at the environment's numbers, row-major. */
function numericJacobian(j: Matrix2, env: Environment): Float64Array {
  return Float64Array.from(j.flat(), (e) => evaluate(e, env));
}

/** The spectral radius of a method's map with one learning rate h, as the generated modules compute it (runtime/linear.ts). */
function spectralRadiusOf(method: Method, jacobian: Float64Array): (h: number) => number {
  const [a, b, c, d] = [jacobian[0]!, jacobian[1]!, jacobian[2]!, jacobian[3]!];
  return (h) => updateMapRadius(method, a, b, c, d, h);
}

/** det M = 1 for every h: the map's eigenvalues stay on the unit circle below the bound (the bound search's `cycles`). */
const unitDeterminant = (determinant: Expr): boolean => E.sub(determinant, E.ONE) === E.ZERO;

/** The largest stable learning rate of a method at other numbers than the defaults (`env`,
 * J(0, 0) given symbolically), by the search every generated learningRateBound runs;
 * undefined where the method has no bound there. */
export function boundAt(analysis: MethodAnalysis, j: Matrix2, env: Environment): number | undefined {
  const cycles = analysis.determinant !== undefined && unitDeterminant(analysis.determinant);
  const jacobian = numericJacobian(j, env);
  return searchStabilityBound(spectralRadiusOf(analysis.method, jacobian), { cycles, smallStepsConverge: stableFlow2(jacobian) }).bound;
}

const REASONS: Readonly<Record<DiscreteVerdict, Text>> = {
  'undecided': {
    en: 'the spectral radius is exactly 1 for small learning rates (an eigenvalue 1 that h does not move, from an eigenvalue 0 of J): the linearisation does not decide whether the iterates converge',
    zh: '小学习率下谱半径恰为 1（由 J 的特征值 0 而来、不随 h 移动的特征值 1）：线性化无法判定迭代是否收敛',
  },
  'never-converges': { en: 'the spectral radius is at least 1 for every learning rate up to 1e3', zh: '对直到 1e3 的每个学习率，谱半径都不小于 1' },
  'converges-in-intervals': {
    en: 'the spectral radius is at least 1 for small learning rates (J is not stable: an eigenvalue has a real part of 0 or more) and below 1 only on the intervals of h given',
    zh: '小学习率下谱半径不小于 1（J 不稳定：有实部不小于 0 的特征值），仅在给出的 h 区间上小于 1',
  },
  'converges-for-all-h': { en: 'the spectral radius stays below 1 for every h up to 1e3', zh: '对直到 1e3 的每个 h，谱半径都小于 1' },
  'cycles-below-bound': {
    en: 'det M = 1: below the bound the eigenvalues lie on the unit circle and the linearised iterates cycle (whether the iterates themselves drift in or out, the nonlinear terms decide); above it one leaves the circle',
    zh: 'det M = 1：学习率低于界时特征值位于单位圆上，线性化的迭代循环（迭代本身向内还是向外漂移，由非线性项决定）；高于界时有一个特征值离开单位圆',
  },
  'converges-below-bound': { en: 'the spectral radius is below 1 exactly for learning rates below the bound', zh: '谱半径小于 1，当且仅当学习率低于该界' },
};
const OPTIMISTIC_CONVERGES: Text = {
  en: 'the spectral radius of the 4x4 companion map is below 1 exactly for learning rates below the bound (found numerically)',
  zh: '4x4 伴随映射的谱半径小于 1，当且仅当学习率低于该界（数值求得）',
};

/** The verdict and bound of a method at the environment's numbers, by the runtime's search (the one every generated learningRateBound runs); `roots`: the closed-form candidates. */
const BELOW_DOUBLE_PRECISION: Text = {
  en: 'J is stable, so small enough learning rates converge, but the spectral radius there is within rounding of 1 (an eigenvalue of J with a real part far smaller than its modulus): double precision does not resolve the bound',
  zh: 'J 稳定，故足够小的学习率收敛，但那里的谱半径与 1 之差在舍入误差之内（J 的某个特征值实部远小于其模）：双精度无法分辨该界',
};

function verdictOf(method: Method, j: Matrix2, env: Environment, cycles: boolean, roots: readonly Expr[] | undefined): Pick<MethodAnalysis, 'verdict' | 'bound' | 'intervals' | 'unresolved' | 'reason'> {
  const jacobian = numericJacobian(j, env);
  const rho = spectralRadiusOf(method, jacobian);
  const smallStepsConverge = stableFlow2(jacobian);
  const found = searchStabilityBound(rho, { cycles, smallStepsConverge, ...(roots ? { roots: roots.map((r) => evaluate(r, env)) } : {}) });
  const atSmallest = rho(LEARNING_RATES[0]!).toFixed(12);
  const reason: Text = found.verdict === 'never-converges'
    ? { en: `${REASONS['never-converges'].en} (${atSmallest} at h = 1e-6)`, zh: `${REASONS['never-converges'].zh}（h = 1e-6 时为 ${atSmallest}）` }
    : found.verdict === 'converges-below-bound' && method === 'optimistic' ? OPTIMISTIC_CONVERGES
      : found.unresolved ? BELOW_DOUBLE_PRECISION
        : REASONS[found.verdict];
  if (found.verdict === 'converges-in-intervals') return { verdict: found.verdict, intervals: found.intervals, reason };
  if (found.unresolved) return { verdict: found.verdict, unresolved: true, reason };
  if (found.bound === undefined) return { verdict: found.verdict, reason };
  const bound: Bound = found.closedForm && roots ? { kind: 'closed-form', roots, atDefaults: found.bound } : { kind: 'numeric', atDefaults: found.bound };
  return { verdict: found.verdict, bound, reason };
}

/**
 * The stability bound from the Jury boundaries: at every real root of det M = +-1 or
 * tr M = +-(1 + det M) the map has an eigenvalue on the unit circle, and the spectral
 * radius can only cross 1 there; so the bound is the smallest positive real root. When
 * every boundary polynomial has closed-form roots, the bound is their minimum in closed
 * form; otherwise it is left to bisection.
 */
function juryRoots(trace: Expr, determinant: Expr, positive: ReadonlySet<string>): Expr[] | undefined {
  const boundaries = [E.sub(E.ONE, determinant), E.add(E.ONE, determinant), E.sub(E.add(E.ONE, determinant), trace), E.add(E.ONE, determinant, trace)];
  const roots: Expr[] = [];
  for (const boundary of boundaries) {
    const c = coefficients(boundary, 'h');
    const r = c && nonZeroRoots(c);
    if (!r) return undefined;
    roots.push(...r);
  }
  return [...new Set(roots)].filter((root) => mayBePositiveReal(root, positive));
}

/** False for a root that the sign analysis shows is never a positive real number (a
 * negative value, or the square root of a negative one) for any hyperparameters in their
 * ranges (`positive`: those whose range lies above 0). */
function mayBePositiveReal(root: Expr, positive: ReadonlySet<string>): boolean {
  if (signOf(root, positive) === 'negative' || signOf(root, positive) === 'zero') return false;
  return !nodesOf(root).some((node) => node.kind === 'pow' && node.exponent === HALF && signOf(node.base, positive) === 'negative');
}

function analyseTwoByTwo(method: Exclude<Method, 'optimistic'>, j: Matrix2, env: Environment, positive: ReadonlySet<string>): MethodAnalysis {
  const matrix = mapMatrix(method, j);
  // The bound is stated for one learning rate h = hG = hD and nG = nD = 1.
  const m: Matrix2 = method === 'alternating' ? [
    [substitute(matrix[0][0], ONE_LEARNING_RATE), substitute(matrix[0][1], ONE_LEARNING_RATE)],
    [substitute(matrix[1][0], ONE_LEARNING_RATE), substitute(matrix[1][1], ONE_LEARNING_RATE)],
  ] : matrix;
  const trace = expand(traceOf(m));
  const determinant = expand(determinantOf(m));
  const eigenvalues = eigenvaluesOf(traceOf(matrix), determinantOf(matrix));
  const cycles = unitDeterminant(determinant);
  return { method, matrix, eigenvalues, trace, determinant, ...verdictOf(method, j, env, cycles, juryRoots(trace, determinant, positive)) };
}

function analyseOptimistic(j: Matrix2, env: Environment): MethodAnalysis {
  const twoHLambda = E.mul(E.num(2), H, LAMBDA);
  const eigenvalues: Eigenvalues = {
    center: E.mul(E.num(0.5), E.add(E.ONE, twoHLambda)),
    radicand: E.mul(E.num(0.25), E.add(E.ONE, E.mul(E.num(4), E.pow(H, E.num(2)), E.pow(LAMBDA, E.num(2))))),
  };
  return { method: 'optimistic', eigenvalues, ...verdictOf('optimistic', j, env, false, undefined) };
}

/** Every method, for the Jacobian at the equilibrium; numbers use `env` (the defaults);
 * `positive`: the hyperparameters whose range lies above 0. */
export function analyseMethods(j: Matrix2, env: Environment, positive: readonly string[]): MethodAnalysis[] {
  const known = new Set(positive);
  return METHODS.map((method) => (method === 'optimistic' ? analyseOptimistic(j, env) : analyseTwoByTwo(method, j, env, known)));
}

/** The map's determinant is 1 for every h: below the bound its eigenvalues may lie on the unit
 * circle (the runtime's `cycles`, runtime/training.ts). */
export const mapCycles = (analysis: MethodAnalysis): boolean => analysis.determinant !== undefined && E.sub(analysis.determinant, E.ONE) === E.ZERO;
