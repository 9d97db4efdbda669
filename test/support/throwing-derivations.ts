/**
 * Derivations that throw while loading, for the command line's loader (hardening.test.ts) and
 * the playground's (load-text.test.ts). Each is gan-r1 with one edit, and the place it throws
 * is found in its own text, as an author's editor counts it (line and column from 1, a Chinese
 * character one column): where V8 says a throw, a failed call or a failed property read is.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './records.js';

export interface ThrowingDerivation {
  readonly id: string;
  readonly text: string;
  /** line:column of the throw in text. */
  readonly at: string;
  /** The error's message. */
  readonly message: string;
}

const ganR1 = readFileSync(path.join(ROOT, 'derivations/gan-r1.ts'), 'utf8');

/** gan-r1 as `id`, edited; `at` is where `marker` starts in the edited text, plus `offset` columns. */
function throwing(id: string, edit: (source: string) => string, marker: string, offset: number, message: string): ThrowingDerivation {
  const text = edit(ganR1.replace("id: 'gan-r1'", `id: '${id}'`));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  if (line < 0) throw new Error(`${id}: the edit left no ${marker}`);
  return { id, text, at: `${line + 1}:${lines[line]!.indexOf(marker) + offset + 1}`, message };
}

export const THROWING_DERIVATIONS: readonly ThrowingDerivation[] = [
  // A helper of the file's own throws: the place is the throw, not the call.
  throwing('t-throws', (s) => s.replace('export default defineGame({', "function weightOf(): string {\n  throw new Error('no weight yet');\n}\nexport default defineGame({").replace('r1Penalty()', 'r1Penalty(weightOf())'), 'new Error', 0, 'no weight yet'),
  // A built-in throws: its frame has no place in the file, the file's call of it has.
  throwing('u-json', (s) => s.replace('export default defineGame({', "const settings: { weight: string } = JSON.parse('{weight: 1}');\nexport default defineGame({").replace('r1Penalty()', 'r1Penalty(settings.weight)'), 'JSON.parse', 'JSON.'.length, "Expected property name or '}' in JSON at position 1"),
  // A function the file makes with new Function throws: its frame is not the file's (no place in
  // it); the file's call of it is.
  throwing('w-function', (s) => s.replace('export default defineGame({', "const check = new Function('throw new Error(\"made by new Function\")');\ncheck();\nexport default defineGame({"), 'check();', 0, 'made by new Function'),
  // A property of null, after Chinese text on the same line.
  throwing('v-null', (s) => s.replace("zh: '标准 GAN + R1' }", "zh: '标准 GAN + R1' + (null as never as { x: string }).x }"), '.x }', 1, "Cannot read properties of null (reading 'x')"),
];
