/**
 * Every training method of methods/ on a game, near its equilibrium: the update map's
 * Jacobian M (linearise.ts), its characteristic polynomial p(mu) = det(mu I - M), and the
 * region where M contracts in closed form, as Schur conditions on p's coefficients
 * (schur.ts); then, with one learning rate h = h_G = h_D and every other hyperparameter at its
 * default, the stable intervals of h, the verdict, the bound and the fastest rate.
 *
 * The symbolic work is done once per method and variant with J = [[J_11, J_12], [J_21, J_22]]
 * symbolic, and each game substitutes its J(0, 0): a method costs the same for 20 games as
 * for one.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expandWithin } from '../ir/expand.js';
import { evaluate, numericFunction } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { characteristicPolynomial } from '../ir/matrix.js';
import type { SquareMatrix } from '../ir/matrix.js';
import { substitute, treeSize } from '../ir/traverse.js';
import { coefficients } from '../ir/polynomial.js';
import type { Matrix2 } from '../derive/field.js';
import { LEARNING_RATES, TOUCHES_ONE } from '../../runtime/bound.js';
import type { StabilityVerdict } from '../../runtime/methods.js';
import type { MethodDefinition, Player } from '../method.js';
import { VARIANTS } from './context.js';
import type { Variant } from './context.js';
import { EXPANDED_TERMS, NotLinearError, RATE_SYMBOLS, updateMatrix } from './linearise.js';
import { DerivationError } from '../load/errors.js';
import { coefficientSymbol, schurConditions } from './schur.js';
import type { SchurCondition } from './schur.js';

/** The Dirac-GAN's parameters: theta the generator's, phi the discriminator's. */
export const DIRAC_PLAYERS: readonly Player[] = ['generator', 'discriminator'];

/** The symbol of J's entry (i, j), 1-based, in the methods' generic formulas. */
export const jacobianSymbol = (i: number, j: number): string => `J_${i}${j}`;
const GENERIC_J: Matrix2 = [[E.sym(jacobianSymbol(1, 1)), E.sym(jacobianSymbol(1, 2))], [E.sym(jacobianSymbol(2, 1)), E.sym(jacobianSymbol(2, 2))]];

/** Formulas larger than this, as trees, are not written into records: nobody reads them. */
const READABLE_NODES = 400;

/** The variable of the characteristic polynomial. */
export const MU = 'mu';
/** One learning rate for both players. */
const H = 'h';

/** What a method and variant give for any J: computed once. */
interface GenericRule {
  readonly matrix: SquareMatrix;
  readonly polynomial: readonly Expr[];
  /** p's coefficients with h_G = h_D = h. */
  readonly inOneRate: readonly Expr[];
  readonly conditions: readonly SchurCondition[];
}

/** By method (a loaded file: a new object when the file is loaded again) and variant. */
const generic = new WeakMap<MethodDefinition, Map<Variant, GenericRule>>();

/** Every method's linearisation, derived before any game's: a broken rule is then reported
 * once, by its file, and not once per game. */
export function checkRules(methods: readonly MethodDefinition[]): DerivationError[] {
  return methods.flatMap((method) => VARIANTS.flatMap((variant) => {
    try {
      genericRule(method, variant);
      return [];
    } catch (error) {
      if (error instanceof DerivationError) return [error];
      throw error;
    }
  }));
}

/** The method's file, as errors name it (its id is its file name). */
export const methodFile = (method: MethodDefinition): string => `methods/${method.id}.ts`;

function genericRule(method: MethodDefinition, variant: Variant): GenericRule {
  const variants = generic.get(method) ?? new Map<Variant, GenericRule>();
  generic.set(method, variants);
  const known = variants.get(variant);
  if (known) return known;
  try {
    const rule = deriveRule(method, variant);
    variants.set(variant, rule);
    return rule;
  } catch (error) {
    // A rule is the author's code: whatever it throws is the file's error, not the generator's.
    const what = error instanceof NotLinearError ? error.message : `the rule fails: ${error instanceof Error ? error.message : String(error)}`;
    throw new DerivationError(methodFile(method), 'step', `${variant}: ${what}`);
  }
}

