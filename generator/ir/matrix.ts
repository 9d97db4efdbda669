/**
 * Square matrices of expressions: the determinant and the characteristic polynomial, for
 * the update maps of training methods (4x4 for a method with one memory, 6x6 with two), and
 * Hurwitz matrices. Laplace expansion along the row or column with the most zeros, each
 * minor expanded: the maps are sparse (a memory's rows are a copy of the identity), where
 * this is far smaller work than the n! terms of the general case.
 */
import * as E from './expr.js';
import type { Expr } from './expr.js';
import { expandWithin } from './expand.js';
import { coefficients } from './polynomial.js';

export type SquareMatrix = readonly (readonly Expr[])[];

const zeros = (line: readonly Expr[]): number => line.filter((e) => e === E.ZERO).length;

const minor = (m: SquareMatrix, row: number, column: number): SquareMatrix =>
  m.filter((_, i) => i !== row).map((r) => r.filter((_, j) => j !== column));

/** Terms beyond which a determinant's minors are kept as products (see expandWithin). */
const EXPANDED_TERMS = 120;
const expand = (e: Expr): Expr => expandWithin(e, EXPANDED_TERMS);

export function determinant(m: SquareMatrix): Expr {
  const n = m.length;
  if (n === 0) return E.ONE;
  if (n === 1) return m[0]![0]!;
  if (n === 2) return expand(E.sub(E.mul(m[0]![0]!, m[1]![1]!), E.mul(m[0]![1]!, m[1]![0]!)));
  const columns = m[0]!.map((_, j) => m.map((r) => r[j]!));
  const bestRow = m.reduce((best, r, i) => (zeros(r) > zeros(m[best]!) ? i : best), 0);
  const bestColumn = columns.reduce((best, c, j) => (zeros(c) > zeros(columns[best]!) ? j : best), 0);
  const byRow = zeros(m[bestRow]!) >= zeros(columns[bestColumn]!);
  const terms: Expr[] = [];
  for (let k = 0; k < n; k++) {
    const [i, j] = byRow ? [bestRow, k] : [k, bestColumn];
    const entry = m[i]![j]!;
    if (entry === E.ZERO) continue;
    const sign = (i + j) % 2 === 0 ? E.ONE : E.MINUS_ONE;
    terms.push(E.mul(sign, entry, determinant(minor(m, i, j))));
  }
  return expand(E.add(...terms));
}

/** Coefficients [c0, ..., cn] of det(mu I - m) in `variable` (cn = 1). */
export function characteristicPolynomial(m: SquareMatrix, variable: string): Expr[] {
  const mu = E.sym(variable);
  const shifted = m.map((row, i) => row.map((e, j) => (i === j ? E.sub(mu, e) : E.neg(e))));
  const c = coefficients(determinant(shifted), variable);
  if (!c) throw new Error('characteristicPolynomial: the determinant is not a polynomial in the variable');
  return c.map(expand);
}
