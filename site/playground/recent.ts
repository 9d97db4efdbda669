/**
 * The latest texts' results in the generator worker: a text that exports what one of them did
 * (an edit to a comment or a space, or a game chosen again) gets that result again instead of a
 * derivation, as `npm run generate` takes an unchanged game from its cache. Exports are compared
 * as data, not as text: a derivation is a function of what its file exports.
 */

/** Whether two structured clones are the same plain data (arrays, plain objects, primitives as
 * Object.is compares them); anything else is taken as different. */
export function samePlainData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => samePlainData(x, b[i]));
  const plain = (o: object): boolean => [Object.prototype, null].includes(Object.getPrototypeOf(o));
  if (!plain(a) || !plain(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && samePlainData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** At most `size` results by (file, language, export), the most recently used kept. */
export class RecentResults<T> {
  private readonly entries: { file: string; lang: string; exported: unknown; result: T }[] = [];
  constructor(private readonly size: number) {}

  get(file: string, lang: string, exported: unknown): T | undefined {
    const at = this.entries.findIndex((e) => e.file === file && e.lang === lang && samePlainData(e.exported, exported));
    if (at < 0) return undefined;
    const [entry] = this.entries.splice(at, 1);
    this.entries.unshift(entry!);
    return entry!.result;
  }

  set(file: string, lang: string, exported: unknown, result: T): void {
    this.entries.unshift({ file, lang, exported, result });
    this.entries.length = Math.min(this.entries.length, this.size);
  }
}
