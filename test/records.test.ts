/**
 * The records as published artefacts: every formula renders in KaTeX's strict mode, every
 * slot of the article is filled by some game, and generation is deterministic.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { ARTICLE_SLOTS } from '../generator/slots.js';
import { loadRecords } from './support/records.js';

const records = loadRecords();

describe('derivation records', () => {
  it.each(records.map((r) => [r.id, r] as const))('%s: every formula renders with KaTeX (throwOnError, strict)', (_id, record) => {
    const methods = [...record.discrete.generic, ...(record.discrete.concrete ?? [])];
    const rendered = [
      ...record.formulas.flatMap((f) => [f.generic, ...(f.concrete ? [f.concrete] : [])]),
      ...methods.flatMap((m) => [m.map, m.eigenvalues, m.spectralRadius, ...(m.bound ? [m.bound] : [])]),
    ];
    expect(rendered.length).toBeGreaterThan(5);
    for (const { tex } of rendered) {
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode: true }), tex).not.toThrow();
    }
  });

  it('every equation and figure slot of the article is filled by a game', () => {
    const filled = new Set(loadRecords('all').flatMap((r) => r.slots));
    expect(ARTICLE_SLOTS.filter((s) => !filled.has(s.id)).map((s) => s.id)).toEqual([]);
  });
});
