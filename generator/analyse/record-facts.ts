/**
 * Stage 4: what a record states about a derivation beyond its formulas, decided here so
 * that the emitter (emit/record.ts) only writes: the activation's derivatives the readers
 * need, the eigenvalues at the default hyperparameters, each clip bound as a sum of
 * monomials and whether it can act near the equilibrium, the kinks of the objectives, and
 * which branch of a 2x2 map's spectral radius holds.
 */
import * as E from '../ir/expr.js';
import { nodesOf } from '../ir/traverse.js';
import * as Q from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import { eigenvaluesOf } from '../../runtime/linear.js';
import { expand } from '../ir/expand.js';
import { differentiate } from '../cas/differentiate.js';
import type { Derivation, Stage } from '../derive/derive.js';
import type { MethodAnalysis } from '../derive/discrete.js';
import { kinksAnywhere } from '../derive/equilibrium.js';
import { signOf } from '../derive/sign.js';
import type { Sign } from '../vocabulary/functions.js';
import { DerivationError } from '../load/errors.js';
import { toNerdamer } from '../cas/text.js';
import type { Monomial, NumericEigenvalues } from '../contract/records.js';

/** Readers get f and f' at least, and every higher derivative the game's formulas use (numeric ones are the generated modules' activationDerivatives). */
const LEAST_ACTIVATION_ORDER = 1;

/** rho of a 2x2 map with trace T and determinant D: sqrt(D) where the radicand T^2/4 - D is
 * negative (complex eigenvalues), |T|/2 + sqrt(radicand) elsewhere; `sign` is the radicand's
 * sign where it is provable for every h and hyperparameters > 0. */
export interface SpectralRadiusCases {
  readonly trace: Expr;
  readonly determinant: Expr;
  readonly radicand: Expr;
  readonly sign: Sign;
}

export interface MethodFacts {
  readonly analysis: MethodAnalysis;
  /** For the 2x2 maps (not the optimistic method's 4x4 one). */
  readonly spectralRadius?: SpectralRadiusCases;
}

export interface ConstraintFacts {
  readonly parameter: 'theta' | 'phi';
  readonly bound: Expr;
  readonly terms: readonly Monomial[];
  readonly atDefaults: number;
  /** The bound is provably positive: the clip leaves a neighbourhood of the equilibrium alone. */
  readonly inactiveNearEquilibrium: boolean;
}

export interface RecordFacts {
  readonly defaults: Readonly<Record<string, number>>;
  /** f, f', ..., for a concrete activation. */
  readonly activationDerivatives?: readonly Expr[];
  /** The eigenvalues of J(0, 0) at the defaults, where the game has a concrete stage. */
  readonly eigenvaluesAtDefaults?: NumericEigenvalues;
  readonly constraints: readonly ConstraintFacts[];
  /** The arguments u of the kinked functions: not differentiable where u = 0. */
  readonly kinks: readonly Expr[];
  readonly methods: { readonly generic: readonly MethodFacts[]; readonly concrete?: readonly MethodFacts[] };
}

/** `positive`: the hyperparameters whose range lies above 0 (h is > 0 too). */
function spectralRadiusCases(trace: Expr, determinant: Expr, positive: readonly string[]): SpectralRadiusCases {
  // Expanded: terms that cancel do (extragradient's radicand is -h^2/4 for the GAN), so that
  // its sign is decided where it can be and no case that never applies is printed.
  const radicand = expand(E.sub(E.mul(E.num(0.25), E.pow(trace, E.num(2))), determinant));
  return { trace, determinant, radicand, sign: signOf(radicand, new Set(['h', ...positive])) };
}

const methodFacts = (stage: Stage, positive: readonly string[]): MethodFacts[] =>
  stage.discrete.map((analysis) => ({
    analysis,
    ...(analysis.trace && analysis.determinant ? { spectralRadius: spectralRadiusCases(analysis.trace, analysis.determinant, positive) } : {}),
  }));

/** The eigenvalues of J(0, 0) at the defaults, as the generated equilibriumEigenvalues computes them
 * (runtime/linear.ts); none where J(0, 0) or an eigenvalue is beyond a double (a record holds no
 * infinity or NaN). */
