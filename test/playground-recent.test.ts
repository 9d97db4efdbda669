import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RecentResults, samePlainData } from '../site/playground/recent.js';

/** The oracle: a canonical text of JSON data, keys sorted, -0 and each string told apart. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') return `s${v}`;
    if (Object.is(v, -0)) return 'n-0';
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });

/** The same data with every object's keys in the reverse order. */
const reordered = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(reordered) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)])) : value;

describe('the playground worker’s recent results (site/playground/recent.ts)', () => {
  it('takes a structured clone of an export, keys in any order, as the same data', () => {
    fc.assert(fc.property(fc.anything(), (x) => samePlainData(x, structuredClone(x)) && samePlainData(x, reordered(x))));
  });

  it('takes two exports as the same exactly when their data are (canonical JSON as the oracle)', () => {
    const small = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(0, -0, 1, 'a', 'b', true, null), fc.array(tie('value'), { maxLength: 2 }), fc.dictionary(fc.constantFrom('p', 'q'), tie('value'), { maxKeys: 2 })),
    })).value;
    fc.assert(fc.property(small, small, (x, y) => samePlainData(x, y) === (canonical(x) === canonical(y))), { numRuns: 2000 });
  });

  it('tells apart what JSON would not, and takes nothing but plain data as the same', () => {
    expect(samePlainData(NaN, NaN)).toBe(true);
    expect(samePlainData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(samePlainData([undefined], [null])).toBe(false);
    expect(samePlainData(new Date(0), new Date(0))).toBe(false);
    expect(samePlainData(new Map(), new Map())).toBe(false);
    expect(samePlainData(Object.create(null), {})).toBe(true);
  });

  it('keeps the most recently used results, by file, language and export', () => {
    const recent = new RecentResults<string>(2);
    recent.set('a.ts', 'en', { x: 1 }, 'A');
    recent.set('b.ts', 'en', { x: 1 }, 'B');
    expect(recent.get('a.ts', 'en', { x: 1 })).toBe('A');
    expect(recent.get('a.ts', 'zh', { x: 1 })).toBeUndefined();
    expect(recent.get('a.ts', 'en', { x: 2 })).toBeUndefined();
    recent.set('c.ts', 'en', {}, 'C');
    // b, the least recently used, went; a, used since it was set, stayed.
    expect(recent.get('b.ts', 'en', { x: 1 })).toBeUndefined();
    expect(recent.get('a.ts', 'en', { x: 1 })).toBe('A');
    expect(recent.get('c.ts', 'en', {})).toBe('C');
  });
});
