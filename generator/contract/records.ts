/**
 * The record contract: the shape of `generated/<id>.json` and (readers.ts) the only readers of it. The
 * generator writes records of these types (generator/emit/record.ts); the site, the
 * benchmark and the tests read them through this module and nothing else of the generator.
 *
 * A record carries what its readers need in the form they need it (a hyperparameter's plain
 * symbol, the activation's TeX apart from its derivatives, a clip bound as data they can
 * evaluate), so no reader parses TeX. The nerdamer text of each formula is there for readers
 * that check or rebuild the formulas with a CAS of their own (the tests, the benchmark).
 *
 * Browser-safe: no Node module, no CAS.
 */

import type { Basin, DriftRecord, SimulationRecord, SwitchingCurveRecord } from './dynamics-records.js';

/** English and Chinese text. */
export interface Text {
  readonly en: string;
  readonly zh: string;
}

import type { Verdict } from '../vocabulary/verdicts.js';
import type { NonlinearRecord } from '../analyse/analyse.js';
import type { NonlinearVerdict } from '../analyse/verdict.js';
// How the continuous flow behaves near the equilibrium (0, 0), and beyond the linearisation.
export type { Verdict, NonlinearRecord, NonlinearVerdict };

/** What the article or the literature states about the game; the tests check each claim
 * against the derivation and against numeric oracles. */
export interface Claims {
  readonly verdict: Verdict;
  /** The eigenvalues of the Jacobian at the equilibrium, as re +- i*im (expressions in the
   * hyperparameters and df(0), d2f(0), ...), where the source states them. */
  readonly eigenvalues?: { readonly re: string; readonly im: string };
  /** A quantity the continuous flow conserves, in theta and phi (e.g. the radius of the
   * circles the unregularised GAN orbits on). */
  readonly invariant?: string;
  /** What the flow does at (0, 0) beyond the linearisation, as the nonlinear analysis should
   * find it (with f substituted where it is given), e.g. 'exact-centre' or 'weakly-attracting'. */
  readonly flow?: NonlinearVerdict;
  /** The largest stable learning rate of a training method (one learning rate h), as an
   * expression in the hyperparameters and df(0), d2f(0), ..., where the source states it. */
  readonly bounds?: Partial<Readonly<Record<Method, string>>>;
  /** Where the claim is made. */
  readonly source: string;
}

// The training methods and their discrete-time verdicts: the runtime's one table (runtime/methods.ts).
export { METHODS } from '../../runtime/methods.js';
export type { Method, StabilityVerdict as DiscreteVerdict } from '../../runtime/methods.js';
import type { Method, StabilityVerdict as DiscreteVerdict } from '../../runtime/methods.js';

/** The training methods' names, as the records label them and the pages name them where a
 * record has no entry for a method (a game without a Jacobian at (0, 0)). */
export const METHOD_LABELS: Readonly<Record<Method, Text>> = {
  simultaneous: { en: 'Simultaneous gradient steps', zh: '同步梯度下降' },
  alternating: { en: 'Alternating gradient steps', zh: '交替梯度下降' },
  extragradient: { en: 'Extragradient', zh: '外梯度法' },
  optimistic: { en: 'Optimistic gradient steps', zh: '乐观梯度下降' },
};

/** A formula as nerdamer text and as LaTeX. */
export interface Rendered {
  readonly text: string;
  readonly tex: string;
}

export interface FormulaRecord {
  readonly id: string;
  readonly label: Text;
  /** With the activation f abstract (in f', f'', ...). */
  readonly generic: Rendered;
  /** With the game's f substituted, where it has one. */
  readonly concrete?: Rendered;
}

export interface NumericEigenvalues {
  readonly re: readonly [number, number];
  readonly im: readonly [number, number];
}

/** An eigenvalue pair center +- sqrt(radicand). */
export interface EigenvaluesRecord {
  /** "c +- i*m", "c +- sqrt(r)" or "c (double)". */
  readonly text: string;
  /** The pair's value as TeX, without a left-hand side: "c \pm m\,i", or "c" for a double one. */
  readonly tex: string;
  readonly center: string;
  readonly radicand: string;
}

export interface HyperparameterRecord {
  readonly name: string;
  /** The symbol as plain text, for labels outside TeX: "γ" for gamma, "c" for c. */
  readonly symbol: string;
  readonly tex: string;
  readonly default: number;
  readonly range: readonly [number, number];
  readonly description: Text;
}

/** A concrete activation f(t). */
export interface ActivationRecord {
  /** As the derivation file writes it. */
  readonly definition: string;
  /** f alone, as an equation: "f(t) = ...". */
  readonly tex: string;
  /** f^(k)(t) for k = 0, 1, ..., at least up to f''' (more where the game uses more),
   * derived by the generator's CAS; each the right-hand side only. */
  readonly derivatives: readonly Rendered[];
}

/** A product coefficient * prod name^power of hyperparameters. */
export interface Monomial {
  readonly coefficient: number;
  readonly powers: Readonly<Record<string, number>>;
}

/** A clip bound, an expression in the hyperparameters, as a sum of monomials (the generator
 * accepts no other bound), so a reader evaluates it at any hyperparameters with `clipBound`. */
