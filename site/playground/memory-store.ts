/**
 * The playground's store for generator/cache.ts (its bundle puts this module where the command
 * line has cache-store.ts): values kept in memory for the page's life, so that a derivation
 * after an edit reuses what did not change (the methods' linearisations, the simulations of an
 * unchanged field). At most MAX_KEPT values; the oldest go first.
 */
const MAX_KEPT = 400;
const kept = new Map<string, string>();

export function readKept(parts: readonly string[]): unknown {
  const text = kept.get(parts.join('\0'));
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

export function keep(parts: readonly string[], value: unknown): void {
  if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(parts.join('\0'), JSON.stringify(value));
}
