/**
 * A switching line of a piecewise-smooth field (Filippov 1988; di Bernardo et al. 2008):
 * where a kink's argument is one state variable x (sign(x), |x|, relu(x), step(x) with
 * x = theta or phi), the field is smooth on each side, v+ for x > 0 and v- for x < 0. On
 * the line, with n the normal towards x > 0:
 *   crossing where (n.v+)(n.v-) > 0; sliding where n.v+ < 0 < n.v-; escaping where
 *   n.v+ > 0 > n.v-; the sliding (Filippov) field is
 *   v_s = (n.v- v+ - n.v+ v-) / (n.v- - n.v+), whose zeros are pseudo-equilibria;
 * a point of the line is an equilibrium of the non-smooth system iff 0 is in the convex
 * hull of v+ and v- there.
 */
import * as E from '../ir/expr.js';
import { substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { coefficients } from '../ir/polynomial.js';
import { seriesOf } from './series.js';
import { onSide } from '../derive/equilibrium.js';

export type Variable = 'theta' | 'phi';

/** The field on the side where sign(variable) = side, extended smoothly across the line. */
export const oneSided = (e: Expr, variable: Variable, side: 1 | -1): Expr => onSide(e, E.sym(variable), side > 0 ? 'positive' : 'negative');

export type SegmentKind = 'crossing' | 'sliding' | 'escaping';

export interface Segment {
  /** Ends along the line (the other variable); undefined: unbounded. */
  readonly from?: Expr;
  readonly to?: Expr;
  readonly kind: SegmentKind;
}

export interface FilippovLine {
  readonly variable: Variable;
  /** v+ and v- as expressions (each smooth on its side). */
  readonly plus: readonly [Expr, Expr];
  readonly minus: readonly [Expr, Expr];
  /** n.v+ and n.v- on the line, in the other variable. */
  readonly normalPlus: Expr;
  readonly normalMinus: Expr;
  readonly segments: readonly Segment[];
  /** The tangential component of the sliding field on the line (0: a segment of pseudo-equilibria). */
  readonly slidingTangential: Expr;
  /** Whether the origin is an equilibrium (0 in the convex hull), and the weight of v+ that gives 0. */
  readonly originInHull: boolean;
  readonly originWeight?: Expr;
  /** Zeros of v+ or v- on the line (boundary equilibria), with the trace and determinant
   * of that one-sided field's Jacobian there (its type: focus or node, stable or not). */
  readonly boundaryEquilibria: readonly BoundaryEquilibrium[];
}

export interface BoundaryEquilibrium {
  readonly side: 1 | -1;
  /** The other variable's value there. */
  readonly at: Expr;
  readonly trace: Expr;
  readonly determinant: Expr;
}

const compare = (a: number, b: number): number => a - b;

/** The Filippov picture on variable = 0; the segments are ordered and classified with the numbers of `env`. */
export function filippovLine(field: readonly [Expr, Expr], variable: Variable, env: Environment): FilippovLine {
  const symbols = env.symbols;
  const other: Variable = variable === 'phi' ? 'theta' : 'phi';
  const normalIndex = variable === 'theta' ? 0 : 1;
  const plus = [oneSided(field[0], variable, 1), oneSided(field[1], variable, 1)] as const;
  const minus = [oneSided(field[0], variable, -1), oneSided(field[1], variable, -1)] as const;
  const onLine = (e: Expr): Expr => expand(substitute(e, new Map([[variable, E.ZERO]])));
  const normalPlus = onLine(plus[normalIndex]);
  const normalMinus = onLine(minus[normalIndex]);
  const tangentPlus = onLine(plus[1 - normalIndex]!);
  const tangentMinus = onLine(minus[1 - normalIndex]!);
  // Segment ends: the roots of n.v+ and n.v- along the line (closed form: linear in the other variable).
  const roots: Expr[] = [];
  const boundaryEquilibria: BoundaryEquilibrium[] = [];
  for (const [side, n, t, v] of [[1, normalPlus, tangentPlus, plus], [-1, normalMinus, tangentMinus, minus]] as const) {
    const c = coefficients(n, other);
    if (!c || c.length > 2) throw new Error(`filippov: n.v on ${variable} = 0 is not linear in ${other}: ${n.key}`);
    if (c.length < 2) continue;
    const root = expand(E.neg(E.div(c[0]!, c[1]!)));
    roots.push(root);
    const at = new Map([[other, root], [variable, E.ZERO]]);
    if (expand(substitute(t, at)) !== E.ZERO) continue;
    const s = v.map((e) => seriesOf(e, { theta: at.get('theta')!, phi: at.get('phi')! }, 1, new Set(Object.keys(symbols))));
    const j = [[s[0]![1]![0]!, s[0]![0]![1]!], [s[1]![1]![0]!, s[1]![0]![1]!]];
    boundaryEquilibria.push({ side, at: root, trace: expand(E.add(j[0]![0]!, j[1]![1]!)), determinant: expand(E.sub(E.mul(j[0]![0]!, j[1]![1]!), E.mul(j[0]![1]!, j[1]![0]!))) });
  }
  const value = (e: Expr, at: number) => evaluate(e, { ...env, symbols: { ...symbols, [other]: at } });
  const sorted = [...new Set(roots)].sort((a, b) => compare(value(a, 0), value(b, 0)));
  const ends = sorted.map((r) => value(r, 0));
  const segments: Segment[] = [];
  for (let k = 0; k <= sorted.length; k++) {
    const lo = k === 0 ? (ends[0] ?? 0) - 1 : ends[k - 1]!;
    const hi = k === sorted.length ? (ends[k - 1] ?? 0) + 1 : ends[k]!;
    const mid = k === 0 && k === sorted.length ? 0 : k === 0 ? lo : k === sorted.length ? hi : (lo + hi) / 2;
    const p = value(normalPlus, mid);
    const m = value(normalMinus, mid);
    const kind: SegmentKind = p * m > 0 ? 'crossing' : p < 0 && m > 0 ? 'sliding' : 'escaping';
    segments.push({ ...(k > 0 ? { from: sorted[k - 1]! } : {}), ...(k < sorted.length ? { to: sorted[k]! } : {}), kind });
  }
  const slidingTangential = expand(E.div(E.sub(E.mul(normalMinus, tangentPlus), E.mul(normalPlus, tangentMinus)), E.sub(normalMinus, normalPlus)));
  // 0 in the hull at the origin: alpha v+ + (1 - alpha) v- = 0 with alpha in [0, 1].
  const atOrigin = (e: Expr) => evaluate(e, { ...env, symbols: { ...symbols, [other]: 0 } });
  const [np, nm, tp, tm] = [normalPlus, normalMinus, tangentPlus, tangentMinus].map(atOrigin) as [number, number, number, number];
  let originInHull = false;
  let originWeight: Expr | undefined;
  if (np !== nm) {
    const alpha = nm / (nm - np);
    originInHull = alpha >= 0 && alpha <= 1 && Math.abs(alpha * tp + (1 - alpha) * tm) <= 1e-12 * (1 + Math.abs(tp) + Math.abs(tm));
    if (originInHull) originWeight = expand(substitute(E.div(normalMinus, E.sub(normalMinus, normalPlus)), new Map([[other, E.ZERO]])));
  } else originInHull = np === 0 && tp * tm <= 0;
  return { variable, plus, minus, normalPlus, normalMinus, segments, slidingTangential, originInHull, ...(originWeight ? { originWeight } : {}), boundaryEquilibria };
}
