/**
 * The generated evaluators as the build reads them: every game's module from
 * generated/index.ts, found by its id, so a new derivation is picked up without any
 * per-game code. (The page gets one game's evaluator from its own script: params.ts.)
 */
import * as games from '../../generated/index.js';
import type { Evaluator } from './params.js';

/** gan-r1 -> ganR1, as `namespaceOf` in generator/game.ts names the exports of
 * generated/index.ts (test/site-model.test.ts checks the two agree). */
export const namespaceOf = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Every game id the generator emitted, in the index module's order. */
export const gameIds: readonly string[] = games.gameIds;

/** The generated evaluator of a game. */
export function evaluatorOf(id: string): Evaluator {
  const module = (games as unknown as Record<string, Evaluator | undefined>)[namespaceOf(id)];
  if (!module || typeof module.vectorField !== 'function') throw new Error(`generated/index.ts exports no evaluator for game '${id}'`);
  return module;
}
