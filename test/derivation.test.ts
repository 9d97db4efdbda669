/**
 * The derived formulas in each record against independent numeric oracles:
 * - the vector field against central finite differences of the numerically evaluated
 *   objectives (test/oracles/numeric-game.ts reads the derivation file on its own);
 * - the Jacobian against finite differences of the derived field;
 * - the eigenvalues at the equilibrium against ml-matrix's eigenvalues of a
 *   finite-difference Jacobian of the oracle field.
 * Generic formulas (in f', f'', ...) are checked with test activations whose derivatives are
 * exact; concrete formulas with the derivation's own activation.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { differentiableAt, jacobian as fdJacobian } from './oracles/finite-difference.js';
import { numericGame } from './oracles/numeric-game.js';
import { TEST_ACTIVATIONS, evaluator, formula, parseEntries } from './support/records.js';
import type { TestActivation } from './support/records.js';
import { PROPERTY_RUNS, hyperparameterArbitrary, hyperparameterGrid, loadTestGames } from './support/games.js';
import type { TestGame } from './support/games.js';
import { close, describeMismatch } from './support/compare.js';
import { checkGame } from '../generator/load/check.js';
import { specialise } from '../generator/specialise/dirac.js';
import { derive } from '../generator/derive/derive.js';
import { ganObjective, r1Penalty, standardActivation } from '../generator/pieces.js';

const games = await loadTestGames();

/** The variants of a game to check: concrete (its own f) and generic with each test activation. */
function variants(game: TestGame): { name: string; variant: 'generic' | 'concrete'; activation?: TestActivation }[] {
  const generic = TEST_ACTIVATIONS.map((activation) => ({ name: `generic, ${activation.name}`, variant: 'generic' as const, activation }));
  if (game.definition.activation === 'none') return [{ name: 'no activation', variant: 'generic' }];
  return game.definition.activation === 'abstract' ? generic : [{ name: 'concrete', variant: 'concrete' }, ...generic];
}

const oracleFor = (game: TestGame, params: Record<string, number>, activation?: TestActivation) =>
  numericGame(game.definition, params, activation ? (t) => activation.derivative(0, t) : undefined);

const point = fc.tuple(fc.double({ min: -2.5, max: 2.5, noNaN: true }), fc.double({ min: -2.5, max: 2.5, noNaN: true }));

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (_id, game) => {
  // Only a game whose record lists kinks has points to skip; in any other, a kink the record
  // missed fails the comparison instead of being skipped, so nothing hides by not looking.
  const kinked = game.record.kinks.length > 0;
  describe.each(variants(game).map((v) => [v.name, v] as const))('%s', (_name, { variant, activation }) => {
    const field = evaluator(parseEntries(formula(game.record, 'field', variant).text), activation, game.record.noise);
    const jacobian = evaluator(parseEntries(formula(game.record, 'jacobian', variant).text), activation, game.record.noise);

    it('field = (-dL_G/dtheta, dL_D/dphi) of the numerically evaluated objectives', () => {
      fc.assert(
        fc.property(point, hyperparameterArbitrary(game.record), ([theta, phi], params) => {
          const oracle = oracleFor(game, params, activation);
          // Finite differences say nothing at a kink (WGAN-GP's |phi| at phi = 0): skip such points.
          fc.pre(!kinked || oracle.smoothAt(theta, phi));
          const derived = field({ ...params, theta, phi });
          const expected = oracle.field(theta, phi);
          expect(derived.every((x, i) => close(x, expected[i]!)), describeMismatch('field', derived, expected, { theta, phi, ...params })).toBe(true);
        }),
        PROPERTY_RUNS,
      );
    });

    it('Jacobian = finite differences of the derived field', () => {
      fc.assert(
        fc.property(point, hyperparameterArbitrary(game.record), ([theta, phi], params) => {
          // One scope for the run's many evaluations, its point set in place.
          const scope = { ...params, theta, phi };
          const v = (t: number, p: number) => {
            scope.theta = t;
            scope.phi = p;
            return field(scope) as [number, number];
          };
          fc.pre(!kinked || [0, 1].every((i) => differentiableAt((t) => v(t, phi)[i]!, theta) && differentiableAt((p) => v(theta, p)[i]!, phi)));
          const derived = jacobian({ ...params, theta, phi });
          const expected = fdJacobian(v, theta, phi);
          expect(derived.every((x, i) => close(x, expected[i]!)), describeMismatch('Jacobian', derived, expected, { theta, phi, ...params })).toBe(true);
        }),
        PROPERTY_RUNS,
      );
    });

    const { equilibrium } = game.record;
    if (!equilibrium.differentiable) return;
    it('eigenvalues at (0, 0) = numeric eigenvalues of a finite-difference Jacobian', () => {
      const eigen = equilibrium.eigenvalues[variant]!;
      const [center, radicand] = [fromNerdamer(eigen.center), fromNerdamer(eigen.radicand)];
      for (const params of hyperparameterGrid(game.record)) {
        const oracle = oracleFor(game, params, activation);
        const j = fdJacobian(oracle.field, 0, 0);
        const numeric = new EigenvalueDecomposition(new Matrix([j.slice(0, 2), j.slice(2)]));
        const env = { symbols: params, ...(activation ? { activation: activation.derivative } : {}) };
        const c = evaluate(center, env);
        const r = evaluate(radicand, env);
        const s = Math.sqrt(Math.abs(r));
        const derived = r < 0 ? [[c, s], [c, -s]] : [[c + s, 0], [c - s, 0]];
        const expected = numeric.realEigenvalues.map((re, i) => [re, numeric.imaginaryEigenvalues[i]!]);
        const order = (pairs: number[][]) => [...pairs].sort((a, b) => a[1]! - b[1]! || a[0]! - b[0]!);
        const [d, e] = [order(derived), order(expected)];
        for (let i = 0; i < 2; i++) {
          expect(close(d[i]![0]!, e[i]![0]!, 1e-5) && close(d[i]![1]!, e[i]![1]!, 1e-5), describeMismatch('eigenvalues', d.flat(), e.flat(), params)).toBe(true);
        }
      }
    });
  });
});

describe('a hyperparameter whose range lies below 0', () => {
  it('is read as negative: R1 with a weight of the wrong sign is unstable for every weight in its range, as ml-matrix finds at each', () => {
    const definition = {
      id: 'anti-r1', title: { en: 'anti-R1', zh: 'anti-R1' }, summary: { en: 'a test', zh: 'a test' }, sources: ['a test'],
      activation: standardActivation, objective: ganObjective(), regularisers: [r1Penalty()],
      hyperparameters: { gamma: { default: -0.05, range: [-1, -0.01] as [number, number], description: { en: 'weight', zh: 'weight' } } },
      claims: { verdict: 'unstable' as const, source: 'a test' },
    };
    const derivation = derive(specialise(checkGame('derivations/anti-r1.ts', definition)));
    const stage = derivation.concrete!;
    if (!stage.equilibrium.differentiable) throw new Error('anti-R1 should be differentiable at (0, 0)');
    expect(stage.equilibrium.verdict).toMatchObject({ verdict: 'unstable', reason: expect.stringMatching(/for every gamma < 0/) });
    const { jacobian } = stage.equilibrium;
    for (const gamma of [-1, -0.3, -0.05, -0.01]) {
      const j = jacobian.map((row) => row.map((e) => evaluate(e, { symbols: { gamma } })));
      expect(Math.max(...new EigenvalueDecomposition(new Matrix(j)).realEigenvalues), `gamma = ${gamma}`).toBeGreaterThan(0);
    }
  });
});
