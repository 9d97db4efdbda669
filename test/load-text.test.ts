/**
 * The playground's loader (generator/load/text.ts): a derivation's text run without esbuild.
 * Oracles: the file imported as the tests import any module (each game's default export), and
 * esbuild's own parser for where a syntax error is.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { evaluateText } from '../generator/load/text.js';
import { DerivationError } from '../generator/load/errors.js';
import { THROWING_DERIVATIONS } from './support/throwing-derivations.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DERIVATIONS = path.join(ROOT, 'derivations');

/** The error evaluateText throws for a text. */
function failure(text: string): DerivationError {
  try {
    evaluateText(text, 'derivations/x.ts');
  } catch (error) {
    if (error instanceof DerivationError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('a derivation loaded from its text (the playground)', () => {
  it('gives every file of derivations/ the default export the module itself has, named as the file', async () => {
    for (const name of readdirSync(DERIVATIONS).filter((n) => n.endsWith('.ts'))) {
      const { file, exported } = evaluateText(readFileSync(path.join(DERIVATIONS, name), 'utf8'), 'derivations/playground.ts');
      const imported = ((await import(path.join(DERIVATIONS, name))) as { default: unknown }).default;
      expect(file).toBe(`derivations/${name}`);
      expect(exported, name).toEqual(imported);
    }
  });

  it('places a syntax error where esbuild does (line and column, from 1)', async () => {
    for (const text of ["export default { id: 'a', x: 1 y: 2 };", 'const x = ;\nexport default x;', "export default {\n  id: 'a',\n  title: { en: 'x' zh: 'y' },\n};", 'export default defineGame({ id: ) });']) {
      const at = /:(\d+):(\d+)$/.exec(failure(text).file);
      expect(at, text).not.toBeNull();
      const esbuild = await transform(text, { loader: 'ts' }).then(
        () => undefined,
        (error: { errors: { location: { line: number; column: number } }[] }) => error.errors[0]!.location,
      );
      expect([Number(at![1]), Number(at![2])], text).toEqual([esbuild!.line, esbuild!.column + 1]);
    }
  });

  it('places an error thrown while loading where the text threw, as the command line does (hardening.test.ts)', () => {
    for (const { id, text, at, message } of THROWING_DERIVATIONS) expect(failure(text).message, id).toBe(`derivations/x.ts:${at}: cannot be loaded: ${message}`);
  });

  it('refuses an import other than the format and its pieces, naming it where it is', () => {
    const error = failure("import { x } from '../generator/other.js';\nexport default x;");
    expect(error.message).toBe('derivations/x.ts:1:19: cannot be loaded: Could not resolve "../generator/other.js"');
  });
});
