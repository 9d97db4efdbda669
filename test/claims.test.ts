/**
 * What the article and the literature claim about each game -- declared in the game's own
 * derivation file under `claims` -- checked twice: against the derived verdict, and
 * against numeric eigenvalues of a finite-difference Jacobian of the oracle field.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import * as E from '../generator/ir/expr.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { derivative, differentiableAt, jacobian as fdJacobian } from './oracles/finite-difference.js';
import { activationOf, numericGame } from './oracles/numeric-game.js';
import { TEST_ACTIVATIONS } from './support/records.js';
import { hyperparameterGrid, loadTestGames } from './support/games.js';
import { close } from './support/compare.js';
import { integrate } from './oracles/ode.js';
import { flowAtOrigin } from '../generator/contract/records.js';

const games = await loadTestGames();

/** The activations to check a game with: its own, or the test activations when f is abstract. */
function activationsOf(definition: (typeof games)[number]['definition'], params: Record<string, number>) {
  if (definition.activation !== 'abstract') {
    const f = activationOf(definition, params);
    // f^(k)(x) numerically: the oracle does not know the derivation's symbolic derivatives.
    const nth = (order: number): ((x: number) => number) => (order === 0 ? f : (x) => derivative(nth(order - 1), x));
    return [{ f: undefined, derivative: (order: number, x: number) => nth(order)(x) }];
  }
  return TEST_ACTIVATIONS.map((a) => ({ f: (t: number) => a.derivative(0, t), derivative: a.derivative }));
}

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (_id, { record, definition }) => {
  const { claims } = definition;

  it(`is derived as ${claims.verdict}, as ${claims.source} claims`, () => {
    expect(record.verdict.verdict).toBe(claims.verdict);
  });

  // The flow's verdict beyond the linearisation, where claimed: the record's, and what an ODE
  // solver sees on the oracle's field (closed orbits conserve theta^2 + phi^2; a weakly
  // attracting centre shrinks them, slowly). The other verdicts' numbers are checked by
  // test/analyse-*.test.ts.
  if (claims.flow !== undefined) it(`its flow at (0, 0) is found ${claims.flow}`, () => {
    expect(flowAtOrigin(record)?.verdict).toBe(claims.flow);
    const params = Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default]));
    for (const activation of activationsOf(definition, params)) {
      const oracle = numericGame(definition, params, activation.f);
      const H = (i: number, path: { theta: number[]; phi: number[] }): number => path.theta[i]! ** 2 + path.phi[i]! ** 2;
      if (claims.flow === 'exact-centre') {
        const path = integrate(oracle.field, [0.3, 0.2], 30, 1, 1e-11);
        for (let i = 0; i < path.t.length; i++) expect(Math.abs(H(i, path) - H(0, path)), `t = ${path.t[i]}`).toBeLessThanOrEqual(1e-6 * H(0, path));
      }
      if (claims.flow === 'weakly-attracting') {
        const path = integrate(oracle.field, [0.3, 0.2], 200, 10, 1e-10);
        for (let i = 1; i < path.t.length; i++) expect(H(i, path), `t = ${path.t[i]}`).toBeLessThan(H(i - 1, path));
        expect(H(path.t.length - 1, path)).toBeLessThan(0.5 * H(0, path));
      }
    }
  });

  it(`shows numerically what '${claims.verdict}' means`, () => {
    for (const params of hyperparameterGrid(record)) {
      for (const activation of activationsOf(definition, params)) {
        const oracle = numericGame(definition, params, activation.f);
        if (claims.verdict === 'not-differentiable') {
          const partials = [0, 1].flatMap((i) => [(t: number) => oracle.field(t, 0)[i]!, (p: number) => oracle.field(0, p)[i]!]);
          expect(partials.some((g) => !differentiableAt(g, 0)), 'the field is differentiable at (0, 0) after all').toBe(true);
          continue;
        }
        const j = fdJacobian(oracle.field, 0, 0);
        const eigen = new EigenvalueDecomposition(new Matrix([j.slice(0, 2), j.slice(2)]));
        const re = eigen.realEigenvalues;
        const im = eigen.imaginaryEigenvalues;
        const where = `${JSON.stringify(params)}: eigenvalues ${re.map((r, i) => `${r}${im[i]! >= 0 ? '+' : ''}${im[i]}i`).join(', ')}`;
        if (claims.verdict === 'purely-imaginary') expect(re.every((r) => Math.abs(r) < 1e-6) && im.every((i) => Math.abs(i) > 1e-6), where).toBe(true);
        if (claims.verdict === 'locally-convergent') expect(Math.max(...re) < -1e-6, where).toBe(true);
        if (claims.verdict === 'unstable') expect(Math.max(...re) > 1e-6, where).toBe(true);

        if (claims.eigenvalues) {
          const env = { symbols: params, activation: activation.derivative };
          // re +- i im, read through im^2 so that a claim like sqrt(f'(0)^2 - ...) also covers the
          // parameters where it turns real: then the pair is re +- sqrt(-im^2).
          const claimedRe = evaluate(fromNerdamer(claims.eigenvalues.re), env);
          const imSquared = evaluate(E.pow(fromNerdamer(claims.eigenvalues.im), E.num(2)), env);
          const spread = Math.sqrt(Math.abs(imSquared));
          const claimed = imSquared >= 0 ? [[claimedRe, -spread], [claimedRe, spread]] : [[claimedRe - spread, 0], [claimedRe + spread, 0]];
          const sorted = re.map((r, i) => [r, im[i]!] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
          claimed.forEach(([r, i], k) => {
            expect(close(sorted[k]![0], r!, 1e-5) && close(sorted[k]![1], i!, 1e-5), `claimed ${JSON.stringify(claimed)}, ${where}`).toBe(true);
          });
        }
      }
    }
  });
});
