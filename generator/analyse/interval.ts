/**
 * Interval evaluation of the IR (Moore's interval arithmetic, outward enough for a count:
 * every operation widens its result by a few ulps), and a certified count of the zeros of
 * a 2-D field on a box: bisection discards boxes whose image excludes 0; a remaining
 * cluster is certified to hold exactly one zero by the Krawczyk operator
 * K(B) = x - Y v(x) + (I - Y J(B)) (B - x) lying inside B (Y = J(x)^-1); a cluster that
 * cannot be certified is reported as such, never counted. Cost: a few thousand interval
 * evaluations of the field on the games' boxes.
 */
import * as Q from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import { portablePower } from '../../runtime/portable.js';

export type Interval = readonly [number, number];

const widen = ([a, b]: Interval): Interval => [a - Math.abs(a) * 4e-16 - 1e-300, b + Math.abs(b) * 4e-16 + 1e-300];
const iAdd = (a: Interval, b: Interval): Interval => widen([a[0] + b[0], a[1] + b[1]]);
const iMul = (a: Interval, b: Interval): Interval => {
  const p = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]];
  return widen([Math.min(...p), Math.max(...p)]);
};
const monotone = (g: (x: number) => number, [a, b]: Interval): Interval => widen([g(a), g(b)]);
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/** An enclosure widened by portablePower's error at the ends (runtime/portable.ts): about |n| units
 * in the last place by squaring, |n log x| + 2 by exp and log; both counted, and 4 more. */
function widenPower([a, b]: Interval, n: number, ends: Interval): Interval {
  const log = Math.max(...ends.map((x) => Math.abs(Math.log(Math.abs(x)))).filter(Number.isFinite), 0);
  const relative = (Math.abs(n) + Math.abs(n) * log + 4) * Number.EPSILON;
  return [a - Math.abs(a) * relative - 1e-300, b + Math.abs(b) * relative + 1e-300];
}

function iPow(base: Interval, n: number): Interval {
  if (Number.isInteger(n) && n >= 0) {
    if (n % 2 === 1 || base[0] >= 0) return widenPower([portablePower(base[0], n), portablePower(base[1], n)], n, base);
    if (base[1] <= 0) return widenPower([portablePower(base[1], n), portablePower(base[0], n)], n, base);
    return widenPower([0, Math.max(portablePower(base[0], n), portablePower(base[1], n))], n, base);
  }
  if (base[0] <= 0 && base[1] >= 0) return [-Infinity, Infinity];
  const values = [portablePower(base[0], n), portablePower(base[1], n)];
  return widenPower([Math.min(...values), Math.max(...values)], n, base);
}

/** An enclosure of e over the box; `symbols` gives the numbers of every other symbol. */
export function evaluateInterval(e: Expr, box: Readonly<Record<string, Interval>>, symbols: Readonly<Record<string, number>>): Interval {
  const memo = new Map<Expr, Interval>();
  const visit = (node: Expr): Interval => {
    const cached = memo.get(node);
    if (cached) return cached;
    let r: Interval;
    switch (node.kind) {
      case 'num': { const v = Q.toNumber(node.value); r = [v, v]; break; }
      case 'sym': {
        const v = box[node.name] ?? (symbols[node.name] !== undefined ? [symbols[node.name]!, symbols[node.name]!] as const : undefined);
        if (!v) throw new Error(`interval: no value for '${node.name}'`);
        r = v;
        break;
      }
      case 'add': r = node.terms.map(visit).reduce(iAdd); break;
      case 'mul': r = node.factors.map(visit).reduce(iMul); break;
      case 'pow': {
        if (node.exponent.kind !== 'num') throw new Error('interval: symbolic exponent');
        r = iPow(visit(node.base), Q.toNumber(node.exponent.value));
        break;
      }
      case 'call': {
        const a = visit(node.arg);
        switch (node.fn) {
          case 'exp': r = monotone(Math.exp, a); break;
          case 'log': r = monotone(Math.log, a); break;
          case 'sigmoid': r = monotone(sigmoid, a); break;
          case 'softplus': r = monotone(softplus, a); break;
          case 'relu': r = [Math.max(0, a[0]), Math.max(0, a[1])]; break;
          case 'step': r = a[0] > 0 ? [1, 1] : a[1] <= 0 ? [0, 0] : [0, 1]; break;
          case 'sign': r = [Math.sign(a[0]), Math.sign(a[1])]; break;
          case 'abs': r = a[0] >= 0 ? a : a[1] <= 0 ? [-a[1], -a[0]] : [0, Math.max(-a[0], a[1])]; break;
        }
        break;
      }
      case 'activation': throw new Error('interval: the activation must be concrete');
    }
    memo.set(node, r);
    return r;
  };
  return visit(e);
}

