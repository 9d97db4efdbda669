/**
 * Equal functions give equal code: an activation spelt differently is put in one canonical
 * form (generator/ir/expr.ts, complementRules), so the standard GAN written with
 * f(t) = t - log(1 + e^t) emits, byte for byte, the evaluators of f(t) = -log(1 + e^-t),
 * with the accuracy the stability tests demand of those.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/records.js';
import { tempProject } from './support/temp-project.js';

const gan = readFileSync(path.join(ROOT, 'derivations/gan.ts'), 'utf8');
const STANDARD = 'activation: standardActivation';

describe('spellings of the standard GAN activation', () => {
  const project = tempProject();
  afterAll(() => project.remove());

  it.each([['t - log(1 + exp(t))'], ['t - softplus(t)'], ['-(log(1 + exp(t)) - t)']])('f(t) = %s emits the same module and activation file as -log(1 + exp(-t))', async (definition) => {
    expect(gan).toContain(STANDARD);
    project.write('derivations/gan.ts', gan.replace(STANDARD, `activation: { definition: '${definition}' }`));
    const result = await project.generate('--only', 'gan');
    expect(result.status, result.stderr).toBe(0);
    expect(project.read('generated/gan.ts')).toBe(readFileSync(path.join(ROOT, 'generated/gan.ts'), 'utf8'));
    const shared = /from '\.\/(activations\/f-[0-9a-f]+)\.js'/.exec(project.read('generated/gan.ts'))![1]!;
    expect(project.read(`generated/${shared}.ts`)).toBe(readFileSync(path.join(ROOT, `generated/${shared}.ts`), 'utf8'));
  });
});
