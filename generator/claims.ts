/**
 * A derivation's claims (what the article or the literature says of its game) against what
 * the generator derived: the linearisation's verdict, the eigenvalues at (0, 0), a conserved
 * quantity, the flow's verdict and the largest stable learning rates. A claim is a test the derivation must pass: one that
 * differs stops the run (exit 1, nothing written), naming the game, the claim and both values.
 *
 * The eigenvalues and the invariant are compared as functions, by their values: at the
 * hyperparameters' defaults and range ends, for two sets of f^(k)(0) (a claim is written in
 * f'(0), f''(0), ... as the generic stage is), and for the invariant along the field at a
 * few points, f being the game's own where it is concrete and sin(t) + t where it is abstract.
 */
import { differentiate, fromNerdamer } from './cas/differentiate.js';
import type { Derivation, Equilibrium } from './derive/derive.js';
import { flowAtOrigin } from './contract/records.js';
import type { GameRecord } from './contract/records.js';
import * as E from './ir/expr.js';
import { nodesOf } from './ir/traverse.js';
import type { Expr } from './ir/expr.js';
import { evaluate } from './ir/evaluate.js';
import { boundAt } from './derive/discrete.js';
import type { Method } from '../runtime/methods.js';
import type { Environment } from './ir/evaluate.js';

export interface ClaimDifference {
  /** The field of `claims` in the derivation. */
  readonly claim: 'verdict' | 'eigenvalues' | 'invariant' | 'flow' | `bounds.${Method}`;
  readonly claimed: string;
  readonly derived: string;
}

/** Values of f^(k)(0), k = 1..: two sets, so that a claim true for one value of f'(0) only is caught. */
const DERIVATIVES_AT_ZERO: readonly (readonly number[])[] = [[0, 1, 0, 0, 0, 0], [0, 0.7, -0.3, 0.2, 0.1, -0.05]];
/** f(t) = sin(t) + t, for fields that keep f abstract: f^(k)(t). */
const TEST_ACTIVATION = (order: number, t: number): number =>
  order === 0 ? Math.sin(t) + t : order === 1 ? Math.cos(t) + 1 : [Math.sin, Math.cos, (x: number) => -Math.sin(x), (x: number) => -Math.cos(x)][order % 4]!(t);
const POINTS: readonly (readonly [number, number])[] = [[0.3, -0.7], [1.1, 0.4], [-0.5, 1.3]];
const TOLERANCE = 1e-9;

/** The hyperparameters at their defaults and at the ends of their ranges. */
function settings(derivation: Derivation): Record<string, number>[] {
  const definitions = Object.entries(derivation.game.definition.hyperparameters);
  return [0, 1, 2].map((i) => Object.fromEntries(definitions.map(([name, h]) => [name, [h.default, h.range[0], h.range[1]][i]!])));
}

const close = (a: number, b: number, scale: number): boolean => Math.abs(a - b) <= TOLERANCE * Math.max(1, scale);

/** Whether the claimed eigenvalues re +- i im are the derived center +- sqrt(radicand) everywhere sampled. */
function eigenvaluesAgree(derivation: Derivation, re: Expr, im: Expr): boolean {
  const eq = derivation.generic.equilibrium;
  if (!eq.differentiable) return false;
  const { center, radicand } = eq.eigenvalues;
  // re +- i im = center +- sqrt(radicand) exactly when re = center and im^2 = -radicand.
  const imSquared = E.pow(im, E.num(2));
  return settings(derivation).every((symbols) => DERIVATIVES_AT_ZERO.every((derivatives) => {
    const env: Environment = { symbols, activation: (order) => derivatives[order] ?? 0 };
    const [c, r] = [evaluate(center, env), evaluate(radicand, env)];
    return close(evaluate(re, env), c, Math.abs(c)) && close(evaluate(imSquared, env), -r, Math.abs(r));
  }));
}

/** Whether the claimed invariant is constant along the field: grad I . v = 0 at the points sampled. */
function invariantHolds(derivation: Derivation, invariant: Expr): boolean {
  const stage = derivation.concrete ?? derivation.generic;
  const gradient = [differentiate(invariant, 'theta'), differentiate(invariant, 'phi')];
  return settings(derivation).every((hyperparameters) => POINTS.every(([theta, phi]) => {
    const env: Environment = { symbols: { ...hyperparameters, theta, phi }, activation: TEST_ACTIVATION };
    const g = gradient.map((e) => evaluate(e, env));
    const v = stage.field.map((e) => evaluate(e, env));
    return close(g[0]! * v[0]! + g[1]! * v[1]!, 0, Math.hypot(g[0]!, g[1]!) * Math.hypot(v[0]!, v[1]!));
  }));
}