function deriveRule(method: MethodDefinition, variant: Variant): GenericRule {
  const counts = Object.fromEntries(Object.entries(method.counts ?? {}).map(([name, c]) => [name, c.default]));
  const matrix = updateMatrix(method, variant, GENERIC_J, DIRAC_PLAYERS, counts);
  const polynomial = characteristicPolynomial(matrix, MU);
  const oneRate = new Map([[RATE_SYMBOLS.generator, E.sym(H)], [RATE_SYMBOLS.discriminator, E.sym(H)]]);
  const inOneRate = polynomial.map((c) => substitute(c, oneRate));
  return { matrix, polynomial, inOneRate, conditions: schurConditions(polynomial.length - 1) };
}

export interface StableInterval {
  readonly from: number;
  /** Infinity where the interval reaches the end of the scan (1e3). */
  readonly to: number;
}

export interface OneRate {
  /** The spectral radius of M and whether M contracts, at one learning rate h (the rest at their defaults). */
  readonly spectralRadius: (h: number) => number;
  readonly contracts: (h: number) => boolean;
  readonly verdict: StabilityVerdict;
  /** The largest stable h of the interval that starts at 0. */
  readonly bound?: number;
  /** Every interval of h in (1e-6, 1e3) where M contracts. */
  readonly intervals: readonly StableInterval[];
}

/** A plane of two of the rule's numbers, the others at their defaults: p's coefficients as
 * polynomials in them, c_k = sum of coefficients[k][i][j] x^i y^j (the site draws where M
 * contracts from them, with the runtime's Schur test). */
export interface Plane {
  readonly x: string;
  readonly y: string;
  readonly coefficients: readonly (readonly (readonly number[])[])[];
}

export interface RuleAnalysis {
  readonly method: MethodDefinition;
  readonly variant: Variant;
  /** The degree of p: the size of M. */
  readonly degree: number;
  /** M with the game's J(0, 0), in h_g, h_d and the method's hyperparameters, and p's
   * coefficients c_0, ..., c_n (c_n = 1); left out where they are too long to read (a
   * method's k steps multiplied out): the numbers below come from them all the same. */
  readonly formulas?: { readonly matrix: SquareMatrix; readonly polynomial: readonly Expr[] };
  /** Each `expression > 0` in c_0, ..., c_n: together, M contracts. */
  readonly conditions: readonly SchurCondition[];
  /** The method's hyperparameters at their defaults (and its counts), as used for oneRate. */
  readonly defaults: Readonly<Record<string, number>>;
  readonly oneRate: OneRate;
  /** (h_G, h_D), two time scales; and (q, h) for the method's first real hyperparameter q.
   * None where p's coefficients are not polynomials in them (CGD's are rational). */
  readonly planes: readonly Plane[];
}


/**
 * The spectral radius of the polynomial with coefficients c, by the same Schur conditions:
 * every root of p(mu) lies within r exactly when p(r mu) is Schur stable, and its coefficients
 * are c_k r^k; so the radius is found by bisection on r, from Cauchy's bound on the roots. No
 * eigenvalue solver: the tests check it against one (ml-matrix) on the map itself.
 */
export function radiusBySchur(c: readonly number[], stable: (coefficients: readonly number[]) => boolean): number {
  const n = c.length - 1;
  let high = 1 + Math.max(...c.slice(0, n).map((x) => Math.abs(x / c[n]!)));
  let low = 0;
  const scaled = new Array<number>(n + 1);
  for (let i = 0; i < 64 && high - low > 1e-15 * high; i++) {
    const r = (low + high) / 2;
    let power = 1;
    for (let k = 0; k <= n; k++) { scaled[k] = c[k]! * power; power *= r; }
    if (stable(scaled)) high = r;
    else low = r;
  }
  return high;
}

/** The method's hyperparameters at their defaults, with the game's environment. */
function defaultsOf(method: MethodDefinition): Record<string, number> {
  return Object.fromEntries(Object.entries(method.hyperparameters ?? {}).map(([name, spec]) => [name, spec.default]));
}

/** The numbers along one learning rate h: where the Schur conditions hold, and what that means. */
function oneRateOf(rule: GenericRule, env: Environment): OneRate {
  const found = searchOneRate(rule, env);
  return { ...found.verdict, spectralRadius: (h) => radiusBySchur(found.coefficientsAt(h), found.contracts), contracts: (h) => found.contracts(found.coefficientsAt(h)) };
}

type Verdict = Omit<OneRate, 'spectralRadius' | 'contracts'>;

