/**
 * When every root of a real polynomial p(mu) lies inside the unit circle (the update map
 * contracts): by the Moebius map mu = (1 + s) / (1 - s), which sends the unit disc to the
 * left half-plane, p is Schur stable exactly when q(s) = (1 - s)^n p((1 + s) / (1 - s)) is
 * Hurwitz stable, and that is decided by the Lienard-Chipart criterion: every coefficient
 * of q has the sign of its leading one, and the Hurwitz determinants Delta_{n-1},
 * Delta_{n-3}, ... are positive (for q made monic). Each condition is a polynomial
 * inequality in the coefficients of p, so in the method's hyperparameters and the game's: a
 * closed form of the stability region, for any degree.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { determinant } from '../ir/matrix.js';

/** (1 + s)^a (1 - s)^b as coefficients in s. */
function binomialProduct(a: number, b: number): bigint[] {
  let c: bigint[] = [1n];
  const times = (factor: readonly bigint[]): void => {
    const next = new Array<bigint>(c.length + 1).fill(0n);
    c.forEach((x, i) => { next[i] = next[i]! + x * factor[0]!; next[i + 1] = next[i + 1]! + x * factor[1]!; });
    c = next;
  };
  for (let k = 0; k < a; k++) times([1n, 1n]);
  for (let k = 0; k < b; k++) times([1n, -1n]);
  return c;
}

/** Coefficients of q(s) = (1 - s)^n p((1 + s)/(1 - s)) from those of p (degree n = p.length - 1). */
export function moebiusTransform(p: readonly Expr[]): Expr[] {
  const n = p.length - 1;
  const q: Expr[][] = Array.from({ length: n + 1 }, () => []);
  p.forEach((coefficient, k) => {
    binomialProduct(k, n - k).forEach((b, i) => { if (b !== 0n) q[i]!.push(E.mul(E.num(b), coefficient)); });
  });
  return q.map((terms) => expand(E.add(...terms)));
}

/** The Hurwitz matrix's leading principal minor of order k for q (coefficients q0..qn). */
function hurwitzMinor(q: readonly Expr[], k: number): Expr {
  const n = q.length - 1;
  // Entry (i, j), 1-based: a_{n - 2j + i} with a_m = q[m] (0 outside 0..n).
  const at = (m: number): Expr => (m >= 0 && m <= n ? q[m]! : E.ZERO);
  const rows = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => at(n - 1 - 2 * j + i)));
  return determinant(rows);
}

export interface SchurCondition {
  /** The condition is `expression > 0`, in the coefficients c_0, ..., c_n of p (COEFFICIENT_SYMBOLS). */
  readonly expression: Expr;
  /** Which part of the criterion it is. */
  readonly kind: 'coefficient' | 'hurwitz';
}

/** The symbol of p's coefficient of mu^k in the conditions. */
export const coefficientSymbol = (k: number): string => `c_${k}`;

const byDegree = new Map<number, readonly SchurCondition[]>();

/**
 * Conditions, each `expression > 0` in p's coefficients c_0 ... c_n, that hold together
 * exactly when every root of p(mu) = c_n mu^n + ... + c_0 is inside the unit circle: one set
 * per degree, the same for every method (Jury's conditions, in the Lienard-Chipart form).
 */
export function schurConditions(degree: number): readonly SchurCondition[] {
  const known = byDegree.get(degree);
  if (known) return known;
  const p = Array.from({ length: degree + 1 }, (_, k) => E.sym(coefficientSymbol(k)));
  const q = moebiusTransform(p);
  const leading = q[degree]!;
  // q0 qn > 0 also says that qn is not 0 (p(-1) != 0: no root at -1).
  const conditions: SchurCondition[] = [];
  for (let i = 0; i < degree; i++) conditions.push({ kind: 'coefficient', expression: expand(E.mul(q[i]!, leading)) });
  for (let k = degree - 1; k >= 2; k -= 2) {
    const minor = hurwitzMinor(q, k);
    // Delta_k of q / q_n is Delta_k(q) / q_n^k: its sign is that of Delta_k(q) q_n^(k mod 2).
    conditions.push({ kind: 'hurwitz', expression: expand(k % 2 === 1 ? E.mul(minor, leading) : minor) });
  }
  const distinct = conditions.filter((c, i, all) => all.findIndex((d) => d.expression === c.expression) === i);
  byDegree.set(degree, distinct);
  return distinct;
}