export interface ZeroCount {
  /** Certified zeros (each alone in its box), as numbers. */
  readonly zeros: readonly (readonly [number, number])[];
  /** Clusters of boxes that could neither be excluded nor certified. */
  readonly uncertified: number;
  readonly box: readonly [Interval, Interval];
}

type Box = readonly [Interval, Interval];
/** Whether an enclosure may hold v; one with a NaN end (0 times the infinity of log 0) may hold anything. */
const contains = (i: Interval, v: number): boolean => !(i[0] > v) && !(i[1] < v);

/** Zeros of (v1, v2) in theta x phi = box, with J the Jacobian expressions. */
/** Smallest boxes that may hold a zero, at most: isolated zeros take a few each. */
const MAX_CANDIDATES = 400;

export function countZeros(field: readonly [Expr, Expr], jacobian: readonly [readonly [Expr, Expr], readonly [Expr, Expr]], box: Box, symbols: Readonly<Record<string, number>>, minWidth = 1e-3): ZeroCount {
  const at = (b: Box) => ({ theta: b[0], phi: b[1] });
  const point = (x: number, y: number) => ({ ...symbols, theta: x, phi: y });
  const candidates: Box[] = [];
  const stack: Box[] = [box];
  while (stack.length) {
    const b = stack.pop()!;
    if (!field.every((v) => contains(evaluateInterval(v, at(b), symbols), 0))) continue;
    if (b[0][1] - b[0][0] < minWidth && b[1][1] - b[1][0] < minWidth) {
      candidates.push(b);
      // So many smallest boxes are a curve of zeros (or one too flat to tell), not points:
      // nothing is certified, and the rest of the box is not worth covering.
      if (candidates.length > MAX_CANDIDATES) return { zeros: [], uncertified: 1, box };
      continue;
    }
    const splitTheta = b[0][1] - b[0][0] >= b[1][1] - b[1][0];
    const [lo, hi] = splitTheta ? b[0] : b[1];
    const mid = (lo + hi) / 2;
    const halves: Interval[] = [[lo, mid], [mid, hi]];
    for (const h of halves) stack.push(splitTheta ? [h, b[1]] : [b[0], h]);
  }
  // Clusters of touching candidate boxes; in each, Newton from its centre, then a small box
  // around the Newton point where the Krawczyk test proves one zero, and finer bisection
  // that excludes the rest of the cluster.
  const clusters: Box[][] = [];
  for (const b of candidates) {
    const near = (c: Box[]) => c.some((h) => b[0][0] <= h[0][1] + minWidth && b[0][1] >= h[0][0] - minWidth && b[1][0] <= h[1][1] + minWidth && b[1][1] >= h[1][0] - minWidth);
    const touching = clusters.filter(near);
    const merged = [b, ...touching.flat()];
    for (const t of touching) clusters.splice(clusters.indexOf(t), 1);
    clusters.push(merged);
  }
  const zeros: [number, number][] = [];
  let uncertified = 0;
  for (const cluster of clusters) {
    let [x, y] = [(cluster[0]![0][0] + cluster[0]![0][1]) / 2, (cluster[0]![1][0] + cluster[0]![1][1]) / 2];
    for (let k = 0; k < 30; k++) {
      const [j11, j12, j21, j22] = jacobian.flat().map((e) => evaluate(e, { symbols: point(x, y) }));
      const [f, g] = field.map((e) => evaluate(e, { symbols: point(x, y) }));
      const det = j11! * j22! - j12! * j21!;
      const dx = (j22! * f! - j12! * g!) / det;
      const dy = (-j21! * f! + j11! * g!) / det;
      x -= dx; y -= dy;
      if (!(Math.abs(dx) + Math.abs(dy) >= 1e-15)) break;
    }
    const certified = [1e-4, 1e-6].some((r) => {
      const radius = r * (1 + Math.hypot(x, y));
      const small: Box = [[x - radius, x + radius], [y - radius, y + radius]];
      return krawczykInside(field, jacobian, small, [x, y], symbols) && cluster.every((b) => excludedOutside(field, b, small, symbols, 24));
    });
    if (certified) zeros.push([x, y]);
    else uncertified++;
  }
  return { zeros, uncertified, box };
}

