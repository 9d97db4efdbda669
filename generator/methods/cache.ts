/**
 * The methods' linearisations and simulations kept between runs: what genericRule derives (M, p
 * and p along one rate, with J symbolic) depends only on the method file and the generator's
 * code, and deriving it is a third of a second of CPU in every process that generates (the tests
 * start several); a simulation depends on the printed field and step, and the settings.
 * Stored under node_modules/.cache/dirac-gan/rules/, one file per key (method, variant and counts;
 * or a simulation's inputs), named by a hash of those and of every file of generator/ and runtime/: a change to either is a
 * new name. A file that cannot be read or written is passed over: the rule is derived instead.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Expr } from '../ir/expr.js';
import { fromTable, toTable } from '../ir/table.js';
import type { ExprTable } from '../ir/table.js';

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PROJECT = path.dirname(GENERATOR);
const CACHE = path.join(PROJECT, 'node_modules/.cache/dirac-gan/rules');

let digest: string | undefined;
/** A hash of the code that derives the rules: every .ts file of generator/ and runtime/. */
function codeDigest(): string {
  if (digest) return digest;
  const hash = createHash('sha256');
  for (const folder of ['generator', 'runtime']) {
    const names = readdirSync(path.join(PROJECT, folder), { recursive: true }).map(String).filter((name) => name.endsWith('.ts')).sort();
    for (const name of names) hash.update(`${folder}/${name}\0`).update(readFileSync(path.join(PROJECT, folder, name))).update('\0');
  }
  digest = hash.digest('hex');
  return digest;
}

/** Lists of expressions under a key, read back as the very nodes they were, or computed and kept. */
export function cachedExpressions(parts: readonly string[], compute: () => readonly (readonly Expr[])[]): readonly (readonly Expr[])[] {
  const stored = cachedJson(parts, () => {
    const lists = compute();
    return { lengths: lists.map((l) => l.length), table: toTable(lists.flat()) };
  }) as { lengths: number[]; table: ExprTable };
  const all = fromTable(stored.table);
  let at = 0;
  return stored.lengths.map((length) => all.slice(at, (at += length)));
}

/** A JSON value under a key (and the generator's code), read back or computed and kept. */
export function cachedJson(parts: readonly string[], compute: () => unknown): unknown {
  const name = createHash('sha256').update(codeDigest()).update(parts.join('\0')).digest('hex').slice(0, 32);
  const file = path.join(CACHE, `${name}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    // Not there yet, or not readable: computed below.
  }
  const value = compute();
  try {
    mkdirSync(CACHE, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, JSON.stringify(value));
    renameSync(partial, file);
  } catch {
    // A cache that cannot be written is no cache: the next run computes again.
  }
  return value;
}
