/**
 * The package as a programmer gets it: `npm pack` (which builds dist/ from generated/),
 * installed into a fresh project with no other dependencies, then imported and called
 * from plain JavaScript -- the README's example, taken from the README itself -- and
 * type-checked from TypeScript under strict options.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/records.js';

const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let consumer: string;

/** A README example: the fenced block after the `example:<name>` marker. */
function readmeExample(name = 'consumer'): string {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const match = new RegExp(`<!-- example:${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match) throw new Error(`README.md has no <!-- example:${name} --> block`);
  return match[1]!;
}

beforeAll(() => {
  consumer = mkdtempSync(path.join(tmpdir(), 'dirac-gan-consumer-'));
  npm(['pack', '--silent', '--pack-destination', consumer], ROOT);
  const tarball = readdirSync(consumer).find((name) => name.endsWith('.tgz'))!;
  writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  npm(['install', '--offline', '--no-audit', '--no-fund', `./${tarball}`], consumer);
});

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('the packed package', () => {
  it('installs with no runtime dependencies', () => {
    const installed = readdirSync(path.join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['dirac-gan-dynamics']);
  });

  it("runs the README's example", () => {
    writeFileSync(path.join(consumer, 'example.mjs'), readmeExample());
    const output = execFileSync(process.execPath, ['example.mjs'], { cwd: consumer, encoding: 'utf8' });
    // The example prints the field at (1, 1) and the eigenvalues at the equilibrium of gan-r1.
    expect(output).toMatch(/-0\.2689\d*/);
    expect(output).toMatch(/-0\.15/);
  });

  it("runs the README's example of the compiled training methods", () => {
    writeFileSync(path.join(consumer, 'methods.mjs'), readmeExample('methods'));
    const [distance, radius, bound] = execFileSync(process.execPath, ['methods.mjs'], { cwd: consumer, encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(distance).toBeLessThan(1e-8);
    expect(radius).toBeCloseTo(0.95448, 5);
    const record = JSON.parse(readFileSync(path.join(ROOT, 'generated/gan-r1.json'), 'utf8')) as { rules: { method: string; variant: string; bound?: number }[] };
    expect(bound).toBeCloseTo(record.rules.find((r) => r.method === 'momentum' && r.variant === 'simultaneous')!.bound!, 6);
  });

  it('serves the index, sub-paths per game and the records, with types', () => {
    writeFileSync(path.join(consumer, 'check.ts'), [
      "import { gameIds, ganConsensus } from 'dirac-gan-dynamics';",
      "import { vectorField, defaults, type Params } from 'dirac-gan-dynamics/gan-r1';",
      "const p: Params = { ...defaults, gamma: 2 };",
      'const v: Float64Array = vectorField(0.5, -0.25, p);',
      'const ids: readonly string[] = gameIds;',
      'const e: { re: [number, number]; im: [number, number] } = ganConsensus.equilibriumEigenvalues();',
      // A game module is the game a compiled training method steps.
      "import * as ganR1 from 'dirac-gan-dynamics/gan-r1';",
      "import { adam, startState, type AdamHyperparameters } from 'dirac-gan-dynamics/methods';",
      'const adamAt: AdamHyperparameters = { ...adam.defaults, beta1: 0.9 };',
      'const next: Float64Array = adam.steps.alternating(ganR1, startState(adam, [1, 1]), { hG: 0.01, hD: 0.01 }, adamAt);',
      // No DOM or Node types to load (lib.dom alone is 30,000 lines): the one global used, declared.
      'declare const console: { log(...values: unknown[]): void };',
      'console.log(v, ids, e, next);',
      '',
    ].join('\n'));
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const diagnostics = execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--lib', 'es2022', 'check.ts'], { cwd: consumer, encoding: 'utf8' });
    expect(diagnostics).toBe('');
    const script = "import r from 'dirac-gan-dynamics/records/gan-r1' with { type: 'json' }; console.log(r.verdict.verdict);";
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' });
    expect(output.trim()).toBe('locally-convergent');
  });
});
