/**
 * A kink of the field away from the equilibrium (the hinge loss's 1 - phi theta = 0): where its
 * argument u vanishes on a curve phi = g(theta), the field is smooth on each side, v+ where
 * u > 0 and v- where u < 0, and along the curve, with n = grad u (towards u > 0), Filippov's
 * picture (Filippov 1988; di Bernardo et al. 2008): crossing where (n.v+)(n.v-) > 0, sliding
 * where n.v+ < 0 < n.v- (both sides push onto the curve), escaping where n.v+ > 0 > n.v-. On a
 * sliding segment the trajectories move with the sliding field
 * v_s = (n.v- v+ - n.v+ v-) / (n.v- - n.v+), tangent to the curve. The numbers are at the
 * defaults: the segment ends are where n.v+ or n.v- changes sign along a grid of theta on each
 * branch of the curve (1e-3 <= |theta| <= 1e3), refined by bisection.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { coefficients } from '../ir/polynomial.js';
import { nodesOf, rewrite } from '../ir/traverse.js';
import { hasKink } from '../vocabulary/functions.js';
import { differentiate } from '../cas/differentiate.js';
import { onSide } from '../derive/equilibrium.js';
import { toNerdamer } from '../cas/text.js';
import { toTex } from '../print/tex.js';
import type { SwitchingCurveRecord } from '../contract/records.js';
import type { SegmentKind } from './filippov.js';

/** |theta| on each branch of the curve: 1e-3 to 1e3, twenty points a decade. */
const GRID = Array.from({ length: 121 }, (_, k) => 10 ** (-3 + k / 20));

/** The Filippov picture along u = 0, curve by curve: where u is linear in phi (phi = g(theta)),
 * and where u holds a kink of a state variable of its own (WGAN-LP's |phi| in |phi| - 1), on
 * each side of that one (phi = 1 and phi = -1). None for u = theta or phi alone: a switching
 * line through the equilibrium, switching.ts's. */
export function switchingCurves(field: readonly [Expr, Expr], u: Expr, env: Environment): SwitchingCurveRecord[] {
  if (u.kind === 'sym') return [];
  const inner = nodesOf(u).find((n): n is Extract<Expr, { kind: 'call' }> => n.kind === 'call' && hasKink(n.fn) && n.arg.kind === 'sym' && (n.arg.name === 'theta' || n.arg.name === 'phi'));
  if (!inner) return [switchingCurve(field, u, env)].filter((c) => c !== undefined);
  return (['positive', 'negative'] as const).flatMap((side) => {
    const [local, localU] = [field.map((v) => onSide(v, inner.arg, side)) as [Expr, Expr], expand(onSide(u, inner.arg, side))];
    // The old kink calls of u now read localU: the one-sided forms below must find them.
    const rewritten = local.map((v) => substituteKinkArgument(v, u, localU)) as [Expr, Expr];
    const curve = switchingCurve(rewritten, localU, env, (theta, phi) => Math.sign(evaluate(inner.arg, { ...env, symbols: { ...env.symbols, theta, phi } })) === (side === 'positive' ? 1 : -1));
    return curve ? [curve] : [];
  });
}

/** e with every kink call of argument `from` given the argument `to` (the same expression on the side at hand). */
const substituteKinkArgument = (e: Expr, from: Expr, to: Expr): Expr =>
  rewrite(e, (node) => (node.kind === 'call' && hasKink(node.fn) && expand(node.arg) === to ? E.call(node.fn, to) : node === from ? to : undefined));

/** The Filippov picture along u = 0 where u is linear in phi (phi = g(theta)), on the points of
 * the curve where `within` holds; undefined otherwise. */
function switchingCurve(field: readonly [Expr, Expr], u: Expr, env: Environment, within: (theta: number, phi: number) => boolean = () => true): SwitchingCurveRecord | undefined {
  const c = coefficients(expand(u), 'phi');
  if (!c || c.length !== 2) return undefined;
  const g = expand(E.neg(E.div(c[0]!, c[1]!)));
  const plus = field.map((v) => onSide(v, u, 'positive'));
  const minus = field.map((v) => onSide(v, u, 'negative'));
  const n = [differentiate(u, 'theta'), differentiate(u, 'phi')];
  const at = (e: Expr, theta: number): number => {
    const phi = evaluate(g, { ...env, symbols: { ...env.symbols, theta } });
    return evaluate(e, { ...env, symbols: { ...env.symbols, theta, phi } });
  };
  const dot = (v: readonly Expr[]): Expr => E.add(E.mul(n[0]!, v[0]!), E.mul(n[1]!, v[1]!));
  const [normalPlus, normalMinus] = [dot(plus), dot(minus)];
  const kindAt = (theta: number): SegmentKind | undefined => {
    if (!within(theta, evaluate(g, { ...env, symbols: { ...env.symbols, theta } }))) return undefined;
    const [p, m] = [at(normalPlus, theta), at(normalMinus, theta)];
    if (!Number.isFinite(p) || !Number.isFinite(m)) return undefined;
    return p * m > 0 ? 'crossing' : p < 0 && m > 0 ? 'sliding' : p > 0 && m < 0 ? 'escaping' : undefined;
  };
  // Where the sliding field takes theta on a sliding segment: its theta component's sign.
  const slidingTheta = (theta: number): number => {
    const [p, m] = [at(normalPlus, theta), at(normalMinus, theta)];
    return (m * at(plus[0]!, theta) - p * at(minus[0]!, theta)) / (m - p);
  };
  const segments: SwitchingCurveRecord['segments'][number][] = [];
  // Each branch in increasing theta: -1e3 .. -1e-3, then 1e-3 .. 1e3.
  for (const thetas of [[...GRID].reverse().map((t) => -t), GRID]) {
    let from = thetas[0]!;
    let kind = kindAt(from);
    for (let k = 1; k <= thetas.length; k++) {
      const next = k < thetas.length ? kindAt(thetas[k]!) : undefined;
      if (k < thetas.length && next === kind) continue;
      // The kind changes between thetas[k - 1] and thetas[k]: bisect to where it does.
      let to = thetas[thetas.length - 1]!;
      if (k < thetas.length) {
        let [lo, hi] = [thetas[k - 1]!, thetas[k]!];
        for (let i = 0; i < 60; i++) {
          const mid = (lo + hi) / 2;
          if (kindAt(mid) === kind) lo = mid;
          else hi = mid;
        }
        to = Number(((lo + hi) / 2).toPrecision(12));
      }
      if (kind) {
        const direction = kind === 'sliding' ? (slidingTheta((from + to) / 2) > 0 ? 'increasing' : 'decreasing') : undefined;
        segments.push({ from, to, kind, ...(direction ? { slides: direction } : {}) });
      }
      from = to;
      kind = next;
    }
  }
  const curve = E.sub(E.sym('phi'), g);
  return { curve: { text: `${toNerdamer(curve)} = 0`, tex: `${toTex(curve)} = 0` }, segments };
}
