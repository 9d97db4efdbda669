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

/** |theta| on each branch of the curve: 1e-3 to 1e3, forty points a decade (a piece of a segment
 * shorter than a step can be missed: the texts say the curve is sampled). */
const CURVE_WINDOW = { from: 1e-3, to: 1e3, perDecade: 40 } as const;
const GRID = Array.from({ length: 6 * CURVE_WINDOW.perDecade + 1 }, (_, k) => 10 ** (-3 + k / CURVE_WINDOW.perDecade));

/** The Filippov picture along u = 0, curve by curve: where u is linear in phi (phi = g(theta)),
 * and where u holds a kink of a state variable of its own (WGAN-LP's |phi| in |phi| - 1), on
 * each side of that one (phi = 1 and phi = -1). None where u vanishes at (0, 0): a switching
 * line through the equilibrium is switching.ts's. */
export function switchingCurves(field: readonly [Expr, Expr], u: Expr, env: Environment): SwitchingCurveRecord[] {
  const atOrigin = evaluate(u, { ...env, symbols: { ...env.symbols, theta: 0, phi: 0 } });
  if (!(Math.abs(atOrigin) > 0)) return [];
  const inner = nodesOf(u).find((n): n is Extract<Expr, { kind: 'call' }> => n.kind === 'call' && hasKink(n.fn) && n.arg.kind === 'sym' && (n.arg.name === 'theta' || n.arg.name === 'phi'));
  if (!inner) return [switchingCurve(field, u, env)].filter((c) => c !== undefined);
  return (['positive', 'negative'] as const).flatMap((side) => {
    const [local, localU] = [field.map((v) => onSide(v, inner.arg, side)) as [Expr, Expr], expand(onSide(u, inner.arg, side))];
    // The kink calls of u read localU on this side once the inner kink is gone: written so, the one-sided forms below find them.
    const rewritten = local.map((v) => rewrite(v, (node) => (node.kind === 'call' && hasKink(node.fn) && expand(node.arg) === localU ? E.call(node.fn, localU) : undefined))) as [Expr, Expr];
    const curve = switchingCurve(rewritten, localU, env, (theta, phi) => Math.sign(evaluate(inner.arg, { ...env, symbols: { ...env.symbols, theta, phi } })) === (side === 'positive' ? 1 : -1));
    return curve ? [curve] : [];
  });
}

type Kind = 'crossing' | 'escaping' | 'sliding-up' | 'sliding-down' | 'sliding-still';

/** The Filippov picture along u = 0 where u is linear in phi (phi = g(theta)), on the points of
 * the curve where `within` holds; undefined otherwise, and where the one-sided forms do not
 * take the kink away (a field whose kink reads another argument than u). */
function switchingCurve(field: readonly [Expr, Expr], u: Expr, env: Environment, within: (theta: number, phi: number) => boolean = () => true): SwitchingCurveRecord | undefined {
  const c = coefficients(expand(u), 'phi');
  if (!c || c.length !== 2) return undefined;
  const g = expand(E.neg(E.div(c[0]!, c[1]!)));
  const plus = field.map((v) => onSide(v, u, 'positive'));
  const minus = field.map((v) => onSide(v, u, 'negative'));
  const kinkLeft = (v: Expr): boolean => nodesOf(v).some((node) => node.kind === 'call' && hasKink(node.fn) && (node.arg === u || expand(node.arg) === expand(u)));
  if ([...plus, ...minus].some(kinkLeft)) return undefined;
  const n = [differentiate(u, 'theta'), differentiate(u, 'phi')];
  const point = (theta: number): number => evaluate(g, { ...env, symbols: { ...env.symbols, theta } });
  const at = (e: Expr, theta: number, phi: number): number => evaluate(e, { ...env, symbols: { ...env.symbols, theta, phi } });
  const dot = (v: readonly Expr[]): Expr => E.add(E.mul(n[0]!, v[0]!), E.mul(n[1]!, v[1]!));
  const [normalPlus, normalMinus] = [dot(plus), dot(minus)];
  // Where along the curve the sliding field takes theta: the sign of its theta component (0: a pseudo-equilibrium).
  const kindAt = (theta: number): Kind | undefined => {
    const phi = point(theta);
    if (!Number.isFinite(phi) || !within(theta, phi)) return undefined;
    const [p, m] = [at(normalPlus, theta, phi), at(normalMinus, theta, phi)];
    if (!Number.isFinite(p) || !Number.isFinite(m)) return undefined;
    if (p * m > 0) return 'crossing';
    if (p > 0 && m < 0) return 'escaping';
    if (!(p < 0 && m > 0)) return undefined;
    const [plusTheta, minusTheta] = [at(plus[0]!, theta, phi), at(minus[0]!, theta, phi)];
    const slide = (m * plusTheta - p * minusTheta) / (m - p);
    const scale = Math.abs(m * plusTheta) + Math.abs(p * minusTheta);
    if (!Number.isFinite(slide)) return undefined;
    return Math.abs(slide) <= 1e-12 * scale / (m - p) ? 'sliding-still' : slide > 0 ? 'sliding-up' : 'sliding-down';
  };
  // phi's coefficient in u changing sign between two points of the grid: a pole of g, the curve broken there.
  const pole = (a: number, b: number): boolean => {
    const [ca, cb] = [evaluate(c[1]!, { ...env, symbols: { ...env.symbols, theta: a } }), evaluate(c[1]!, { ...env, symbols: { ...env.symbols, theta: b } })];
    return !(ca * cb > 0);
  };
  const segments: SwitchingCurveRecord['segments'][number][] = [];
  const close = (from: number, to: number, kind: Kind | undefined): void => {
    if (!kind || from === to) return;
    const sliding = kind.startsWith('sliding');
    segments.push({ from, to, kind: sliding ? 'sliding' : (kind as 'crossing' | 'escaping'), ...(sliding ? { slides: kind === 'sliding-up' ? 'increasing' : kind === 'sliding-down' ? 'decreasing' : 'still' } : {}) });
  };
  // Each branch in increasing theta: -1e3 .. -1e-3, then 1e-3 .. 1e3.
  for (const thetas of [[...GRID].reverse().map((t) => -t), GRID]) {
    let from = thetas[0]!;
    let kind = kindAt(from);
    for (let k = 1; k < thetas.length; k++) {
      const [a, b] = [thetas[k - 1]!, thetas[k]!];
      const next = kindAt(b);
      if (pole(a, b)) {
        close(from, a, kind);
        [from, kind] = [b, next];
        continue;
      }
      if (next === kind) continue;
      // The kind changes between a and b: bisect to where it does.
      let [lo, hi] = [a, b];
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (kindAt(mid) === kind) lo = mid;
        else hi = mid;
      }
      const end = Number(((lo + hi) / 2).toPrecision(12));
      close(from, end, kind);
      [from, kind] = [end, next];
    }
    close(from, thetas[thetas.length - 1]!, kind);
  }
  const curve = E.sub(E.sym('phi'), g);
  return { curve: { text: `${toNerdamer(curve)} = 0`, tex: `${toTex(curve)} = 0` }, segments };
}
