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
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const keys = issue.code === 'unrecognized_keys' ? ` ${issue.keys.map((k) => `'${k}'`).join(', ')}` : '';
    const field = fieldPath(issue.path) || '(top level)';
    throw new DerivationError(file, field, `${issue.message}${keys}`);
  }
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
