/**
 * IR -> LaTeX that reads like a paper, for the site and the derivation records (KaTeX
 * renders it). nerdamer's own toTeX is not usable for that: it prints \mathrm{log},
 * e^{-x} as \frac{1}{e^{x}} and \cdot between every factor.
 *
 * Layout comes from the shared reading in shape.ts (a product is a signed fraction, a sum
 * a list of signed terms, one precedence table); this file only decides the notation:
 * - symbols: Greek names as \theta, `h_g` as h_{g}, trailing digits as a subscript
 *   (theta0 -> \theta_{0}), other multi-letter names upright; the fixed symbols as the
 *   vocabulary displays them (vocabulary/symbols.ts: D(x), \nabla_{x} D(x), \varepsilon);
 * - products: juxtaposition, numeric coefficient first, \cdot only before a factor that
 *   starts with a digit (3 \cdot 2^{x}); a \nabla_{x} D(x) factor goes last so that it
 *   does not seem to apply to the factors after it;
 * - fractions (the coefficient rule): a product with a symbolic denominator is one \frac;
 *   a product whose only denominator is numeric is one \frac when its numerator is at most
 *   one factor (\frac{\gamma^{2}}{4}, \frac{3 \theta}{2}), otherwise the coefficient is a
 *   \frac in front (\frac{1}{2} \gamma \theta, \frac{1}{2} \phi \left(a + b\right));
 * - powers: x^{2}; exponent 1/2 as \sqrt{..}; a negative exponent is a denominator; a base
 *   below atom precedence, \nabla_{x} D(x), or an operator-like call (e^{u}, \log(u),
 *   \max(0, u)) is parenthesised; |u|, \sigma(u) and f(u) are already delimited and are not;
 * - applications: as the vocabulary writes them (vocabulary/functions.ts: e^{u}, \log,
 *   \operatorname{sign}, softplus as \log\left(1 + e^{u}\right), \sigma, ...) and f, f',
 *   f'', f^{(k)} for k >= 3 (vocabulary/activation.ts); the argument is in plain
 *   parentheses when it is a symbol or an integer, else in \left( \right).
 */
import * as Q from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { PRECEDENCE, fraction, precedenceOf, termsOf } from './shape.js';
import { functionNamed } from '../vocabulary/functions.js';
import { activationTex } from '../vocabulary/activation.js';
import { fixedSymbolTex } from '../vocabulary/symbols.js';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa',
  'lambda', 'mu', 'nu', 'xi', 'pi', 'varpi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi',
  'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

const isGradient = (e: Expr): boolean => e.kind === 'sym' && e.name === 'gradD';

function nameTex(name: string): string {
  if (GREEK.has(name)) return `\\${name}`;
  if (/^([A-Za-z]|\d+)$/.test(name)) return name;
  const underscore = name.indexOf('_');
  if (underscore > 0 && underscore < name.length - 1) {
    return `${nameTex(name.slice(0, underscore))}_{${nameTex(name.slice(underscore + 1))}}`;
  }
  const digits = /^([A-Za-z]+)(\d+)$/.exec(name);
  if (digits) return `${nameTex(digits[1]!)}_{${digits[2]}}`;
  return `\\mathrm{${name.replaceAll('_', '\\_')}}`;
}

const paren = (tex: string): string => `\\left(${tex}\\right)`;

/** Factors side by side; \cdot keeps two adjacent numbers (2 \cdot 3^{x}) apart. */
const juxtapose = (items: readonly string[]): string =>
  items.map((t, i) => (i > 0 && /^\d/.test(t) ? `\\cdot ${t}` : t)).join(' ');

export function toTex(e: Expr): string {
  const wrap = (child: Expr, level: number): string => (precedenceOf(child) < level ? paren(print(child)) : print(child));

  const applied = (arg: Expr): string =>
    arg.kind === 'sym' || (arg.kind === 'num' && Q.isInteger(arg.value)) ? `(${print(arg)})` : paren(print(arg));

  const base = (b: Expr): string => {
    const operatorCall = b.kind === 'call' && !functionNamed(b.fn).texDelimited;
    return operatorCall || isGradient(b) ? paren(print(b)) : wrap(b, PRECEDENCE.atom);
  };

  /** Coefficient and factors side by side, sums parenthesised. */
  const juxtaposed = (coefficient: bigint, factors: readonly Expr[]): string => {
    const lead = coefficient !== 1n || factors.length === 0 ? [`${coefficient}`] : [];
    return juxtapose([...lead, ...factors.map((f) => wrap(f, PRECEDENCE.product))]);
  };
  /** One side of a \frac, where a lone factor needs no parentheses. */
  const side = (coefficient: bigint, factors: readonly Expr[]): string =>
    coefficient === 1n && factors.length === 1 ? print(factors[0]!) : juxtaposed(coefficient, factors);

  const product = (node: Expr): string => {
    const f = fraction(node);
    const sign = f.negative ? '-' : '';
    const top = [...f.numerator.filter((x) => !isGradient(x)), ...f.numerator.filter(isGradient)];
    const n = f.numeratorCoefficient;
    const d = f.denominatorCoefficient;
    if (f.denominator.length === 0) {
      if (d === 1n) return sign + juxtaposed(n, top);
      if (top.length > 1) return sign + juxtapose([`\\frac{${n}}{${d}}`, juxtaposed(1n, top)]);
    }
    return `${sign}\\frac{${side(n, top)}}{${side(d, f.denominator)}}`;
  };

  const print = (node: Expr): string => {
    switch (node.kind) {
      case 'num': case 'mul': return product(node);
      case 'sym': return fixedSymbolTex(node.name) ?? nameTex(node.name);
      case 'add':
        return termsOf(node)
          .map((t, i) => (i === 0 ? (t.negative ? '-' : '') : t.negative ? ' - ' : ' + ') + wrap(t.magnitude, PRECEDENCE.sum + 1))
          .join('');
      case 'pow': {
        if (fraction(node).denominator.length > 0) return product(node);
        const x = node.exponent;
        if (x.kind === 'num' && Q.equals(x.value, Q.rational(1n, 2n))) return `\\sqrt{${print(node.base)}}`;
        return `${base(node.base)}^{${print(x)}}`;
      }
      case 'call': return functionNamed(node.fn).tex({ expr: node.arg, tex: print(node.arg), applied: applied(node.arg) });
      case 'activation': return activationTex(node.order) + applied(node.arg);
    }
  };
  return print(e);
}

/** A sum's TeX in lines of about `width` characters of TeX each, split between terms (each
 * line after the first begins with its term's sign); one line when e is not a sum. */
export function sumLines(e: Expr, width: number): string[] {
  if (e.kind !== 'add') return [toTex(e)];
  const lines: string[] = [];
  let line = '';
  termsOf(e).forEach((t, i) => {
    const magnitude = toTex(t.magnitude);
    const term = precedenceOf(t.magnitude) <= PRECEDENCE.sum ? paren(magnitude) : magnitude;
    const signed = i === 0 ? `${t.negative ? '-' : ''}${term}` : `${t.negative ? '-' : '+'} ${term}`;
    if (line && line.length + signed.length > width) {
      lines.push(line);
      line = signed;
    } else line = line ? `${line} ${signed}` : signed;
  });
  return [...lines, line];
}

export const matrixToTex = (rows: readonly (readonly Expr[])[]): string =>
  `\\begin{pmatrix} ${rows.map((row) => row.map(toTex).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;

/** A column vector. */
export const vectorToTex = (entries: readonly Expr[]): string => matrixToTex(entries.map((x) => [x]));
