/**
 * Every training method of methods/ on a game, near its equilibrium: the update map's
 * Jacobian M (linearise.ts), its characteristic polynomial p(mu) = det(mu I - M), and the
 * region where M contracts in closed form, as Schur conditions on p's coefficients
 * (schur.ts); then, with one learning rate h = h_G = h_D and every other hyperparameter at its
 * default, the stable intervals of h, the verdict and the bound (one-rate.ts), and the planes of
 * two numbers the site maps (planes.ts).
 *
 * The symbolic work is done once per method and variant with J = [[J_11, J_12], [J_21, J_22]]
 * symbolic, and each game substitutes its J(0, 0): a method costs the same for 20 games as
 * for one.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expandWithin } from '../ir/expand.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { characteristicPolynomial } from '../ir/matrix.js';
import type { SquareMatrix } from '../ir/matrix.js';
import { substitute, treeSize } from '../ir/traverse.js';
import type { Matrix2 } from '../derive/field.js';
import type { MethodDefinition, Player } from '../method.js';
import { countDefaults, hyperparameterDefaults } from '../method.js';
import { VARIANTS } from './context.js';
import type { Variant } from './context.js';
import { EXPANDED_TERMS, NotLinearError, RATE_SYMBOLS, checkLinear, updateMatrix } from './linearise.js';
import { codeNames, traceStep } from './compile.js';
import { DerivationError } from '../load/errors.js';
import { methodSources } from './sources.js';
import { cachedExpressions } from '../cache.js';
import { schurConditions } from './schur.js';
import type { SchurCondition } from './schur.js';
import { ONE_RATE, oneRateOf } from './one-rate.js';
import type { OneRate } from './one-rate.js';
import { planesOf } from './planes.js';
import { jointOptimumOf, optimumOf } from './optimum.js';
import type { JointOptimum, Optimum } from './optimum.js';
import type { Plane } from './planes.js';
import { stableFlow2 } from '../../runtime/linear.js';


/** The Dirac-GAN's parameters: theta the generator's, phi the discriminator's. */
export const DIRAC_PLAYERS: readonly Player[] = ['generator', 'discriminator'];

/** The symbol of J's entry (i, j), 1-based, in the methods' generic formulas. */
export const jacobianSymbol = (i: number, j: number): string => `J_${i}${j}`;
const GENERIC_J: Matrix2 = [[E.sym(jacobianSymbol(1, 1)), E.sym(jacobianSymbol(1, 2))], [E.sym(jacobianSymbol(2, 1)), E.sym(jacobianSymbol(2, 2))]];

/** Formulas larger than this, as trees, are not written into records: nobody reads them. */
const READABLE_NODES = 400;

/** The variable of the characteristic polynomial. */
export const MU = 'mu';

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
 * once, by its file, and not once per game and variant. */