/** Whether every zero of the field in b lies inside `inner`, by bisection down to `depth`. */
function excludedOutside(field: readonly [Expr, Expr], b: Box, inner: Box, symbols: Readonly<Record<string, number>>, depth: number): boolean {
  const inside = b[0][0] >= inner[0][0] && b[0][1] <= inner[0][1] && b[1][0] >= inner[1][0] && b[1][1] <= inner[1][1];
  if (inside || !field.every((v) => contains(evaluateInterval(v, { theta: b[0], phi: b[1] }, symbols), 0))) return true;
  if (depth === 0) return false;
  const splitTheta = b[0][1] - b[0][0] >= b[1][1] - b[1][0];
  const [lo, hi] = splitTheta ? b[0] : b[1];
  const mid = (lo + hi) / 2;
  return ([[lo, mid], [mid, hi]] as Interval[]).every((h) => excludedOutside(field, splitTheta ? [h, b[1]] : [b[0], h], inner, symbols, depth - 1));
}

function krawczykInside(field: readonly [Expr, Expr], jacobian: readonly [readonly [Expr, Expr], readonly [Expr, Expr]], b: Box, c: readonly [number, number], symbols: Readonly<Record<string, number>>): boolean {
  if (!contains(b[0], c[0]) || !contains(b[1], c[1])) return false;
  const pointSymbols = { ...symbols, theta: c[0], phi: c[1] };
  const jc = jacobian.flat().map((e) => evaluate(e, { symbols: pointSymbols }));
  const det = jc[0]! * jc[3]! - jc[1]! * jc[2]!;
  const y = [[jc[3]! / det, -jc[1]! / det], [-jc[2]! / det, jc[0]! / det]];
  const vc = field.map((e) => evaluate(e, { symbols: pointSymbols }));
  const jb = jacobian.map((row) => row.map((e) => evaluateInterval(e, { theta: b[0], phi: b[1] }, symbols)));
  const offset: Interval[] = [[b[0][0] - c[0], b[0][1] - c[0]], [b[1][0] - c[1], b[1][1] - c[1]]];
  for (let r = 0; r < 2; r++) {
    const newton = c[r]! - (y[r]![0]! * vc[0]! + y[r]![1]! * vc[1]!);
    let k: Interval = [newton, newton];
    for (let s = 0; s < 2; s++) {
      // (I - Y J(B))[r][s]
      const yj = iAdd(iMul([y[r]![0]!, y[r]![0]!], jb[0]![s]!), iMul([y[r]![1]!, y[r]![1]!], jb[1]![s]!));
      const m: Interval = iAdd([r === s ? 1 : 0, r === s ? 1 : 0], [-yj[1], -yj[0]]);
      k = iAdd(k, iMul(m, offset[s]!));
    }
    if (!(k[0] > b[r]![0] && k[1] < b[r]![1])) return false;
  }
  return true;
}
