import { describe, it, expect } from 'vitest';
import katex from 'katex';
import * as E from '../generator/ir/expr.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { matrixToTex, sumLines, toTex, vectorToTex } from '../generator/print/tex.js';

const tex = (text: string): string => toTex(fromNerdamer(text));
const [theta, phi, gamma, x] = ['theta', 'phi', 'gamma', 'x'].map(E.sym) as [E.Expr, E.Expr, E.Expr, E.Expr];

describe('toTex symbols', () => {
  it('prints Greek names as commands', () => expect(toTex(E.mul(gamma, theta, phi))).toBe('\\gamma \\phi \\theta'));
  it('turns an underscore into a subscript', () => expect(tex('h_g + n_d')).toBe('h_{g} + n_{d}'));
  it('turns trailing digits into a subscript', () => expect(tex('theta0')).toBe('\\theta_{0}'));
  it('prints other multi-letter names upright', () => expect(tex('lr')).toBe('\\mathrm{lr}'));
  it('keeps single Latin letters', () => expect(toTex(x)).toBe('x'));
  it('displays D and gradD', () => expect(tex('D + gradD')).toBe('D(x) + \\nabla_{x} D(x)'));
});

describe('toTex products and fractions', () => {
  it('juxtaposes with the coefficient first', () => expect(tex('theta*2')).toBe('2 \\theta'));
  it('uses \\cdot only before a factor starting with a digit', () => expect(tex('2*3^x')).toBe('2 \\cdot 3^{x}'));
  it('prints negative exponents as a fraction', () => expect(tex('gamma/(phi*theta^2)')).toBe('\\frac{\\gamma}{\\phi \\theta^{2}}'));
  it('puts a single factor over a numeric denominator', () => expect(tex('gamma/2')).toBe('\\frac{\\gamma}{2}'));
  it('keeps the coefficient in front of several factors', () => expect(tex('gamma*theta/2')).toBe('\\frac{1}{2} \\gamma \\theta'));
  it('keeps the coefficient in front of a sum', () => expect(tex('phi*(x+theta)/2')).toBe('\\frac{1}{2} \\phi \\left(\\theta + x\\right)'));
  it('prints rational numbers as fractions', () => expect(tex('-3/4')).toBe('-\\frac{3}{4}'));
  it('moves \\nabla_{x} D(x) to the end of a product', () => expect(tex('-gradD*theta')).toBe('-\\theta \\nabla_{x} D(x)'));
});

describe('toTex sums', () => {
  it('writes signed terms', () => expect(tex('theta - phi*gamma')).toBe('\\theta - \\gamma \\phi'));
  it('parenthesises a sum inside a product', () => expect(tex('-x*(phi+theta)')).toBe('-x \\left(\\phi + \\theta\\right)'));
  it('does not parenthesise a lone sum in \\frac', () => expect(tex('1/(1+x^2)')).toBe('\\frac{1}{x^{2} + 1}'));
});

describe('sumLines: a long sum broken between terms', () => {
  const e = fromNerdamer('a*b - c/d + (x + y)^2 - 3');
  it('keeps each term whole, the later lines led by their signs, and the lines read as the sum', () => {
    expect(toTex(e)).toBe('\\left(x + y\\right)^{2} - \\frac{c}{d} + a b - 3');
    expect(sumLines(e, 12)).toEqual(['\\left(x + y\\right)^{2}', '- \\frac{c}{d}', '+ a b - 3']);
    expect(sumLines(e, 1000)).toEqual([toTex(e)]);
    expect(sumLines(fromNerdamer('x^2'), 1)).toEqual(['x^{2}']);
  });
});

describe('toTex powers', () => {
  it('braces the exponent', () => expect(tex('theta^2')).toBe('\\theta^{2}'));
  it('parenthesises a sum base', () => expect(tex('(1+x)^3')).toBe('\\left(x + 1\\right)^{3}'));
  it('parenthesises a call base', () => expect(tex('log(x)^2')).toBe('\\left(\\log(x)\\right)^{2}'));
  it('parenthesises a fraction base', () => expect(tex('(1/2)^x')).toBe('\\left(\\frac{1}{2}\\right)^{x}'));
  it('does not parenthesise an activation base', () => expect(tex('df(0)^2')).toBe("f'(0)^{2}"));
  it('prints exponent 1/2 as a root', () => expect(toTex(E.sqrt(E.add(E.pow(phi, E.num(2)), E.pow(theta, E.num(2)))))).toBe('\\sqrt{\\phi^{2} + \\theta^{2}}'));
  it('prints exponent -1/2 as one over a root', () => expect(toTex(E.div(E.ONE, E.sqrt(x)))).toBe('\\frac{1}{\\sqrt{x}}'));
});

