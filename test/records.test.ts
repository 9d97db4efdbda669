/**
 * The records as published artefacts: every formula renders in KaTeX's strict mode, every
 * slot of the article is filled by some game, and what the records carry for their readers
 * (plain symbols, the activation's derivatives, clip bounds as terms) agrees with KaTeX, with
 * finite differences and with the CAS reading of the same formulas.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import { ARTICLE_SLOTS } from '../generator/contract/article.js';
import { clipBound } from '../generator/contract/records.js';
import type { GameRecord } from '../generator/contract/records.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { hyperparameterGrid } from './support/games.js';
import { loadRecords } from './support/records.js';

const records = loadRecords();

/** The TeX a record carries outside its formulas, as its readers set it. */
function texOfFacts(record: GameRecord): string[] {
  const e = record.equilibrium;
  const activation = typeof record.activation === 'object' ? record.activation : undefined;
  return [
    ...record.hyperparameters.map((h) => h.tex),
    ...(activation ? [activation.tex, ...activation.derivatives.map((d) => d.tex)] : []),
    ...(e.differentiable ? [e.eigenvalues.generic, ...(e.eigenvalues.concrete ? [e.eigenvalues.concrete] : [])].map((v) => `\\lambda = ${v.tex}`) : []),
    ...record.constraints.flatMap((c) => [c.tex, c.bound.tex]),
    ...record.kinks.flatMap((k) => [`${k.tex} = 0`, k.jump.field.tex, k.jump.jacobian.tex]),
    ...(record.noise ? [record.noise.tex] : []),
  ];
}

/** The identifiers and numbers KaTeX sets for a TeX source, joined. */
const katexLetters = (tex: string): string =>
  [...katex.renderToString(tex, { output: 'mathml', throwOnError: true }).matchAll(/<m[in][^>]*>([^<]*)<\/m[in]>/g)].map((m) => m[1]).join('');

describe('derivation records', () => {
  it.each(records.map((r) => [r.id, r] as const))('%s: every formula renders with KaTeX (throwOnError, strict)', (_id, record) => {
    const methods = [...record.discrete.generic, ...(record.discrete.concrete ?? [])];
    const rendered = [
      ...record.formulas.flatMap((f) => [f.generic, ...(f.concrete ? [f.concrete] : [])]),
      ...methods.flatMap((m) => [m.map, m.eigenvalues, m.spectralRadius, ...(m.bound ? [m.bound] : [])]),
      ...texOfFacts(record).map((tex) => ({ tex })),
    ];
    expect(rendered.length).toBeGreaterThan(5);
    for (const { tex } of rendered) {
      expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error', displayMode: true }), tex).not.toThrow();
    }
  });

  it('no text of any record holds a control character (a TeX "\\right" once lost its backslash to a carriage return)', () => {
    for (const record of loadRecords('all')) {
      const strings: string[] = [];
      JSON.stringify(record, (_key, value: unknown) => (typeof value === 'string' && strings.push(value), value));
      expect(strings.filter((text) => /[\u0000-\u0008\u000b-\u001f]/.test(text)), record.id).toEqual([]);
      for (const k of record.kinks) expect(k.jump.field.tex, record.id).toMatch(/^\\left\[\\,\\cdot\\,\\right\]_\{/);
    }
  });

  it('every equation and figure slot of the article is filled by a game', () => {
    const filled = new Set(loadRecords('all').flatMap((r) => r.slots));
    expect(ARTICLE_SLOTS.filter((s) => !filled.has(s.id)).map((s) => s.id)).toEqual([]);
  });

  it.each(records.map((r) => [r.id, r] as const))('%s: each hyperparameter\'s plain symbol is what KaTeX sets for its TeX', (_id, record) => {
    for (const h of record.hyperparameters) expect(h.symbol.replace('_', ''), h.name).toBe(katexLetters(h.tex));
  });

  const concrete = records.filter((r) => typeof r.activation === 'object');
  it.each(concrete.map((r) => [r.id, r] as const))("%s: f and f' at least, each the slope of the one before (central differences)", (_id, record) => {
    if (typeof record.activation !== 'object') throw new Error('filtered on a concrete activation');
    const { definition, derivatives } = record.activation;
    expect(derivatives.length).toBeGreaterThanOrEqual(2);
    const fs = derivatives.map((d) => fromNerdamer(d.text));
    const at = (k: number, t: number): number => evaluate(fs[k]!, { symbols: { t } });
    const delta = 1e-4;
    for (const t of [-2.5, -0.7, 0.3, 1.9]) {
      // f itself is the derivation file's own definition.
      expect(at(0, t)).toBeCloseTo(evaluate(fromNerdamer(definition), { symbols: { t } }), 12);
      for (let k = 1; k < fs.length; k++) {
        const slope = (at(k - 1, t + delta) - at(k - 1, t - delta)) / (2 * delta);
        expect(at(k, t), `f^(${k})(${t})`).toBeCloseTo(slope, 6);
      }
    }
  });

  const clipped = records.filter((r) => r.constraints.length > 0);
  it('some game has a clip', () => expect(clipped.length).toBeGreaterThan(0));
  it.each(clipped.map((r) => [r.id, r] as const))('%s: each clip bound\'s terms give the value of its text (CAS) across the ranges', (_id, record) => {
    for (const c of record.constraints) {
      const text = fromNerdamer(c.bound.text);
      for (const values of hyperparameterGrid(record)) expect(clipBound(c.bound, values)).toBeCloseTo(evaluate(text, { symbols: values }), 12);
      const defaults = Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default]));
      expect(c.bound.atDefaults).toBeCloseTo(evaluate(text, { symbols: defaults }), 12);
    }
  });
});