function searchOneRate(rule: GenericRule, env: Environment): { verdict: Verdict; coefficientsAt: (h: number) => number[]; contracts: (c: readonly number[]) => boolean } {
  const inH = rule.inOneRate.map((c) => numericFunction(c, [H], env));
  const coefficientsAt = (h: number): number[] => inH.map((c) => c([h]));
  const tests = conditionTests(rule.polynomial.length - 1);
  const contracts = (c: readonly number[]): boolean => tests.every((test) => test(c) > 0);
  return { verdict: verdictAlongH(coefficientsAt, contracts), coefficientsAt, contracts };
}

/** The Schur conditions of a degree as functions of p's coefficients, compiled once. */
const testsByDegree = new Map<number, ((c: readonly number[]) => number)[]>();
function conditionTests(degree: number): ((c: readonly number[]) => number)[] {
  let tests = testsByDegree.get(degree);
  if (!tests) {
    const names = Array.from({ length: degree + 1 }, (_, k) => coefficientSymbol(k));
    tests = schurConditions(degree).map((c) => numericFunction(c.expression, names, { symbols: {} }));
    testsByDegree.set(degree, tests);
  }
  return tests;
}

/** The verdict with one learning rate h, from p's coefficients at h and the Schur test. */
function verdictAlongH(coefficientsAt: (h: number) => number[], contracts: (c: readonly number[]) => boolean): Verdict {
  // An eigenvalue 1 that h does not move (p(1) = 0 for every h, from an eigenvalue 0 of J): the
  // linearisation decides nothing. Read off p(1) at three h, not off a radius: a double root at 1
  // moves by the square root of the rounding error under any numeric test.
  const atOne = (h: number): boolean => {
    const c = coefficientsAt(h);
    return Math.abs(c.reduce((sum, x) => sum + x, 0)) <= 1e-12 * c.reduce((sum, x) => sum + Math.abs(x), 0);
  };
  if ([1e-3, 0.1, 1].every(atOne)) return { verdict: 'undecided', intervals: [] };
  const stable = (h: number): boolean => contracts(coefficientsAt(h));
  const intervals: StableInterval[] = [];
  const edge = (low: number, high: number): number => {
    const side = stable(low);
    for (let i = 0; i < 60; i++) {
      const middle = Math.sqrt(low * high);
      if (stable(middle) === side) low = middle;
      else high = middle;
    }
    return Math.sqrt(low * high);
  };
  let start: number | undefined = stable(LEARNING_RATES[0]!) ? 0 : undefined;
  for (let i = 1; i < LEARNING_RATES.length; i++) {
    const [a, b] = [LEARNING_RATES[i - 1]!, LEARNING_RATES[i]!];
    if (stable(a) === stable(b)) continue;
    const crossing = edge(a, b);
    if (start === undefined) start = crossing;
    else {
      intervals.push({ from: start, to: crossing });
      start = undefined;
    }
  }
  if (start !== undefined) intervals.push({ from: start, to: Infinity });
  const first = intervals[0];
  if (first && first.from === 0) {
    return Number.isFinite(first.to) ? { verdict: 'converges-below-bound', bound: first.to, intervals } : { verdict: 'converges-for-all-h', intervals };
  }
  // det M = 1 for every h and the roots on the unit circle for small h: the linearised iterates
  // cycle until a root leaves the circle, the first h where not every root is within 1 + TOUCHES_ONE.
  const within = (h: number): boolean => contracts(coefficientsAt(h).map((c, k) => c * (1 + TOUCHES_ONE) ** k));
  const determinantIsOne = [1e-3, 0.5].every((h) => Math.abs(Math.abs(coefficientsAt(h)[0]!) - 1) < 1e-12);
  if (determinantIsOne && within(1e-4)) {
    const index = LEARNING_RATES.findIndex((h) => !within(h));
    if (index <= 0) return { verdict: 'cycles-below-bound', intervals };
    let [low, high] = [LEARNING_RATES[index - 1]!, LEARNING_RATES[index]!];
    for (let i = 0; i < 60; i++) {
      const middle = Math.sqrt(low * high);
      if (within(middle)) low = middle;
      else high = middle;
    }
    return { verdict: 'cycles-below-bound', bound: Math.sqrt(low * high), intervals };
  }
  return { verdict: 'never-converges', intervals };
}

