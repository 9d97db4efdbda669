/**
 * The playground's evaluator (site/playground/evaluator.ts), built in the page from the module's
 * fast paths as text (source.ts) compiled with the runtime's functions (compiled.ts), on a game
 * whose field is an expectation over instance noise of polynomials (the quadrature's Gauss-Hermite
 * rule, exact there). Oracle: the expectation taken symbolically (exact Gaussian moments,
 * generator/derive/noise.ts) and evaluated.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateText } from '../generator/load/text.js';
import { checkGame } from '../generator/load/check.js';
import { deriveGame } from '../generator/derive/blame.js';
import { gaussianExpectation } from '../generator/derive/noise.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { EPSILON } from '../generator/specialise/dirac.js';
import { loadMethods } from '../generator/load/methods.js';
import type { MethodDefinition } from '../generator/method.js';
import { deriveExport } from '../site/playground/derive.js';
import { evaluatorOf } from '../site/playground/evaluator.js';
import { setMethodsRecord } from '../site/data/methods.js';
import { setSampleActivationTex } from '../site/data/game.js';
import { transform } from 'esbuild';
import { esbuildError, esbuildWhere } from '../generator/load/errors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** LSGAN with instance noise on every sample: polynomial integrands in the noise. */
const NOISY_LSGAN = `import { defineGame } from '../generator/game.js';
export default defineGame({
  id: 'lsgan-noise',
  title: { en: 'LSGAN + instance noise', zh: 'LSGAN + 实例噪声' },
  summary: { en: 'x', zh: 'x' },
  sources: ['a test'],
  activation: 'none',
  objectives: {
    generator: [{ over: 'generator', of: '(D(x) - 1)^2/2', noise: 'sigma' }],
    discriminator: [{ over: 'data', of: '-(D(x) - 1)^2/2', noise: 'sigma' }, { over: 'generator', of: '-D(x)^2/2', noise: 'sigma' }],
  },
  hyperparameters: { sigma: { default: 0.5, range: [0.05, 3], description: { en: 'noise', zh: '噪声' } } },
  claims: { verdict: 'inconclusive', source: 'a test' },
});
`;

describe('the playground’s evaluator, compiled from the module’s fast paths', () => {
  let methods: MethodDefinition[];
  beforeAll(async () => {
    setMethodsRecord(JSON.parse(readFileSync(path.join(ROOT, 'generated/methods.json'), 'utf8')));
    setSampleActivationTex('f(t) = -\\\\log\\\\left(1 + e^{-t}\\\\right)');
    ({ methods } = await loadMethods(path.join(ROOT, 'methods'), ROOT));
  });

  it('evaluates a field over instance noise of polynomials as its exact Gaussian expectation', () => {
    const { file, exported } = evaluateText(NOISY_LSGAN, 'derivations/playground.ts');
    const derived = deriveExport(file, exported, methods, 'en', '-log(1 + exp(-t))');
    if (!derived.ok) throw new Error(derived.problems.map((p) => p.message).join('\n'));
    const evaluator = evaluatorOf(derived.evaluator);
    const derivation = deriveGame(checkGame(file, exported));
    const stage = derivation.concrete!;
    const expected = [...stage.field, ...stage.jacobian.flat()].map((e) => gaussianExpectation(e, EPSILON.name, derivation.game.noise!)!);
    for (const [theta, phi, sigma] of [[0.7, -1.3, 0.5], [-2, 0.4, 1.7], [1.1, 2.2, 0.05]] as const) {
      const symbols = { theta, phi, sigma };
      const got = [...evaluator.vectorFieldUnchecked(theta, phi, { sigma }, new Float64Array(2)), ...evaluator.jacobianUnchecked!(theta, phi, { sigma }, new Float64Array(4))];
      got.forEach((value, k) => expect(value).toBeCloseTo(evaluate(expected[k]!, { symbols }), 12));
    }
  });

  it('places an esbuild error in characters, as editors count, where a line holds Chinese before it', async () => {
    const text = "export default { title: { zh: '最小二乘' ] };";
    const location = await transform(text, { loader: 'ts' }).then(() => null, (error: { errors: { location: { line: number; column: number; lineText: string } }[] }) => error.errors[0]!.location);
    expect(esbuildError(esbuildWhere('derivations/x.ts', location), 'x').file).toBe(`derivations/x.ts:1:${text.indexOf(']') + 1}`);
  });
});
