/**
 * What the generator keeps between runs: the methods' linearisations (what genericRule derives
 * depends only on the method file), their simulations (the printed field and step, the
 * settings), and each game's outputs (its record and files), kept as JSON. Where they are kept is cache-store.ts: files keyed by the generator's code (the
 * command line), or memory (the playground's worker, whose bundle puts its own store there).
 */
import type { Expr } from './ir/expr.js';
import { fromTable, toTable } from './ir/table.js';
import type { ExprTable } from './ir/table.js';
import { keep, readKept } from './cache-store.js';

/** Lists of expressions under a key, read back as the very nodes they were, or computed and kept. */
export function cachedExpressions(parts: readonly string[], compute: () => readonly (readonly Expr[])[]): readonly (readonly Expr[])[] {
  let computed: readonly (readonly Expr[])[] | undefined;
  const stored = cachedJson(parts, () => {
    computed = compute();
    return { lengths: computed.map((l) => l.length), table: toTable(computed.flat()) };
  }) as { lengths: number[]; table: ExprTable };
  // Computed here: these are the nodes the table would be read back as (the IR interns every
  // node), without reading it (a tenth of a second for lookahead's alternating map alone).
  if (computed) return computed;
  const all = fromTable(stored.table);
  let at = 0;
  return stored.lengths.map((length) => all.slice(at, (at += length)));
}

let enabled = true;
/** Whether values are read and kept at all (`generate --no-cache` computes everything); each run
 * says so first, and starts with nothing of an earlier run in the same process. */
export const useCache = (on: boolean): void => {
  enabled = on;
  thisRun.clear();
};

let observer: ((parts: readonly string[], value: unknown) => void) | undefined;
/** Told of every value kept or read back: the playground's build gives its worker the methods'
 * linearisations so (site/playground/bundle.ts). */
export const observeKept = (f: typeof observer): void => {
  observer = f;
};

/** With nothing kept (`--no-cache`), the values this run computed, by key: the same key is
 * computed once a run, as it is when values are kept (games whose fields are one expression,
 * gan-r1 and gan-r2, share their simulations). Each reader gets a copy of its own, as it would
 * from the file. */
const thisRun = new Map<string, unknown>();

/** A JSON value under a key (and the generator's code), read back or computed and kept. */
export function cachedJson(parts: readonly string[], compute: () => unknown): unknown {
  if (!enabled) {
    const key = parts.join('\0');
    if (thisRun.has(key)) return structuredClone(thisRun.get(key));
    const value = compute();
    thisRun.set(key, structuredClone(value));
    return value;
  }
  let value = readKept(parts);
  if (value === undefined) {
    value = compute();
    keep(parts, value);
  }
  observer?.(parts, value);
  return value;
}
