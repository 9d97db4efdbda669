/**
 * The activation's derivatives the generated modules export (`activationDerivatives`, from
 * the shared modules in generated/activations/): f against a numeric reading of the
 * derivation's own definition (the oracle shares only the parser), and each derivative
 * against a finite difference of the one before.
 */
import { describe, expect, it } from 'vitest';
import { activationOf } from './oracles/numeric-game.js';
import { derivative } from './oracles/finite-difference.js';
import { importEvaluator } from './support/evaluators.js';
import { loadTestGames } from './support/games.js';

const games = (await loadTestGames()).filter((g) => typeof g.record.activation === 'object');
const POINTS = [-8, -2.5, -1, -0.3, 0, 0.4, 1.7, 3, 9];

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (id, { definition }) => {
  it('exports f, f\', ... f\'\'\'\': f as its definition, each derivative the finite difference of the one before', async () => {
    const { activationDerivatives } = (await importEvaluator(id)) as unknown as { activationDerivatives: readonly ((t: number) => number)[] };
    expect(activationDerivatives.length).toBeGreaterThanOrEqual(5);
    const f = activationOf(definition, {});
    for (const t of POINTS) {
      expect(activationDerivatives[0]!(t)).toBeCloseTo(f(t), 12);
      for (let k = 1; k < activationDerivatives.length; k++) {
        const expected = derivative(activationDerivatives[k - 1]!, t);
        expect(Math.abs(activationDerivatives[k]!(t) - expected), `f^(${k})(${t})`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected)));
      }
    }
  });
});
