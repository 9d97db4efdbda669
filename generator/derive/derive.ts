/**
 * Stage 3: derive a specialised game twice: with the activation f abstract (the generic
 * stage, in f', f'', ...) and, when the derivation gives f, with f substituted (the
 * concrete stage). The concrete stage is the generic one with f^(k)(u) replaced by the
 * k-th derivative of f at u, so both always agree by construction of the same field.
 */
import * as E from '../ir/expr.js';
import { dependsOn, nodesOf, rewrite, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { objectivesField } from '../game.js';
import type { Player, Verdict } from '../game.js';
import type { NoLinearisation } from '../vocabulary/verdicts.js';
import { DerivationError } from '../load/errors.js';
import { toNerdamer } from '../cas/text.js';
import type { DiracGame } from '../specialise/dirac.js';
import { EPSILON } from '../specialise/dirac.js';
import { gaussianExpectation } from './noise.js';
import { differentiate } from '../cas/differentiate.js';
import {
  describeKinks, determinantOf, eigenvaluesOf, kinksAtEquilibrium, matrixAtOrigin, traceOf, vectorAtOrigin, verdictOf,
} from './equilibrium.js';
import type { Eigenvalues, VerdictResult } from './equilibrium.js';
import { fieldOf, jacobianOf, regularisedObjectives } from './field.js';
import { analyseMethods } from './discrete.js';
import type { MethodAnalysis } from './discrete.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import type { Matrix2, Vector2 } from './field.js';

export type Equilibrium =
  | {
      readonly differentiable: true;
      readonly jacobian: Matrix2;
      readonly trace: Expr;
      readonly determinant: Expr;
      readonly eigenvalues: Eigenvalues;
      readonly verdict: VerdictResult;
    }
  /** Kinks of the objectives at (0, 0) ('not-differentiable'), or a field that is not 0 there
   * ('not-an-equilibrium': a regulariser moved the equilibrium; analyse/ finds it). */
  | { readonly differentiable: false; readonly verdict: NoLinearisation; readonly reason: string };

export interface Stage {
  /** The objectives each player follows, regularisers included. */
  readonly objectives: Readonly<Record<Player, Expr>>;
  readonly field: Vector2;
  readonly jacobian: Matrix2;
  readonly equilibrium: Equilibrium;
  /** Each training method near the equilibrium (none when it is not differentiable). */
  readonly discrete: readonly MethodAnalysis[];
}

export interface Derivation {
  readonly game: DiracGame;
  readonly generic: Stage;
  readonly concrete?: Stage;
  /** f, f', f'', ... as expressions in t, up to the highest order the derivation uses. */
  readonly activationDerivatives?: readonly Expr[];
  readonly verdict: { readonly verdict: Verdict; readonly reason: string };
}

/** A formula at the equilibrium, its expectation taken when the game has instance noise. */
function expectedAtEquilibrium(game: DiracGame, e: Expr): Expr {
  if (!game.noise || !dependsOn(e, EPSILON.name)) return e;
  const expected = gaussianExpectation(e, EPSILON.name, game.noise);
  if (!expected) throw new DerivationError(game.file, objectivesField(game.definition), `at (theta, phi) = (0, 0) the formula ${toNerdamer(e)} is not a polynomial in the noise, so its expectation has no closed form here`);
  return expected;
}

const undefinedAtOrigin = (why: string): string => `the vector field or its Jacobian is not defined at (theta, phi) = (0, 0) (${why})`;

/** Why e, evaluated somewhere, has no value there: it holds 0 to a negative power ('division by
 * zero'), or to a power in the hyperparameters, which is 0, 1 or no number as they vary
 * (|gradD(x)|^gamma at the equilibrium: 0^(gamma-1)); undefined where it has one. blame.ts then
 * finds the term at fault. Such a field is undefined at (0, 0), not (0, 0) moved. */
export function powerOfZeroProblem(e: Expr): string | undefined {
  for (const n of nodesOf(e)) {
    if (n.kind !== 'pow' || n.base !== E.ZERO) continue;
    if (n.exponent.kind !== 'num') return `0^(${toNerdamer(n.exponent)}), whose value depends on the hyperparameters`;
    if (n.exponent.value.num < 0n) return 'division by zero';
  }
  return undefined;
}

function equilibriumOf(game: DiracGame, objectives: Readonly<Record<Player, Expr>>, field: Vector2, jacobian: Matrix2): Equilibrium {
  const kinks = kinksAtEquilibrium(objectives, game.positive);
  if (kinks.length) return { differentiable: false, verdict: 'not-differentiable', reason: describeKinks(kinks) };
  let atEquilibrium: Vector2;
  let j: Matrix2;
  try {
    atEquilibrium = vectorAtOrigin(field).map((e) => expectedAtEquilibrium(game, e)) as unknown as Vector2;
    j = matrixAtOrigin(jacobian).map((row) => row.map((e) => expectedAtEquilibrium(game, e))) as unknown as Matrix2;
  } catch (error) {
    if (error instanceof RangeError) throw new DerivationError(game.file, objectivesField(game.definition), undefinedAtOrigin('division by zero'));
    throw error;
  }
  const problem = [...atEquilibrium, ...j.flat()].map(powerOfZeroProblem).find((why) => why !== undefined);
  if (problem) throw new DerivationError(game.file, objectivesField(game.definition), undefinedAtOrigin(problem));
  if (atEquilibrium[0] !== E.ZERO || atEquilibrium[1] !== E.ZERO) {
    return { differentiable: false, verdict: 'not-an-equilibrium', reason: `(theta, phi) = (0, 0) is not an equilibrium: the vector field there is (${toNerdamer(atEquilibrium[0])}, ${toNerdamer(atEquilibrium[1])}); the analysis beyond the linearisation looks for the equilibria where they are` };
  }
  const trace = traceOf(j);
  const determinant = determinantOf(j);
  return { differentiable: true, jacobian: j, trace, determinant, eigenvalues: eigenvaluesOf(trace, determinant), verdict: verdictOf(trace, determinant, game.positive, game.hyperparameters, game.negative) };
}

type Continuous = Omit<Stage, 'discrete'>;

function continuousStage(game: DiracGame, objectives: Readonly<Record<Player, Expr>>, field: Vector2, jacobian: Matrix2): Continuous {
  return { objectives, field, jacobian, equilibrium: equilibriumOf(game, objectives, field, jacobian) };
}

const withDiscrete = (stage: Continuous, env: Environment, positive: readonly string[]): Stage => ({
  ...stage,
  discrete: stage.equilibrium.differentiable ? analyseMethods(stage.equilibrium.jacobian, env, positive) : [],
});

/** The numbers the discrete-time analysis decides with: the default hyperparameters, and
 * f^(k) from the concrete activation -- or, for an abstract one, f'(0) = 1 (the bounds
 * stay symbolic in f'(0); only the choice of the binding root uses numbers). */
export function environmentOf(game: DiracGame, derivatives?: readonly Expr[]): Environment {
  const symbols = Object.fromEntries(game.hyperparameters.map((name) => [name, game.definition.hyperparameters[name]!.default]));
  const activation = derivatives
    ? (order: number, x: number) => evaluate(derivatives[order]!, { symbols: { ...symbols, t: x } })
    : (order: number) => (order === 1 ? 1 : 0);
  return { symbols, activation };
}

/** f and its derivatives up to this order are derived for every concrete activation. */
export const ACTIVATION_ORDER_EXPORTED = 4;

const highestActivationOrder = (exprs: readonly Expr[]): number =>
  Math.max(0, ...exprs.flatMap((e) => nodesOf(e).flatMap((n) => (n.kind === 'activation' ? [n.order] : []))));

/** Replaces every f^(k)(u) by the k-th derivative of f evaluated at u. */
function concretise(e: Expr, derivatives: readonly Expr[]): Expr {
  return rewrite(e, (node) => (node.kind === 'activation' ? substitute(derivatives[node.order]!, new Map([['t', node.arg]])) : undefined));
}

const finalVerdict = (stage: Continuous): Derivation['verdict'] =>
  stage.equilibrium.differentiable ? stage.equilibrium.verdict : { verdict: stage.equilibrium.verdict, reason: stage.equilibrium.reason };

export function derive(game: DiracGame): Derivation {
  const objectives = regularisedObjectives(game);
  const field = fieldOf(objectives);
  const base = continuousStage(game, objectives, field, jacobianOf(field));
  if (game.activationKind === 'none') {
    // No f anywhere: the generic derivation is the concrete one.
    const stage = withDiscrete(base, environmentOf(game, []), game.positive);
    return { game, generic: stage, concrete: stage, verdict: finalVerdict(stage) };
  }
  if (!game.activation) {
    const generic = withDiscrete(base, environmentOf(game), game.positive);
    return { game, generic, verdict: finalVerdict(generic) };
  }

  const used = [...base.field, ...base.jacobian.flat(), ...Object.values(base.objectives)];
  const derivatives: Expr[] = [game.activation];
  // At least up to f'''', which the generated module exports (pictures of games whose f is abstract draw with them).
  for (let k = 1; k <= Math.max(ACTIVATION_ORDER_EXPORTED, highestActivationOrder(used)); k++) derivatives.push(differentiate(derivatives[k - 1]!, 't'));
  const env = environmentOf(game, derivatives);
  const generic = withDiscrete(base, env, game.positive);
  const c = (e: Expr): Expr => concretise(e, derivatives);
  const concrete = withDiscrete(continuousStage(
    game,
    { generator: c(base.objectives.generator), discriminator: c(base.objectives.discriminator) },
    [c(base.field[0]), c(base.field[1])],
    [[c(base.jacobian[0][0]), c(base.jacobian[0][1])], [c(base.jacobian[1][0]), c(base.jacobian[1][1])]],
  ), env, game.positive);
  // The concrete verdict speaks for this f; the generic one only where the concrete signs
  // were not decided (never where this f decides against the generic assumption f'(0) != 0).
  const verdict = concrete.equilibrium.differentiable && concrete.equilibrium.verdict.undecided ? finalVerdict(generic) : finalVerdict(concrete);
  return { game, generic, concrete, activationDerivatives: derivatives, verdict };
}

