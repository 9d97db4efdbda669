/**
 * The playground's store for generator/cache.ts (its bundle puts this module where the command
 * line has cache-store.ts): values kept in memory for the page's life, so that a derivation
 * after an edit reuses what did not change (the methods' linearisations, the simulations of an
 * unchanged field). At most MAX_KEPT values; the least recently used go first.
 */
const MAX_KEPT = 400;
const kept = new Map<string, string>();

export function readKept(parts: readonly string[]): unknown {
  const key = parts.join('\0');
  const text = kept.get(key);
  if (text === undefined) return undefined;
  // Used again: to the end of the line of eviction (the methods' linearisations, read by every text, stay).
  kept.delete(key);
  kept.set(key, text);
  return JSON.parse(text) as unknown;
}

export function keep(parts: readonly string[], value: unknown): void {
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(parts.join('\0'), JSON.stringify(value));
}
