/**
 * The generated vector fields against numeric integration of the continuous flow
 * (odex). Each game's declared claims decide what is checked:
 * - every game: the flow of the generated field and the flow of a finite-difference
 *   field of the numerically evaluated objectives agree;
 * - a declared invariant (the circles of the unregularised GAN) is conserved to 1e-8;
 * - 'locally-convergent': the distance to (0, 0) decays at the rate of the largest real
 *   part of the eigenvalues (log-distance slope within 5%);
 * - 'not-differentiable': the flow from (1, 1) does not reach (0, 0).
 */
import { describe, expect, it } from 'vitest';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { integrate } from './oracles/ode.js';
import type { Field } from './oracles/ode.js';
import { numericGame } from './oracles/numeric-game.js';
import { hyperparameterGrid, loadTestGames } from './support/games.js';
import { defaultsOf, importEvaluator, parameterSets } from './support/evaluators.js';
import type { Evaluator, Params } from './support/evaluators.js';

const games = await loadTestGames();
const evaluators = new Map<string, Evaluator>();
for (const { record } of games) evaluators.set(record.id, await importEvaluator(record.id));

const generatedField = (evaluator: Evaluator, params: Params): Field => {
  const out = new Float64Array(2);
  return (theta, phi) => {
    evaluator.vectorField(theta, phi, params, out);
    return [out[0]!, out[1]!];
  };
};

/** Least-squares slope of y against x. */
function slope(x: readonly number[], y: readonly number[]): number {
  const mx = x.reduce((a, b) => a + b, 0) / x.length;
  const my = y.reduce((a, b) => a + b, 0) / y.length;
  let num = 0;
  let den = 0;
  x.forEach((xi, i) => {
    num += (xi - mx) * (y[i]! - my);
    den += (xi - mx) ** 2;
  });
  return num / den;
}

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (id, { record, definition }) => {
  const evaluator = evaluators.get(id)!;
  const sets = parameterSets(record, defaultsOf(record));

  // Where the objectives have kinks (record.kinks: u, kinked at u = 0), as functions to watch along a path.
  const kinks = record.kinks.map((k) => fromNerdamer(k.text));

  it('the flow of the generated field matches the flow of a finite-difference field of the objectives', () => {
    for (const { params, activation } of sets) {
      const oracle = numericGame(definition, defaultsOf(record), activation ? (t) => activation.derivative(0, t) : undefined);
      // The oracle's field under instance noise costs hundreds of quadratures per point: one start there.
      for (const start of ([[1, 1], [0.5, -0.8], [-1.2, 0.3]] as const).slice(0, record.noise ? 1 : 3)) {
        // Finite differences blur a kink (WGAN-GP's |phi| at 0, the hinge at phi*theta = 1):
        // compare up to the first point of the path next to one.
        const generated = integrate(generatedField(evaluator, params), start, 10, 0.5, 1e-10);
        const kinkValue = (i: number) => kinks.map((k) => Math.sign(evaluate(k, { symbols: { ...defaultsOf(record), theta: generated.theta[i]!, phi: generated.phi[i]! } })));
        const crossed = (i: number) => i > 0 && kinkValue(i).some((sign, k) => sign !== kinkValue(i - 1)[k]);
        const kink = kinks.length === 0 ? -1 : generated.t.findIndex((_, i) => crossed(i) || !oracle.smoothAt(generated.theta[i]!, generated.phi[i]!));
        const points = kink < 0 ? generated.t.length : kink;
        if (points < 2) continue;
        const reference = integrate(oracle.field, start, generated.t[points - 1]!, 0.5, 1e-10);
        for (let i = 0; i < points; i++) {
          const at = `t = ${generated.t[i]} from ${start}`;
          expect(Math.abs(generated.theta[i]! - reference.theta[i]!), at).toBeLessThan(1e-6);
          expect(Math.abs(generated.phi[i]! - reference.phi[i]!), at).toBeLessThan(1e-6);
        }
      }
    }
  });

  const { claims } = definition;
  if (claims.invariant) {
    it(`conserves ${claims.invariant} along the flow (relative drift < 1e-8 over t in [0, 100])`, () => {
      const invariant = fromNerdamer(claims.invariant!);
      for (const { params } of sets) {
        const path = integrate(generatedField(evaluator, params), [1, 0.5], 100, 1, 1e-13);
        const values = path.t.map((_, i) => evaluate(invariant, { symbols: { ...defaultsOf(record), theta: path.theta[i]!, phi: path.phi[i]! } }));
        const drift = Math.max(...values.map((v) => Math.abs(v - values[0]!) / Math.abs(values[0]!)));
        expect(drift).toBeLessThan(1e-8);
      }
    });
  }

  if (claims.verdict === 'locally-convergent') {
    it('reaches (0, 0) at the rate the largest real part of the eigenvalues predicts (within 5%)', () => {
      for (const hyperparameters of [defaultsOf(record), hyperparameterGrid(record)[2]!]) {
        for (const { params } of parameterSets(record, hyperparameters)) {
          const rate = Math.max(...evaluator.equilibriumEigenvalues!(params).re);
          expect(rate).toBeLessThan(0);
          // Long enough to lose ~16 e-folds; fit the second half, where the slow mode dominates.
          const tEnd = 16 / -rate;
          const path = integrate(generatedField(evaluator, params), [1e-3, 1e-3], tEnd, tEnd / 400, 1e-12);
          const half = Math.floor(path.t.length / 2);
          const logDistance = path.t.map((_, i) => Math.log(Math.hypot(path.theta[i]!, path.phi[i]!)));
          const measured = slope(path.t.slice(half), logDistance.slice(half));
          expect(Math.abs(measured - rate) / Math.abs(rate), `measured ${measured}, predicted ${rate} at ${JSON.stringify(hyperparameters)}`).toBeLessThan(0.05);
        }
      }
    });
  }

  if (claims.verdict === 'not-differentiable') {
    it('does not converge to (0, 0) from (1, 1)', () => {
      for (const { params } of sets) {
        const path = integrate(generatedField(evaluator, params), [1, 1], 100, 1, 1e-10);
        const late = path.t.map((_, i) => Math.hypot(path.theta[i]!, path.phi[i]!)).slice(50);
        expect(Math.min(...late)).toBeGreaterThan(0.5);
      }
    });
  }
});
