/**
 * The shape of the nonlinear analysis: one verdict per equilibrium (or set of equilibria),
 * the analyses it rests on, its formulas (IR; print with generator/print/) and numbers at
 * the default hyperparameters. Everything but the formulas is plain JSON;
 * `serialiseNonlinear` (analyse.ts) turns the formulas into nerdamer text and TeX.
 */
import type { Expr } from '../ir/expr.js';

/** The verdicts of the nonlinear analysis, one table (the derivations' `claims.flow` is checked against it). */
export const NONLINEAR_VERDICTS = [
  /** Hyperbolic sink: both eigenvalues with negative real part (Hartman-Grobman). */
  'asymptotically-stable',
  /** Hyperbolic, an eigenvalue with positive real part (source or saddle). */
  'unstable',
  /** A conserved quantity: every orbit near the equilibrium is closed. */
  'exact-centre',
  /** Converges, algebraically (a rate law r(t)^(2m) ~ C/t). */
  'weakly-attracting',
  'weakly-repelling',
  /** f abstract: attracting or repelling according to the sign of a formula in f's derivatives. */
  'sign-condition',
  /** Centre whose computed Lyapunov coefficients all vanish, with no conserved quadratic form found. */
  'centre-undecided',
  /** A curve of equilibria, transversally attracting: each trajectory ends at a point of it. */
  'line-of-equilibria',
  /** A point of a curve of equilibria where the transversal eigenvalue is 0 too: stable, not attracting. */
  'lyapunov-stable',
  /** A switching line of a piecewise-smooth field holding Filippov equilibria. */
  'filippov-equilibria',
  /** f abstract: equilibria wherever a derivative of f vanishes (none if it has no zero). */
  'conditional',
  'undecided',
] as const;

export type NonlinearVerdict = (typeof NONLINEAR_VERDICTS)[number];

export type Analysis =
  | 'factored solve' | 'interval count' | 'linearisation' | 'conserved quadratic form' | 'Lyapunov function'
  | 'LaSalle' | 'Lyapunov coefficients' | 'flow box' | 'Filippov' | 'Poincare map' | 'affine return map';

export type Where =
  | { readonly kind: 'point'; readonly theta: Expr; readonly phi: Expr }
  | { readonly kind: 'line'; readonly variable: 'theta' | 'phi'; readonly value: Expr }
  | { readonly kind: 'switching-line'; readonly variable: 'theta' | 'phi'; readonly value: Expr }
  | { readonly kind: 'conditional'; readonly factor: Expr; readonly meanOver?: Expr };

/** A periodic orbit at one value of a hyperparameter. */
export interface OrbitRow {
  readonly parameter: string;
  readonly value: number;
  /** Largest and smallest theta on the orbit (where it crosses phi = 0), its period, its multiplier. */
  readonly crossing?: number;
  readonly opposite?: number;
  readonly period?: number;
  readonly multiplier?: number;
  /** Why there is none (e.g. the boundary equilibria are nodes that attract). */
  readonly none?: string;
}

export interface EquilibriumVerdict {
  readonly where: Where;
  readonly verdict: NonlinearVerdict;
  readonly restsOn: readonly Analysis[];
  readonly reason: string;
  readonly formulas: Readonly<Record<string, Expr>>;
  readonly numbers: Readonly<Record<string, number>>;
  /** Computed tables: periodic orbits against a hyperparameter; end points against starts. */
  readonly orbits?: readonly OrbitRow[];
  readonly endPoints?: readonly { readonly start: readonly [number, number]; readonly end: readonly [number, number] }[];
}

export interface StageAnalysis {
  readonly stage: 'generic' | 'concrete';
  /** How the equilibria were found; for the interval count, its box and result. */
  readonly search:
    /** unsolved: factors of v1 whose zeros were not found (then the list may be incomplete). */
    | { readonly method: 'closed form'; readonly unsolved: readonly Expr[] }
    | { readonly method: 'interval count'; readonly box: readonly [readonly [number, number], readonly [number, number]]; readonly certified: number; readonly uncertified: number };
  readonly equilibria: readonly EquilibriumVerdict[];
}

export interface NonlinearAnalysis {
  readonly id: string;
  readonly stages: readonly StageAnalysis[];
}