/** Why (0, 0) has no eigenvalues to compare: a kink there, or a field that is not 0 there. */
const noJacobian = (e: Equilibrium): string => (!e.differentiable && e.verdict === 'not-an-equilibrium' ? '(0, 0) is not an equilibrium' : 'J is not differentiable at (0, 0)');

/** Where a claimed largest stable learning rate differs from the one found, the first setting
 * that shows it (the claim is in f'(0), ...: compared on the generic stage, for two sets of them). */
function boundDifference(derivation: Derivation, method: Method, claimed: Expr): string | undefined {
  const stage = derivation.generic;
  const analysis = stage.discrete.find((m) => m.method === method);
  if (!analysis || !stage.equilibrium.differentiable) return `no learning-rate analysis at (0, 0): ${noJacobian(stage.equilibrium)}`;
  const inF = stage.equilibrium.jacobian.flat().some((e) => nodesOf(e).some((n) => n.kind === 'activation'));
  for (const symbols of settings(derivation)) {
    for (const derivatives of DERIVATIVES_AT_ZERO) {
      const env: Environment = { symbols, activation: (order) => derivatives[order] ?? 0 };
      const found = boundAt(analysis, stage.equilibrium.jacobian, env);
      const expected = evaluate(claimed, env);
      const at = [...Object.entries(symbols).map(([k, v]) => `${k} = ${v}`), ...(inF ? [`f'(0) = ${derivatives[1]}`] : [])].join(', ');
      if (found === undefined) return `no bound at ${at} (the method's spectral radius does not cross 1 there)`;
      if (!(Math.abs(found - expected) <= 1e-6 * Math.max(1, Math.abs(found)))) return `h* = ${found} at ${at}, where the claim gives ${expected}`;
    }
  }
  return undefined;
}

/** The claims that differ from the derivation and its record; [] when every claim holds. */
export function claimDifferences(derivation: Derivation, record: GameRecord): ClaimDifference[] {
  const { claims } = record;
  const differences: ClaimDifference[] = [];
  if (claims.verdict !== record.verdict.verdict) differences.push({ claim: 'verdict', claimed: claims.verdict, derived: record.verdict.verdict });
  if (claims.eigenvalues) {
    const { re, im } = claims.eigenvalues;
    if (!eigenvaluesAgree(derivation, fromNerdamer(re), fromNerdamer(im))) {
      const derived = record.equilibrium.differentiable ? record.equilibrium.eigenvalues.generic.text : `none: ${noJacobian(derivation.generic.equilibrium)}`;
      differences.push({ claim: 'eigenvalues', claimed: `${re} +- i*(${im})`, derived });
    }
  }
  if (claims.invariant !== undefined && !invariantHolds(derivation, fromNerdamer(claims.invariant))) {
    differences.push({ claim: 'invariant', claimed: claims.invariant, derived: 'not constant along the field' });
  }
  for (const [method, text] of Object.entries(claims.bounds ?? {}) as [Method, string | undefined][]) {
    const derived = text === undefined ? undefined : boundDifference(derivation, method, fromNerdamer(text));
    if (text !== undefined && derived !== undefined) differences.push({ claim: `bounds.${method}`, claimed: `h* = ${text}`, derived });
  }
  const flow = flowAtOrigin(record)?.verdict;
  if (claims.flow !== undefined && claims.flow !== flow) differences.push({ claim: 'flow', claimed: claims.flow, derived: flow ?? 'no verdict at (0, 0)' });
  return differences;
}

/** What the summary says of the claims that hold: which were compared. */
export function claimsCompared(record: GameRecord): string {
  const { claims } = record;
  const bounds = Object.keys(claims.bounds ?? {}).map((method) => `${method} bound`);
  const compared = ['verdict', ...(claims.eigenvalues ? ['eigenvalues'] : []), ...(claims.invariant !== undefined ? ['invariant'] : []), ...(claims.flow !== undefined ? ['flow'] : []), ...bounds];
  return `agrees (${compared.join(', ')})`;
}