/** Every method, in both variants, at the game's J(0, 0); numbers at `env` (the game's defaults). */
export function analyseRules(methods: readonly MethodDefinition[], j: Matrix2, env: Environment, gameFile: string): RuleAnalysis[] {
  const entries = new Map(j.flatMap((row, i) => row.map((e, k) => [jacobianSymbol(i + 1, k + 1), e] as const)));
  for (const method of methods) {
    // A count (lookahead's k) is a number in the rule, never a symbol: only real hyperparameters can clash.
    const shared = Object.keys(method.hyperparameters ?? {}).filter((name) => name in env.symbols);
    if (shared.length) throw new DerivationError(gameFile, 'hyperparameters', `${shared.map((n) => `'${n}'`).join(', ')} is also a hyperparameter of the training method ${methodFile(method)}: rename one of them`);
  }
  const values = Object.fromEntries([...entries].map(([name, e]) => [name, evaluate(e, env)]));
  // The analysis depends on the game only through J(0, 0) and its numbers: games that share
  // them (many regularisers leave J alone) share it.
  const key = `${[...entries.values()].map((e) => e.key).join('|')}|${Object.values(values).join(' ')}`;
  return methods.flatMap((method) => {
    const cache = byJacobian.get(method) ?? new Map<string, RuleAnalysis[]>();
    byJacobian.set(method, cache);
    const known = cache.get(key);
    if (known) return known;
    const analyses = VARIANTS.map((variant): RuleAnalysis => {
      const rule = genericRule(method, variant);
      const game = (e: Expr): Expr => expandWithin(substitute(e, entries), EXPANDED_TERMS);
      const readable = [...rule.matrix.flat(), ...rule.polynomial].every((e) => treeSize(e, READABLE_NODES) <= READABLE_NODES);
      const defaults = defaultsOf(method);
      return {
        method,
        variant,
        degree: rule.polynomial.length - 1,
        ...(readable ? { formulas: { matrix: rule.matrix.map((row) => row.map(game)), polynomial: rule.polynomial.map(game) } } : {}),
        conditions: rule.conditions,
        defaults: { ...defaults, ...Object.fromEntries(Object.entries(method.counts ?? {}).map(([name, c]) => [name, c.default])) },
        oneRate: oneRateOf(rule, { symbols: { ...defaults, ...values } }),
        // Only for the maps whose p is short enough to read: lookahead's k steps multiplied out are not.
        planes: readable ? planesOf(method, rule, { ...defaults, ...values }) : [],
      };
    });
    cache.set(key, analyses);
    return analyses;
  });
}

/** c as a polynomial in x and y with every other symbol at its value: coefficients[i][j] of x^i y^j; undefined where it is not one. */
function bivariate(c: Expr, x: string, y: string, values: Readonly<Record<string, number>>): number[][] | undefined {
  const fixed = substitute(c, new Map(Object.entries(values).filter(([name]) => name !== x && name !== y).map(([name, v]) => [name, E.num(v)])));
  const inX = coefficients(fixed, x);
  const rows = inX?.map((cx) => coefficients(cx, y)?.map((e) => evaluate(e, { symbols: {} })));
  return rows && rows.every((row) => row !== undefined) ? (rows as number[][]) : undefined;
}

function planesOf(method: MethodDefinition, rule: GenericRule, values: Readonly<Record<string, number>>): Plane[] {
  const oneRate = (e: Expr): Expr => substitute(e, new Map([[RATE_SYMBOLS.generator, E.sym(H)], [RATE_SYMBOLS.discriminator, E.sym(H)]]));
  const first = Object.keys(method.hyperparameters ?? {})[0];
  const candidates: { x: string; y: string; polynomial: readonly Expr[] }[] = [
    { x: RATE_SYMBOLS.generator, y: RATE_SYMBOLS.discriminator, polynomial: rule.polynomial },
    ...(first ? [{ x: first, y: H, polynomial: rule.polynomial.map(oneRate) }] : []),
  ];
  return candidates.flatMap(({ x, y, polynomial }) => {
    const tensor = polynomial.map((c) => bivariate(c, x, y, values));
    return tensor.every((t) => t !== undefined) ? [{ x, y, coefficients: tensor as number[][][] }] : [];
  });
}

/** By method (the same object while its file is unchanged: load/methods.ts), then by J(0, 0)
 * and its numbers: games that share them (many regularisers leave J alone) share the analysis. */
const byJacobian = new WeakMap<MethodDefinition, Map<string, RuleAnalysis[]>>();
