/** Every game as the tests see it: its record, its derivation file, and sampled parameters. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { GameDefinition } from '../../generator/game.js';
import { gameSchema } from '../../generator/load/schema.js';
import type { GameRecord } from '../../generator/contract/records.js';
import { ROOT, loadRecords } from './records.js';

export interface TestGame {
  readonly record: GameRecord;
  readonly definition: GameDefinition;
}

/** A derivation file's game with its defaults filled in, as the loader reads it. */
export async function importDefinition(file: string): Promise<GameDefinition> {
  return gameSchema.parse(((await import(pathToFileURL(file).href)) as { default: unknown }).default);
}

export async function loadTestGames(): Promise<TestGame[]> {
  const games: TestGame[] = [];
  for (const record of loadRecords()) games.push({ record, definition: await importDefinition(path.join(ROOT, record.file)) });
  return games;
}

/** Hyperparameters drawn log-uniformly from their declared ranges. */
export function hyperparameterArbitrary(record: GameRecord): fc.Arbitrary<Record<string, number>> {
  const entries = record.hyperparameters.map((h) =>
    fc.double({ min: Math.log(h.range[0]), max: Math.log(h.range[1]), noNaN: true }).map((l) => [h.name, Math.exp(l)] as const),
  );
  return fc.tuple(...entries).map((pairs) => Object.fromEntries(pairs));
}

/** A few fixed hyperparameter settings across each range: min, default, geometric middle, max. */
export function hyperparameterGrid(record: GameRecord): Record<string, number>[] {
  if (record.hyperparameters.length === 0) return [{}];
  const picks = (h: GameRecord['hyperparameters'][number]) => [h.range[0], h.default, Math.sqrt(h.range[0] * h.range[1]), h.range[1]];
  return [0, 1, 2, 3].map((i) => Object.fromEntries(record.hyperparameters.map((h) => [h.name, picks(h)[i]!])));
}

/** The same seed every run: a failure reproduces. */
export const PROPERTY_RUNS = { numRuns: 100, seed: 20180710 } as const;
