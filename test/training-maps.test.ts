/**
 * The generated training maps against a plain reference step written here from the
 * finite-difference field of the numerically evaluated objectives: one simultaneous step
 * (theta, phi) + h v(theta, phi), and one alternating round of nD discriminator steps then
 * nG generator steps with separate step sizes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numericGame } from './oracles/numeric-game.js';
import { PROPERTY_RUNS, hyperparameterArbitrary, loadTestGames } from './support/games.js';
import { importEvaluator, parameterSets } from './support/evaluators.js';
import { close } from './support/compare.js';

const games = await loadTestGames();
const point = fc.tuple(fc.double({ min: -2, max: 2, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }));
const stepSize = fc.double({ min: 1e-3, max: 0.5, noNaN: true });
const count = fc.integer({ min: 1, max: 3 });
const runs = { ...PROPERTY_RUNS, numRuns: 50 };

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (id, { record, definition }) => {
  // Points to skip only where the record lists kinks (see derivation.test.ts).
  const kinked = record.kinks.length > 0;
  it('simultaneousStep = (theta, phi) + h v(theta, phi)', async () => {
    const evaluator = await importEvaluator(id);
    fc.assert(
      fc.property(point, stepSize, hyperparameterArbitrary(record), ([theta, phi], h, hyper) => {
        for (const { params, activation } of parameterSets(record, hyper)) {
          const oracle = numericGame(definition, hyper, activation ? (t) => activation.derivative(0, t) : undefined);
          // Finite differences say nothing next to a kink (WGAN-GP's |phi| at phi = 0).
          fc.pre(!kinked || oracle.smoothAt(theta, phi));
          const v = oracle.field(theta, phi);
          const expected = oracle.project(theta + h * v[0], phi + h * v[1]);
          const actual = evaluator.simultaneousStep(theta, phi, h, params);
          expect(close(actual[0]!, expected[0]!) && close(actual[1]!, expected[1]!), `${actual} vs ${expected}`).toBe(true);
        }
      }),
      runs,
    );
  });

  it('alternatingStep = nG generator steps, then nD discriminator steps (the default), or the other way round', async () => {
    const evaluator = await importEvaluator(id);
    const order = fc.constantFrom(undefined, 'generator-first', 'discriminator-first');
    fc.assert(
      fc.property(point, stepSize, stepSize, count, count, order, hyperparameterArbitrary(record), ([theta, phi], hG, hD, nG, nD, order, hyper) => {
        for (const { params, activation } of parameterSets(record, hyper)) {
          const oracle = numericGame(definition, hyper, activation ? (t) => activation.derivative(0, t) : undefined);
          let [t, p] = [theta, phi];
          const step = (update: () => void): void => {
            fc.pre(!kinked || oracle.smoothAt(t, p));
            update();
          };
          // Each sub-step is followed by the derivation's projection (WGAN's clipping), if any.
          const generatorSteps = () => { for (let i = 0; i < nG; i++) step(() => ([t, p] = oracle.project(t + hG * oracle.field(t, p)[0], p))); };
          const discriminatorSteps = () => { for (let i = 0; i < nD; i++) step(() => ([t, p] = oracle.project(t, p + hD * oracle.field(t, p)[1]))); };
          if (order === 'discriminator-first') { discriminatorSteps(); generatorSteps(); } else { generatorSteps(); discriminatorSteps(); }
          const actual = evaluator.alternatingStep(theta, phi, { hG, hD, nG, nD, ...(order ? { order } : {}) }, params);
          // Errors of the finite-difference field compound over up to six steps.
          expect(close(actual[0]!, t, 1e-5) && close(actual[1]!, p, 1e-5), `${actual} vs ${[t, p]}`).toBe(true);
        }
      }),
      runs,
    );
  });
});
