/**
 * The text (nerdamer) and TeX of vectors, matrices and eigenvalue pairs, as the game's
 * record (record.ts) and its methods' records (record-methods.ts) both write them.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import type { Eigenvalues } from '../derive/equilibrium.js';
import type { Matrix2, Vector2 } from '../derive/field.js';
import { toNerdamer } from '../cas/text.js';
import { matrixToTex, sumLines, toTex } from '../print/tex.js';
import type { EigenvaluesRecord } from '../contract/records.js';

export const vectorText = (v: Vector2): string => `[${v.map((x) => toNerdamer(x)).join(', ')}]`;
export const matrixText = (m: Matrix2): string => `matrix(${m.map((row) => vectorText(row)).join(', ')})`;

/** "c +- i*m" or "c +- sqrt(r)", the eigenvalue pair as text. */
export function eigenvaluesText(e: Eigenvalues): string {
  const center = e.center === E.ZERO ? '' : `${toNerdamer(e.center)} `;
  if (e.imaginary) return `${center}+-${toNerdamer(E.mul(e.imaginary, E.sym('i')))}`;
  if (e.radicand === E.ZERO) return `${toNerdamer(e.center)} (double)`;
  return `${center}+-sqrt(${toNerdamer(e.radicand)})`;
}

/** The pair's spread s in "c \\pm s": m i for a complex pair, \\sqrt{r} for a real one. */
export const spreadTex = (e: Eigenvalues): string =>
  e.imaginary ? `${e.imaginary === E.ONE ? '' : `${toTex(e.imaginary)}\\,`}i` : `\\sqrt{${toTex(e.radicand)}}`;

/** The pair's value as TeX, "c \\pm s" (c alone for a double eigenvalue). */
function eigenvaluesValueTex(e: Eigenvalues): string {
  if (e.radicand === E.ZERO) return toTex(e.center);
  return `${e.center === E.ZERO ? '' : `${toTex(e.center)} `}\\pm ${spreadTex(e)}`;
}

export const eigenvaluesTex = (e: Eigenvalues): string =>
  `${e.radicand === E.ZERO ? '\\lambda_{1} = \\lambda_{2}' : '\\lambda_{1,2}'} = ${eigenvaluesValueTex(e)}`;

export const eigenvaluesRecord = (e: Eigenvalues): EigenvaluesRecord =>
  ({ text: eigenvaluesText(e), tex: eigenvaluesValueTex(e), center: toNerdamer(e.center), radicand: toNerdamer(e.radicand) });

/** Beyond this many characters of TeX a formula runs past a column of a page (two variants
 * side by side): it is written over several lines instead. */
export const LONG_TEX = 130;

/** `lhs &= e` as lines of an aligned block, e's sum broken between terms where long. */
export const definitionLines = (lhs: string, e: Expr): string =>
  sumLines(e, LONG_TEX).map((line, i) => (i === 0 ? `${lhs} &= ${line}` : `&\\quad ${line}`)).join(' \\\\ ');

/**
 * `name = definition = matrix`, or, when long, the matrix with its entries named
 * (name_{11}, ...) and each entry defined on lines of its own below it. `wrap` puts the
 * matrix inside an expectation or the like; its entries are then named in lower case
 * (J = E[(j_11 ...)]), since they are not the entries of `name`.
 */
export function matrixFormulaTex(name: string, m: readonly (readonly Expr[])[], definition?: string, wrap: (tex: string) => string = (t) => t): string {
  const lead = `${name}${definition ? ` = ${definition}` : ''} = `;
  const whole = `${lead}${wrap(matrixToTex(m))}`;
  if (whole.length <= LONG_TEX) return whole;
  const wrapped = wrap('') !== '';
  const symbol = name.replace(/\\left\(.*$|\(.*$/, '');
  const base = wrapped ? symbol.toLowerCase() : symbol;
  const entry = (i: number, k: number): string => `${base}_{${i + 1}${k + 1}}`;
  const named = `\\begin{pmatrix} ${m.map((row, i) => row.map((_, k) => entry(i, k)).join(' & ')).join(' \\\\ ')} \\end{pmatrix}`;
  const head = definition ? `${name} &= ${definition} = ${wrap(named)}` : `${name} &= ${wrap(named)}`;
  const entries = m.flatMap((row, i) => row.map((e, k) => definitionLines(entry(i, k), e)));
  return `\\begin{aligned} ${[head, ...entries].join(' \\\\ ')} \\end{aligned}`;
}
