/**
 * Stage 1, load: import every derivation file and check its shape. Nothing is derived or
 * written here; a broken file stops the run before any output is touched.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { GameDefinition } from '../game.js';
import { DerivationError, fieldPath } from './errors.js';
import { gameSchema } from './schema.js';
import type { z } from 'zod';

export interface LoadedGame {
  /** The file, relative to the project root, as messages and records name it. */
  readonly file: string;
  readonly definition: GameDefinition;
}

/** The derivation files in a folder, in a fixed order (plain code-unit order, no locale). */
export async function listDerivations(directory: string): Promise<string[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.ts') && !name.startsWith('_'));
  return names.sort().map((name) => path.join(directory, name));
}

/** The most useful of zod's issues: an unknown (likely misspelt) field first, with a guess. */
function shapeError(file: string, issues: readonly z.core.$ZodIssue[]): DerivationError {
  const unknown = issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    const key = unknown.keys[0]!;
    const parent = fieldPath(unknown.path);
    // A required field missing beside it is what the author probably meant.
    const missing = issues
      .filter((i) => i.code === 'invalid_type' && fieldPath(i.path.slice(0, -1)) === parent)
      .map((i) => String(i.path[i.path.length - 1]));
    const guess = missing.find((name) => editDistance(name, key) <= 2);
    return new DerivationError(file, fieldPath([...unknown.path, key]), `unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
  }
  const issue = issues[0]!;
  return new DerivationError(file, fieldPath(issue.path) || '(top level)', issue.message);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

export async function loadGame(absolutePath: string, root: string): Promise<LoadedGame> {
  const file = path.relative(root, absolutePath).split(path.sep).join('/');
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolutePath).href)) as { default?: unknown };
  } catch (error) {
    throw new DerivationError(file, '', `cannot be loaded: ${(error as Error).message.split('\n')[0]}`);
  }
  if (module.default === undefined) throw new DerivationError(file, '', 'has no default export (export default defineGame({...}))');
  const result = gameSchema.safeParse(module.default);
  if (!result.success) throw shapeError(file, result.error.issues);
  const definition = result.data as GameDefinition;
  const expectedId = path.basename(absolutePath, '.ts');
  if (definition.id !== expectedId) throw new DerivationError(file, 'id', `'${definition.id}' must match the file name '${expectedId}'`);
  return { file, definition };
}

export async function loadGames(directory: string, root: string): Promise<LoadedGame[]> {
  const games: LoadedGame[] = [];
  for (const file of await listDerivations(directory)) games.push(await loadGame(file, root));
  return games;
}