export interface ClipBound extends Rendered {
  readonly terms: readonly Monomial[];
  readonly atDefaults: number;
}

/** A projection after each training step: the parameter clipped to [-bound, bound]. */
export interface ConstraintRecord {
  readonly parameter: 'theta' | 'phi';
  readonly bound: ClipBound;
  /** The projection as an assignment. */
  readonly tex: string;
  /** Whether the clip can act near the equilibrium, in words. */
  readonly nearEquilibrium: Text;
}

/** The largest stable learning rate (one rate h for both players, nG = nD = 1). */
export type BoundRecord =
  | { readonly kind: 'closed-form'; readonly text: string; readonly tex: string; readonly atDefaults: number }
  | { readonly kind: 'numeric'; readonly tex: string; readonly atDefaults: number };

export interface MethodRecord {
  readonly method: Method;
  readonly label: Text;
  /** The update map's Jacobian at the equilibrium. */
  readonly map: Rendered;
  readonly eigenvalues: Rendered;
  readonly spectralRadius: Rendered;
  readonly verdict: DiscreteVerdict;
  readonly reason: Text;
  readonly bound?: BoundRecord;
  /** Where the verdict is converges-in-intervals: the intervals of h where the map contracts (to null: up to the end of the scan, 1e3). */
  readonly intervals?: readonly { readonly from: number; readonly to: number | null }[];
}

/** A training method of methods/ in one variant, linearised at the equilibrium (generator/methods/). */
export interface RuleRecord {
  /** The method's file, methods/<method>.ts; generated/methods.json describes it. */
  readonly method: string;
  readonly variant: 'simultaneous' | 'alternating';
  /** M, the update map's Jacobian at the equilibrium, in h_G, h_D and the method's hyperparameters (its state is x, then each memory), and p(mu) = det(mu I - M); left out where too long to read. */
  readonly map?: Rendered;
  readonly polynomial?: Rendered;
  /** The size of M, the degree of p. */
  readonly degree: number;
  /** M contracts exactly where the Schur conditions of this degree (generated/methods.json) hold for p's coefficients. */
  readonly verdict: DiscreteVerdict;
  /** With one learning rate h = h_G = h_D, the method's other hyperparameters at `atDefaults`: the largest h of the interval from 0 where M contracts (or, cycling, stays on the unit circle). */
  readonly bound?: number;
  /** Every interval of h in (1e-6, 1e3) where M contracts; `to` null where the interval reaches 1e3. */
  readonly intervals: readonly { readonly from: number; readonly to: number | null }[];
  readonly atDefaults: Readonly<Record<string, number>>;
  /** Where the method converges from at the defaults, where its linearisation converges: runs from
   * a grid of starts at h = 0.2, or half the bound below it (generator/methods/simulate.ts). */
  readonly basin?: Basin;
  /** With one learning rate h and atDefaults: the h of smallest spectral radius and that radius; with
   * h* and rho*^2 in closed form (in the game's and the method's hyperparameters) where there is one
   * that agrees with the numeric search. Absent where M contracts for no h. */
  readonly optimum?: { readonly h: number; readonly radius: number; readonly closedForm?: { readonly h: Rendered; readonly radiusSquared: Rendered } };
  /** With the method's first hyperparameter free too, over its range (h in [1e-3, 10]): the pair of
   * smallest spectral radius, numeric (a grid and a pattern search), in closed form where one agrees. */
  readonly jointOptimum?: { readonly name: string; readonly value: number; readonly h: number; readonly radius: number; readonly closedForm?: { readonly value: Rendered; readonly h: Rendered } };
  /** Planes of two numbers, the others at atDefaults: (h_g, h_d), two time scales; (q, h) for the
   * method's first hyperparameter q. p's coefficient c_k is the sum of coefficients[k][i][j] x^i y^j:
   * the runtime's schurStable and polynomialRadius (runtime/schur.ts) decide where M contracts. */
  readonly planes: readonly { readonly x: string; readonly y: string; readonly coefficients: readonly (readonly (readonly number[])[])[] }[];
}

/** The training methods at an equilibrium other than (0, 0) (generator/methods/elsewhere.ts, f
 * substituted): at an isolated point, each rule's verdict, bound and stable intervals with one
 * rate h; along a line of equilibria, each rule's plane over (the line's coordinate, h), whose
 * roots at 1 (the line's own direction) a reader sets apart (runtime/schur.ts withoutRootsAtOne). */
export type ElsewhereRecord = {
  readonly at: { readonly theta: number; readonly phi: number };
  readonly rules: readonly { readonly method: string; readonly variant: 'simultaneous' | 'alternating'; readonly verdict: DiscreteVerdict; readonly bound?: number; readonly intervals: readonly { readonly from: number; readonly to: number | null }[] }[];
} | {
  readonly line: { readonly variable: 'theta' | 'phi'; readonly value: number; readonly along: 'theta' | 'phi' };
  readonly planes: readonly { readonly method: string; readonly variant: 'simultaneous' | 'alternating'; readonly plane: RuleRecord['planes'][number] }[];
};