export function checkRules(methods: readonly MethodDefinition[]): DerivationError[] {
  return methods.flatMap((method) => {
    // The first variant that fails is the method's error: the other fails the same way.
    for (const variant of VARIANTS) {
      try {
        if (method.notDifferentiable) checkNotLinear(method, variant);
        else genericRule(method, variant);
        const taken = new Set(codeNames(traceStep(method, variant, DIRAC_PLAYERS)));
        const clash = Object.keys(method.hyperparameters ?? {}).find((name) => taken.has(name));
        if (clash) throw new DerivationError(methodFile(method), `hyperparameters.${clash}`, `'${clash}' names a local of the compiled step (the state's coordinates, the field's results, the rates, the arguments): choose another name`);
      } catch (error) {
        if (error instanceof DerivationError) return [error];
        throw new DerivationError(methodFile(method), 'step', `${variant}: the rule fails: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return [];
  });
}

/** A method that says it has no linearisation must not have one: a rule that is linear near the
 * equilibrium would be simulated where it could be decided. */
function checkNotLinear(method: MethodDefinition, variant: Variant): void {
  const counts = countDefaults(method);
  try {
    checkLinear(method, variant, DIRAC_PLAYERS, counts, ['x', ...method.memory]);
  } catch (error) {
    if (error instanceof NotLinearError && !error.shape) return;
    throw new DerivationError(methodFile(method), 'step', `${variant}: ${error instanceof Error ? error.message : String(error)}`);
  }
  throw new DerivationError(methodFile(method), 'notDifferentiable', `${variant}: the rule is linear near the equilibrium, so it has a linearisation: remove notDifferentiable to have it analysed`);
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
  const counts = countDefaults(method);
  const derive = (): Expr[][] => {
    const matrix = updateMatrix(method, variant, GENERIC_J, DIRAC_PLAYERS, counts);
    const polynomial = characteristicPolynomial(matrix, MU);
    const oneRate = new Map([[RATE_SYMBOLS.generator, E.sym(ONE_RATE)], [RATE_SYMBOLS.discriminator, E.sym(ONE_RATE)]]);
    return [matrix.flat(), polynomial, polynomial.map((c) => substitute(c, oneRate))];
  };
  // A method loaded from a file is derived once per version of the file and of the generator.
  const source = methodSources.get(method);
  const [entries, polynomial, inOneRate] = (source === undefined ? derive() : cachedExpressions([source, variant, JSON.stringify(counts)], derive)) as [Expr[], Expr[], Expr[]];
  const size = Math.round(Math.sqrt(entries.length));
  const matrix = Array.from({ length: size }, (_, i) => entries.slice(i * size, (i + 1) * size));
  return { matrix, polynomial, inOneRate, conditions: schurConditions(polynomial.length - 1) };
}

/** p's coefficients for any J with one rate h = h_G = h_D, in h and the method's hyperparameters. */
export const oneRatePolynomial = (method: MethodDefinition, variant: Variant): readonly Expr[] => genericRule(method, variant).inOneRate;

/** M for any J (J_11, ..., J_22), in h_g, h_d and the method's hyperparameters. */
export const linearisedMap = (method: MethodDefinition, variant: Variant): SquareMatrix => genericRule(method, variant).matrix;

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
  /** The h of smallest spectral radius with one rate, numeric, and in closed form where there is one (optimum.ts). */
  readonly optimum?: Optimum;
  /** With the method's first hyperparameter free too (over its range): the pair that contracts fastest. */
  readonly jointOptimum?: JointOptimum;
  /** (h_G, h_D), two time scales; and (q, h) for the method's first real hyperparameter q.
   * None where p's coefficients are not polynomials in them (CGD's are rational). */
  readonly planes: readonly Plane[];
}


/** Every method, in both variants, at the game's J(0, 0); numbers at `env` (the game's defaults). */
export function analyseRules(methods: readonly MethodDefinition[], j: Matrix2, env: Environment, gameFile: string, options: { readonly verdictsOnly?: boolean } = {}): RuleAnalysis[] {
  const entries = new Map(j.flatMap((row, i) => row.map((e, k) => [jacobianSymbol(i + 1, k + 1), e] as const)));
  for (const method of methods) {
    // A count (lookahead's k) is a number in the rule, never a symbol: only real hyperparameters can clash.
    const shared = Object.keys(method.hyperparameters ?? {}).filter((name) => name in env.symbols);
    if (shared.length) throw new DerivationError(gameFile, 'hyperparameters', `${shared.map((n) => `'${n}'`).join(', ')} is also a hyperparameter of the training method ${methodFile(method)}: rename one of them`);
  }
  const values = Object.fromEntries([...entries].map(([name, e]) => [name, evaluate(e, env)]));
  // J(0, 0) row-major: stable, every method that is I + hJ to first order converges for small h.
  const smallStepsConverge = stableFlow2([...entries.keys()].map((name) => values[name]!));
  // The analysis depends on the game only through J(0, 0) and its numbers: games that share
  // them (many regularisers leave J alone) share it.
  const key = `${[...entries.values()].map((e) => e.key).join('|')}|${Object.values(values).join(' ')}${options.verdictsOnly ? '|verdicts' : ''}`;
  return methods.filter((method) => !method.notDifferentiable).flatMap((method) => {
    const cache = byJacobian.get(method) ?? new Map<string, RuleAnalysis[]>();
    byJacobian.set(method, cache);
    const known = cache.get(key);
    if (known) return known;
    const analyses = VARIANTS.map((variant): RuleAnalysis => {
      const rule = genericRule(method, variant);
      const game = (e: Expr): Expr => expandWithin(substitute(e, entries), EXPANDED_TERMS);
      const readable = [...rule.matrix.flat(), ...rule.polynomial].every((e) => treeSize(e, READABLE_NODES) <= READABLE_NODES);
      const defaults = hyperparameterDefaults(method);
      const oneRate = oneRateOf(rule.inOneRate, { symbols: { ...defaults, ...values } }, smallStepsConverge);
      const numbers = { ...env, symbols: { ...env.symbols, ...defaults } };
      // With verdictsOnly (the other equilibria), no formulas, optima or planes: nobody reads them there.
      const optimum = options.verdictsOnly ? undefined : optimumOf(oneRate, () => rule.inOneRate.map(game), numbers);
      // Only for the maps whose p is short enough to read: lookahead's k steps multiplied out are not.
      const planes = readable && !options.verdictsOnly ? planesOf(method, rule.polynomial, { ...defaults, ...values }) : [];
      const first = Object.entries(method.hyperparameters ?? {})[0];
      const qPlane = first && planes.find((p) => p.x === first[0] && p.y === ONE_RATE);
      const joint = qPlane ? jointOptimumOf(qPlane, first[1].range, first[1].default, numbers, optimum) : undefined;
      return {
        method,
        variant,
        degree: rule.polynomial.length - 1,
        ...(readable && !options.verdictsOnly ? { formulas: { matrix: rule.matrix.map((row) => row.map(game)), polynomial: rule.polynomial.map(game) } } : {}),
        conditions: rule.conditions,
        defaults: { ...defaults, ...countDefaults(method) },
        oneRate,
        ...(optimum ? { optimum } : {}),
        ...(joint ? { jointOptimum: joint } : {}),
        planes,
      };
    });
    cache.set(key, analyses);
    return analyses;
  });
}

/** By method (the same object while its file is unchanged: load/methods.ts), then by J(0, 0)
 * and its numbers: games that share them (many regularisers leave J alone) share the analysis. */
const byJacobian = new WeakMap<MethodDefinition, Map<string, RuleAnalysis[]>>();
