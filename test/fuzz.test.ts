/**
 * Random derivations from the format's grammar (fast-check, seeded), valid and broken (a random
 * activation and penalty, some with instance noise, some with a kinked second penalty), put
 * through the generator as `npm run generate` runs it:
 * - one run over all of them: exit 1, one `error:` line naming each file that cannot be
 *   derived (every broken one among them), never a stack trace, generated/ untouched;
 * - one run over the valid ones that derived: exit 0, records without NaN or Infinity, and
 *   each generated vector field equal to finite differences of its objectives, evaluated
 *   numerically by the oracle (test/oracles/numeric-game.ts), away from kinks.
 * Both runs share the test file's generator process (support/generator-server.ts).
 */
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinition } from './support/games.js';
import { numericGame } from './oracles/numeric-game.js';
import { close } from './support/compare.js';
import { tempProject } from './support/temp-project.js';
import type { CommandResult, TempProject } from './support/temp-project.js';

const STACK_TRACE = /^\s+at .+[:(]/m;
const SEED = 20261129;

/** Expressions of the format: numbers, the names a place allows, + - * / ^, the elementary functions. */
const expression = (names: readonly string[]): fc.Arbitrary<string> =>
  fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...names),
      fc.constantFrom('1', '2', '0.5', '3/4'),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`),
      fc.tuple(tie('e'), fc.constantFrom('2', '3')).map(([a, k]) => `(${a})^${k}`),
      fc.tuple(fc.constantFrom('exp', 'log', 'sigmoid', 'softplus', 'abs'), tie('e')).map(([fn, a]) => (fn === 'log' ? `log(1 + (${a})^2)` : `${fn}(${a})`)),
    ),
  })).e;

interface Valid {
  readonly activation: string;
  readonly penalty: string;
  readonly over: 'data' | 'generator' | 'interpolated';
  readonly player: 'generator' | 'discriminator';
  readonly weight: string;
  /** Instance noise on the objectives' terms (sigma). */
  readonly noise: boolean;
  /** A second, kinked regulariser: WGAN-GP's or DRAGAN's term, or none. */
  readonly kinked: string;
}

const valid: fc.Arbitrary<Valid> = fc.record({
  activation: fc.oneof(fc.constantFrom('-log(1 + exp(-t))', 't', '-softplus(-t) + t^2/8', 'sigmoid(t) - 1/2'), expression(['t']).filter((e) => e.includes('t'))),
  penalty: expression(['gradD(x)', 'D(x)']).filter((e) => e.includes('D(x)')),
  over: fc.constantFrom('data', 'generator', 'interpolated'),
  player: fc.constantFrom('generator', 'discriminator'),
  weight: fc.constantFrom('gamma/2', 'gamma', 'gamma^2'),
  noise: fc.boolean(),
  kinked: fc.constantFrom('', '', "{ over: 'interpolated', of: '(abs(gradD(x)) - 1)^2' }", "{ over: 'data', of: '(abs(gradD(x)) - 1)^2' }"),
});

/** A derivation file: gan-r1's shape, with the random parts. */
function source(id: string, v: Valid): string {
  const noise = v.noise ? ", noise: 'sigma'" : '';
  return `import { defineGame } from '../generator/game.js';