describe('toTex functions', () => {
  it('prints exp as a power of e', () => expect(tex('exp(-phi*theta)')).toBe('e^{-\\phi \\theta}'));
  it('prints log', () => expect(tex('log(1+x^2)')).toBe('\\log\\left(x^{2} + 1\\right)'));
  it('prints abs with bars', () => expect(tex('abs(phi-1)')).toBe('\\left|\\phi - 1\\right|'));
  it('prints sign as an operator', () => expect(tex('sign(phi*theta)')).toBe('\\operatorname{sign}\\left(\\phi \\theta\\right)'));
  it('prints softplus as log(1 + e^u)', () => expect(toTex(E.call('softplus', E.neg(x)))).toBe('\\log\\left(1 + e^{-x}\\right)'));
  it('prints sigmoid as sigma', () => expect(toTex(E.call('sigmoid', E.mul(phi, theta)))).toBe('\\sigma\\left(\\phi \\theta\\right)'));
});

describe('toTex activations', () => {
  it('prints f', () => expect(tex('f(phi*theta)')).toBe('f\\left(\\phi \\theta\\right)'));
  it("prints f'", () => expect(tex('-phi*df(phi*theta)')).toBe("-\\phi f'\\left(\\phi \\theta\\right)"));
  it("prints f''", () => expect(tex('d2f(phi*theta)')).toBe("f''\\left(\\phi \\theta\\right)"));
  it('prints f^{(k)} from order 3', () => expect(tex('d3f(theta)')).toBe('f^{(3)}(\\theta)'));
  it('drops \\left \\right around a simple argument', () => expect(tex('df(0)')).toBe("f'(0)"));
});

describe('matrices and vectors', () => {
  it('prints a pmatrix', () =>
    expect(matrixToTex([[E.ZERO, E.neg(phi)], [theta, E.num(2)]])).toBe('\\begin{pmatrix} 0 & -\\phi \\\\ \\theta & 2 \\end{pmatrix}'));
  it('prints a column vector', () => expect(vectorToTex([phi, theta])).toBe('\\begin{pmatrix} \\phi \\\\ \\theta \\end{pmatrix}'));
});

describe('toTex output renders with KaTeX', () => {
  const representative = [
    'gamma^2/4 - df(0)^2',
    'd2f(phi*theta)',
    'exp(-phi*theta)/(1+exp(-phi*theta))^2',
    'a/(b/(c+d) + 1)',
    '1/(1/(x+1) + 1/(x-1))^2',
    '-phi*df(phi*theta)*(gamma/2 + theta^2/3)',
    'abs(phi - theta)^2 + abs(x)',
    'sign(phi)*gamma/2',
    'sqrt(phi^2 + theta^2)',
    '1/sqrt(1 + x^2)',
    'log(1 + exp(-phi*theta))',
    'log(phi^2 + 1)^2',
    'd3f(0)*d4f(phi*theta)^3',
    '2*3^x - 5/7',
    'h_g*n_d*theta0/lr',
    'gamma/2*gradD^2 + D*f(D)',
    'exp(x)^(1/3) + (-1)^n',
    'e*x^(3/2)',
  ].map(fromNerdamer);
  const cases = [
    ...representative.map(toTex),
    toTex(E.call('softplus', E.neg(E.mul(phi, theta)))),
    toTex(E.div(E.call('sigmoid', x), E.pow(E.call('sigmoid', E.neg(x)), E.num(2)))),
    matrixToTex([[E.ZERO, E.neg(phi)], [theta, E.div(gamma, E.num(2))]]),
    vectorToTex(representative.slice(0, 3)),
  ];
  it.each(cases)('%s', (t) => {
    expect(() => katex.renderToString(t, { throwOnError: true, strict: 'error' })).not.toThrow();
  });
});
