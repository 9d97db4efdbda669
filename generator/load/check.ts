/**
 * A derivation's default export checked against the format (schema.ts) and its file's name:
 * the part of loading that is plain computation, shared by the command line (load.ts, which
 * imports files in a worker) and the playground (which evaluates the editor's text).
 */
import type { z } from 'zod';
import type { GameDefinition } from '../game.js';
import { DerivationError, fieldPath } from './errors.js';
import { nearestName } from '../ir/parse.js';
import { fieldNamesAt, gameSchema } from './schema.js';

export interface LoadedGame {
  /** The file, relative to the project root, as messages and records name it. */
  readonly file: string;
  readonly definition: GameDefinition;
}

/** The most useful of zod's issues: an unknown (likely misspelt) field first, with a guess:
 * a required field missing beside it, else the nearest name the format knows. */
function shapeError(file: string, issues: readonly z.core.$ZodIssue[]): DerivationError {
  const unknown = issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    const key = unknown.keys[0]!;
    const parent = fieldPath(unknown.path);
    const missing = issues
      .filter((i) => i.code === 'invalid_type' && fieldPath(i.path.slice(0, -1)) === parent)
      .map((i) => String(i.path[i.path.length - 1]));
    // A name at distance 0 is a real field written in the wrong place: no guess for it.
    const guess = nearestName(key, missing) ?? nearestName(key, fieldNamesAt(unknown.path));
    return new DerivationError(file, fieldPath([...unknown.path, key]), `unknown field '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
  }
  const issue = issues[0]!;
  return new DerivationError(file, fieldPath(issue.path) || '(top level)', issueMessage(issue));
}

/** zod's message, but for a value outside a list of words: the value, the words, and the word
 * it is nearest (a misspelling: 'exact-center' for 'exact-centre'). */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_value' || !issue.values.every((v) => typeof v === 'string')) return issue.message;
  const words = issue.values as string[];
  const given = typeof issue.input === 'string' ? issue.input : undefined;
  const guess = given === undefined ? undefined : nearestName(given, words);
  return `${given === undefined ? 'expected' : `'${given}' is not`} one of ${words.map((w) => `'${w}'`).join(', ')}${guess ? ` (did you mean '${guess}'?)` : ''}`;
}

/** Checks one imported default export against the schema and the file's name. */
export function checkGame(file: string, exported: unknown): LoadedGame {
  if (exported === undefined) throw new DerivationError(file, '', 'has no default export (export default defineGame({...}))');
  const result = gameSchema.safeParse(exported, { reportInput: true });
  if (!result.success) throw shapeError(file, result.error.issues);
  const definition = result.data as GameDefinition;
  const expectedId = file.slice(file.lastIndexOf('/') + 1).replace(/\.ts$/, '');
  if (definition.id !== expectedId) throw new DerivationError(file, 'id', `'${definition.id}' must match the file name '${expectedId}'`);
  return { file, definition };
}