export default defineGame({
  id: '${id}',
  title: { en: '${id}', zh: '${id}' },
  summary: { en: 'A random derivation.', zh: '随机推导。' },
  sources: ['test/fuzz.test.ts'],
  slots: [],
  activation: { definition: '${v.activation}' },
  discriminator: 'phi*x',
  objectives: {
    generator: [{ over: 'generator', of: 'f(D(x))'${noise} }, { over: 'data', of: 'f(-D(x))'${noise} }],
    discriminator: [{ over: 'generator', of: 'f(D(x))'${noise} }, { over: 'data', of: 'f(-D(x))'${noise} }],
  },
  regularisers: [
    { kind: 'expectation', name: 'R', player: '${v.player}', weight: '${v.weight}', term: { over: '${v.over}', of: '${v.penalty}' } },${v.kinked ? `\n    { kind: 'expectation', name: 'K', player: 'discriminator', weight: 'gamma/2', term: ${v.kinked} },` : ''}
  ],
  hyperparameters: {
    gamma: { default: 0.3, range: [0.05, 10], description: { en: 'a weight', zh: '权重' } },${v.noise ? `\n    sigma: { default: 0.5, range: [0.1, 2], description: { en: 'the noise', zh: '噪声' } },` : ''}
  },
  claims: { verdict: 'locally-convergent', source: 'none: a random derivation' },
});
`;
}

/** Ways to break a valid file: each leaves text the generator must refuse with a message. */
const BREAKS: readonly ((text: string) => string)[] = [
  (t) => t.replace("weight: 'gamma", "weight: 'gamme"), // an unknown symbol
  (t) => t.replace("of: '", "of: '(("), // unbalanced parentheses
  (t) => t.replace("discriminator: 'phi*x'", "discriminator: 'phi x'"), // an implicit product
  (t) => t.replace('  slots: [],\n', ''), // a missing field
  (t) => t.replace("player: '", "player: 'critic"), // a value outside an enumeration
  (t) => t.replace('range: [0.05, 10]', 'range: [10, 0.05]'), // an empty range
  (t) => t.replace("of: '", "of: '^"), // an operator without operand
  (t) => t.replace('export default defineGame({', 'export default defineGame({,'), // not TypeScript
];

const VALID = fc.sample(valid, { seed: SEED, numRuns: 6 });
const BROKEN = fc.sample(fc.tuple(valid, fc.integer({ min: 0, max: BREAKS.length - 1 })), { seed: SEED + 1, numRuns: 8 });
const validId = (i: number): string => `fuzz-valid-${i}`;
const brokenId = (i: number): string => `fuzz-broken-${i}`;

const errorLine = (run: CommandResult, id: string): string | undefined => run.stderr.split('\n').find((l) => l.startsWith('error: ') && l.includes(`derivations/${id}.ts`));

describe('random derivations (fast-check, seeded)', () => {
  let project: TempProject;
  let all: CommandResult;
  let before: string;
  let untouched = false;
  let derivable: number[];
  let derived: CommandResult;
  beforeAll(async () => {
    project = tempProject();
    for (const name of readdirSync(path.join(project.root, 'derivations'))) rmSync(path.join(project.root, 'derivations', name));
    // The fuzzer's subject is the derivation format: one training method is enough to run every
    // stage (the methods have tests of their own), and the simulated ones would cost a tenth of a
    // second a game.
    for (const name of readdirSync(path.join(project.root, 'methods'))) if (name !== 'gradient.ts') rmSync(path.join(project.root, 'methods', name));
    VALID.forEach((v, i) => project.write(`derivations/${validId(i)}.ts`, source(validId(i), v)));
    BROKEN.forEach(([v, k], i) => project.write(`derivations/${brokenId(i)}.ts`, BREAKS[k]!(source(brokenId(i), v))));
    before = project.generatedDigest();
    all = await project.generate();
    untouched = project.generatedDigest() === before;
    // The valid ones that derived, alone. A random game's verdict is not known in advance: where
    // the claim alone was refused, the verdict the run names becomes the claim, as an author would write it.
    derivable = VALID.map((_, i) => i).filter((i) => {
      const line = errorLine(all, validId(i));
      const refuted = line === undefined ? undefined : /claims\.verdict: the derivation claims \S+, but it derives (\S+)$/.exec(line);
      if (refuted) project.write(`derivations/${validId(i)}.ts`, source(validId(i), VALID[i]!).replace("verdict: 'locally-convergent'", `verdict: '${refuted[1]}'`));
      return line === undefined || refuted !== null;
    });
    for (const name of readdirSync(path.join(project.root, 'derivations'))) {
      if (!derivable.some((i) => name === `${validId(i)}.ts`)) rmSync(path.join(project.root, 'derivations', name));
    }
    derived = await project.generate();
  });
  afterAll(() => project?.remove());

  it('all together: exit 1, every file that cannot be derived named on an error line, never a stack trace, nothing written', () => {
    // The sample holds games with instance noise and with a kinked second penalty (the seed picks them).
    expect(VALID.some((v) => v.noise) && VALID.some((v) => v.kinked !== ''), JSON.stringify(VALID)).toBe(true);
    expect(all.status, all.stderr).toBe(1);
    expect(all.stderr).not.toMatch(STACK_TRACE);
    for (const line of all.stderr.split('\n').filter((l) => l.startsWith('error: '))) expect(line).toMatch(/^error: derivations\/fuzz-(valid|broken)-\d+\.ts(:\d+:\d+)?: /);
    BROKEN.forEach((_, i) => expect(errorLine(all, brokenId(i)), `${brokenId(i)} (break ${BROKEN[i]![1]})\n${all.stderr}`).toBeDefined());
    expect(untouched, 'generated/ must be untouched').toBe(true);
  });

  it('most valid ones derive; those alone: exit 0, finite records, fields equal to finite differences of their objectives', async () => {
    // Some random penalties are refused for a reason (they move the equilibrium, the algebra
    // engine cannot differentiate them): named above, with a message, which is what is asked.
    expect(derivable.length, all.stderr).toBeGreaterThanOrEqual(VALID.length / 2);
    expect(derived.status, derived.stderr).toBe(0);
    expect(derived.stderr).not.toMatch(STACK_TRACE);
    for (const i of derivable) {
      const record = project.read(`generated/${validId(i)}.json`);
      expect(record, validId(i)).not.toMatch(/NaN|Infinity/);
      type Module = { vectorField(theta: number, phi: number, p: { gamma: number; sigma?: number }): Float64Array };
      const module = (await import(pathToFileURL(path.join(project.root, `generated/${validId(i)}.ts`)).href)) as Module;
      const definition = await importDefinition(path.join(project.root, `derivations/${validId(i)}.ts`));
      const oracle = numericGame(definition, { gamma: 0.3, sigma: 0.5 });
      for (const [theta, phi] of [[0.7, -0.4], [-0.3, 0.9], [1.1, 0.6]] as const) {
        if (!oracle.smoothAt(theta, phi)) continue;
        const computed = [...module.vectorField(theta, phi, { gamma: 0.3, ...(VALID[i]!.noise ? { sigma: 0.5 } : {}) })];
        const expected = oracle.field(theta, phi);
        const where = `${validId(i)} ${JSON.stringify(VALID[i])} at (${theta}, ${phi}): ${computed} vs ${expected}`;
        // Values past 1e6 (exp of a polynomial) are compared relatively only.
        expect(computed.every((c, k) => Number.isFinite(c) && close(c, expected[k]!, 1e-6)), where).toBe(true);
      }
    }
  });
});
