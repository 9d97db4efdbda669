/**
 * The record contract's readers (generator/contract/records.ts) and the plain symbols the
 * records carry, against hand-computed values and against what KaTeX sets for the same TeX.
 */
import { describe, expect, it } from 'vitest';
import katex from 'katex';
import * as E from '../generator/ir/expr.js';
import { clipBound, entriesOfText } from '../generator/contract/records.js';
import type { ClipBound } from '../generator/contract/records.js';
import { plainSymbol } from '../generator/print/plain.js';
import { toTex } from '../generator/print/tex.js';

/** The identifiers and numbers KaTeX sets for a TeX source, joined: "\\lambda_{gp}" -> "λgp". */
const katexLetters = (tex: string): string =>
  [...katex.renderToString(tex, { output: 'mathml', throwOnError: true }).matchAll(/<m[in][^>]*>([^<]*)<\/m[in]>/g)].map((m) => m[1]).join('');

describe('clipBound', () => {
  const bound: ClipBound = {
    text: '2*c^2+sqrt(c)/(2*g)',
    tex: '2 c^{2} + \\frac{\\sqrt{c}}{2 g}',
    terms: [{ coefficient: 2, powers: { c: 2 } }, { coefficient: 0.5, powers: { c: 0.5, g: -1 } }],
    atDefaults: 32.5,
  };

  it('sums the monomials at the given hyperparameters', () => {
    expect(clipBound(bound, { c: 4, g: 2 })).toBe(2 * 16 + (0.5 * 2) / 2);
    expect(clipBound({ ...bound, terms: [{ coefficient: 0.1, powers: {} }] }, {})).toBe(0.1);
  });

  it('names the hyperparameter it has no value for', () => {
    expect(() => clipBound(bound, { c: 4 })).toThrow("clip bound 2*c^2+sqrt(c)/(2*g): no value for the hyperparameter 'g'");
  });
});

describe('entriesOfText', () => {
  it('splits vectors and matrices at their top-level commas only', () => {
    expect(entriesOfText('[a, b]')).toEqual(['a', 'b']);
    expect(entriesOfText('[max(a, b)*c, -d]')).toEqual(['max(a, b)*c', '-d']);
    expect(entriesOfText('matrix([a, f(b, c)], [[d], e])')).toEqual(['a', 'f(b, c)', '[d]', 'e']);
  });
});

describe('plain symbols', () => {
  const names = [
    'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda',
    'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi',
    'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega', 'c', 'k', 'lambda_gp', 'w_1',
  ];
  it.each(names)('%s reads as the letters KaTeX sets for its TeX', (name) => {
    expect(plainSymbol(name).replace('_', '')).toBe(katexLetters(toTex(E.sym(name))));
  });
});
