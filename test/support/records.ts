/**
 * Reading the generated derivation records in tests: every record in generated/, its
 * formulas parsed back from their nerdamer text and evaluated in double precision.
 * The tests pick up every game this way; none of them names a game.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromNerdamer } from '../../generator/cas/differentiate.js';
import type { Expr } from '../../generator/ir/expr.js';
import { dependsOn } from '../../generator/ir/traverse.js';
import { expectationsOverNoise } from '../oracles/gauss-hermite.js';
import { compileTape } from './tape.js';
import type { GameRecord, Rendered } from '../../generator/contract/records.js';
import { entriesOfText, isGameRecordFile } from '../../generator/contract/records.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GENERATED = path.join(ROOT, 'generated');

/**
 * GAME=<id> (or several, comma-separated) narrows every per-game test to those games, to
 * test one game quickly (README, Testing); unset, every game is tested. An id that is no
 * game is an error, not a quietly empty run.
 */
export function selectedGames(ids: readonly string[]): string[] {
  const wanted = (process.env.GAME ?? '').split(',').map((id) => id.trim()).filter(Boolean);
  if (wanted.length === 0) return [...ids];
  const unknown = wanted.filter((id) => !ids.includes(id));
  if (unknown.length > 0) throw new Error(`GAME=${process.env.GAME}: there is no game ${unknown.join(', ')} (games: ${ids.join(', ')})`);
  return ids.filter((id) => wanted.includes(id));
}

/** The records of the games under test (GAME), or of every game. */
export function loadRecords(which: 'selected' | 'all' = 'selected'): GameRecord[] {
  const records = readdirSync(GENERATED)
    .filter(isGameRecordFile)
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(GENERATED, name), 'utf8')) as GameRecord);
  if (which === 'all') return records;
  const selected = new Set(selectedGames(records.map((r) => r.id)));
  return records.filter((r) => selected.has(r.id));
}

/** "[a, b]" -> [a, b]; "matrix([a, b], [c, d])" -> [a, b, c, d] (row-major), as IR. */
export const parseEntries = (text: string): Expr[] => entriesOfText(text).map(fromNerdamer);

export function formula(record: GameRecord, id: string, variant: 'generic' | 'concrete'): Rendered {
  const found = record.formulas.find((f) => f.id === id);
  // Without an activation the record states each formula once, as the generic one.
  const rendered = variant === 'concrete' && record.activation === 'none' ? found?.generic : found?.[variant];
  if (!rendered) throw new Error(`${record.id}: no ${variant} formula '${id}'`);
  return rendered;
}

/** A test activation with exact derivatives, for formulas that keep f abstract. */
export interface TestActivation {
  readonly name: string;
  /** f^(order)(t). */
  readonly derivative: (order: number, t: number) => number;
}

export const TEST_ACTIVATIONS: readonly TestActivation[] = [
  {
    name: 'f(t) = 0.7t - 0.2t^2 + 0.1t^3 - 0.05t^4',
    derivative: (order, t) =>
      [
        0.7 * t - 0.2 * t ** 2 + 0.1 * t ** 3 - 0.05 * t ** 4,
        0.7 - 0.4 * t + 0.3 * t ** 2 - 0.2 * t ** 3,
        -0.4 + 0.6 * t - 0.6 * t ** 2,
        0.6 - 1.2 * t,
        -1.2,
      ][order] ?? 0,
  },
  {
    name: 'f(t) = sin(t) + t',
    derivative: (order, t) => (order === 0 ? Math.sin(t) + t : [Math.sin, Math.cos, (x: number) => -Math.sin(x), (x: number) => -Math.cos(x)][order % 4]!(t) + (order === 1 ? 1 : 0)),
  },
];


/** Evaluates a list of formulas at a point; `activation` is needed for generic formulas,
 * `noise` (the record's) for formulas that are expectations over instance noise: those
 * entries are integrated together, by one rule at the same nodes. */
export function evaluator(entries: readonly Expr[], activation?: TestActivation, noise?: GameRecord['noise']) {
  const f = activation?.derivative;
  const noisy = entries.map((e) => noise !== undefined && dependsOn(e, noise.symbol));
  const plain = compileTape(entries.filter((_, i) => !noisy[i]));
  if (!noise || !noisy.some(Boolean)) return (symbols: Record<string, number>): number[] => plain(symbols, f);
  const integrand = compileTape(entries.filter((_, i) => noisy[i]));
  const sigma = compileTape([fromNerdamer(noise.sigma)]);
  return (symbols: Record<string, number>): number[] => {
    const s = sigma(symbols)[0]!;
    const at = { ...symbols, [noise.symbol]: 0 };
    const expected = expectationsOverNoise((epsilon) => {
      at[noise.symbol] = epsilon;
      return integrand(at, f);
    }, s, s * Math.abs(symbols.phi ?? 0));
    const values = plain(symbols, f);
    return noisy.map((isNoisy) => (isNoisy ? expected.shift()! : values.shift()!));
  };
}
