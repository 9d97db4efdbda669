/**
 * The text (nerdamer) and TeX of vectors, matrices and eigenvalue pairs, as the game's
 * record (record.ts) and its methods' records (record-methods.ts) both write them.
 */
import * as E from '../ir/expr.js';
import type { Eigenvalues } from '../derive/equilibrium.js';
import type { Matrix2, Vector2 } from '../derive/field.js';
import { toNerdamer } from '../cas/text.js';
import { toTex } from '../print/tex.js';
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

/** The pair's value as TeX, "c \\pm s" (c alone for a double eigenvalue). */
function eigenvaluesValueTex(e: Eigenvalues): string {
  if (e.radicand === E.ZERO) return toTex(e.center);
  const spread = e.imaginary
    ? `${e.imaginary === E.ONE ? '' : `${toTex(e.imaginary)}\\,`}i`
    : `\\sqrt{${toTex(e.radicand)}}`;
  return `${e.center === E.ZERO ? '' : `${toTex(e.center)} `}\\pm ${spread}`;
}

export const eigenvaluesTex = (e: Eigenvalues): string =>
  `${e.radicand === E.ZERO ? '\\lambda_{1} = \\lambda_{2}' : '\\lambda_{1,2}'} = ${eigenvaluesValueTex(e)}`;

export const eigenvaluesRecord = (e: Eigenvalues): EigenvaluesRecord =>
  ({ text: eigenvaluesText(e), tex: eigenvaluesValueTex(e), center: toNerdamer(e.center), radicand: toNerdamer(e.radicand) });