/** generated/methods.json: each training method of methods/, and the Schur conditions of each degree its maps have. */
export interface MethodsRecord {
  readonly $comment: string;
  readonly methods: readonly {
    readonly id: string;
    readonly title: Text;
    readonly summary: Text;
    readonly sources: readonly string[];
    readonly memory: readonly string[];
    /** Why the update has no linearisation at an equilibrium: the method is simulated instead. */
    readonly notDifferentiable?: Text;
    readonly hyperparameters: readonly { readonly name: string; readonly symbol: string; readonly tex: string; readonly default: number; readonly range: readonly [number, number]; readonly description: Text; readonly count: boolean }[];
  }[];
  /** By degree n of p: conditions `tex > 0` on p's coefficients c_0 ... c_n that hold together exactly when every root of p lies inside the unit circle. */
  readonly schur: Readonly<Record<string, readonly Rendered[]>>;
}

/** A kink u = 0 of the objectives, what jumps across it, and Filippov's picture along it away from the equilibrium. */
export interface KinkRecord extends Rendered {
  /** The field and its Jacobian on the side u > 0 minus those on the side u < 0 (with f
   * substituted where it is given), at u = 0 where u is theta or phi: 0 where they are continuous.
   * On the kink the checked `jacobian` returns the limit from the side u > 0. */
  readonly jump: { readonly field: Rendered; readonly jacobian: Rendered };
  readonly filippov?: readonly SwitchingCurveRecord[];
}

export interface GameRecord {
  readonly $comment: string;
  readonly id: string;
  /** The derivation file, relative to the project's root. */
  readonly file: string;
  readonly title: Text;
  readonly summary: Text;
  readonly sources: readonly string[];
  /** Ids of the article's slots this game fills (contract/article.ts). */
  readonly slots: readonly string[];
  /** 'abstract': f stays symbolic; 'none': the objectives do not use f. */
  readonly activation: 'abstract' | 'none' | ActivationRecord;
  readonly hyperparameters: readonly HyperparameterRecord[];
  readonly formulas: readonly FormulaRecord[];
  readonly equilibrium:
    | {
        readonly differentiable: true;
        readonly eigenvalues: { readonly generic: EigenvaluesRecord; readonly concrete?: EigenvaluesRecord; readonly atDefaults?: NumericEigenvalues };
      }
    | { readonly differentiable: false; readonly reason: string };
  readonly verdict: { readonly verdict: Verdict; readonly reason: string };
  /** Instance noise: formulas containing `symbol` are expectations over it ~ N(0, sigma^2). */
  readonly noise?: { readonly symbol: string; readonly sigma: string; readonly tex: string };
  readonly constraints: readonly ConstraintRecord[];
  /** Where the objectives are not differentiable: each kink's u, of |u|, sign(u), relu(u) or
   * step(u), not differentiable where u = 0; empty where they are differentiable everywhere. */
  readonly kinks: readonly KinkRecord[];
  /** Training in discrete time, per method: generic in f', and concrete where f is given. */
  readonly discrete: { readonly generic: readonly MethodRecord[]; readonly concrete?: readonly MethodRecord[] };
  /** Every training method of methods/, in both variants, where the equilibrium is differentiable (f substituted where it is given). */
  readonly rules: readonly RuleRecord[];
  /** The training methods at the equilibria other than (0, 0) the nonlinear analysis finds. */
  readonly rulesElsewhere: readonly ElsewhereRecord[];
  /** Alternating steps where the linearisation says they cycle: the map's cubic normal-form coefficient d at sampled h (analyse/map-drift.ts). */
  readonly drift?: DriftRecord;
  /** The training methods without a linearisation, simulated: labelled so, never a verdict. */
  readonly simulations: readonly SimulationRecord[];
  /** Beyond the linearisation: every equilibrium found, with the verdict of the nonlinear analysis, the analyses it rests on, its formulas and numbers (generator/analyse/). */
  readonly nonlinear: NonlinearRecord;
  /** Remarks on fields of the derivation that are kept, not errors (a penalty constant on the Dirac-GAN). */
  readonly notes: readonly { readonly field: string; readonly text: Text }[];
  readonly claims: Claims;
}

/** generated/methods.json: the training methods of methods/ (MethodsRecord); every other .json of generated/ is a game's record. */
export const METHODS_RECORD = 'methods.json';

/** Whether a file name of generated/ is a game's record. */
export const isGameRecordFile = (name: string): boolean => name.endsWith('.json') && name !== METHODS_RECORD;

/** One equilibrium (or set of them) the nonlinear analysis reports, and where it is. */
export type EquilibriumRecord = NonlinearRecord['stages'][number]['equilibria'][number];
export type WhereRecord = EquilibriumRecord['where'];

// What the dynamics do beyond the linearisation, apart (dynamics-records.ts), and the readers of
// the records (readers.ts): from this module as the rest of the contract.
export type { Basin, DriftRecord, SimulationRecord, SimulationRow, SwitchingCurveRecord } from './dynamics-records.js';
export { clipBound, coefficientsAt, conditionalFactor, entriesOfText, flowAtOrigin, formulaOf, holdsOrigin } from './readers.js';