function eigenvaluesAt(stage: Stage, defaults: Readonly<Record<string, number>>): NumericEigenvalues | undefined {
  if (!stage.equilibrium.differentiable) return undefined;
  const { re, im } = eigenvaluesOf(stage.equilibrium.jacobian.flat().map((entry) => evaluate(entry, { symbols: defaults })));
  return [...re, ...im].every(Number.isFinite) ? { re, im } : undefined;
}

/** One term coefficient * prod name^power, or undefined when the term is not of that form. */
function monomialOf(term: Expr, hyperparameters: ReadonlySet<string>): Monomial | undefined {
  const [coefficient, rest] = E.splitCoefficient(term);
  const powers: Record<string, number> = {};
  for (const factor of rest === E.ONE ? [] : rest.kind === 'mul' ? rest.factors : [rest]) {
    const [base, exponent] = factor.kind === 'pow' ? [factor.base, factor.exponent] : [factor, E.ONE];
    if (base.kind !== 'sym' || !hyperparameters.has(base.name) || exponent.kind !== 'num') return undefined;
    powers[base.name] = Q.toNumber(exponent.value);
  }
  return { coefficient: Q.toNumber(coefficient), powers };
}

function constraintFacts(derivation: Derivation, defaults: Readonly<Record<string, number>>): ConstraintFacts[] {
  const { game } = derivation;
  const hyperparameters = new Set(game.hyperparameters);
  return game.constraints.map((c, i) => {
    const expanded = expand(c.bound);
    const terms = (expanded.kind === 'add' ? expanded.terms : [expanded]).map((t) => monomialOf(t, hyperparameters));
    if (terms.some((t) => t === undefined)) {
      throw new DerivationError(game.file, `constraints[${i}].bound`, `the clip bound ${toNerdamer(c.bound)} is not a sum of products of powers of hyperparameters (such as c, 2*c^2 or sqrt(c)/gamma), the form the record states bounds in`);
    }
    return {
      parameter: c.parameter,
      bound: c.bound,
      terms: terms as Monomial[],
      atDefaults: evaluate(c.bound, { symbols: defaults }),
      // The equilibrium has the parameter at 0: a positive bound leaves a neighbourhood untouched.
      inactiveNearEquilibrium: signOf(c.bound, new Set(game.positive)) === 'positive',
    };
  });
}

/** f and its derivatives from the derivation, up to f' or the highest order its formulas use, continued with the CAS where the derivation stopped earlier. */
function activationDerivatives(derivation: Derivation): Expr[] | undefined {
  if (!derivation.activationDerivatives) return undefined;
  const { field, jacobian } = derivation.generic;
  const used = Math.max(0, ...[...field, ...jacobian.flat()].flatMap((e) => nodesOf(e).flatMap((n) => (n.kind === 'activation' ? [n.order] : []))));
  const derivatives = derivation.activationDerivatives.slice(0, Math.max(LEAST_ACTIVATION_ORDER, used) + 1);
  while (derivatives.length <= LEAST_ACTIVATION_ORDER) derivatives.push(differentiate(derivatives.at(-1)!, 't'));
  return derivatives;
}

export function recordFacts(derivation: Derivation): RecordFacts {
  const { game, generic } = derivation;
  // Without an activation the generic stage is the concrete one: it is stated once.
  const concrete = derivation.concrete === generic ? undefined : derivation.concrete;
  const defaults = Object.fromEntries(game.hyperparameters.map((name) => [name, game.definition.hyperparameters[name]!.default]));
  const derivatives = activationDerivatives(derivation);
  const atDefaults = derivation.concrete && eigenvaluesAt(derivation.concrete, defaults);
  return {
    defaults,
    ...(derivatives ? { activationDerivatives: derivatives } : {}),
    ...(atDefaults ? { eigenvaluesAtDefaults: atDefaults } : {}),
    constraints: constraintFacts(derivation, defaults),
    kinks: kinksAnywhere(generic.objectives, game.positive),
    methods: { generic: methodFacts(generic, game.positive), ...(concrete ? { concrete: methodFacts(concrete, game.positive) } : {}) },
  };
}
