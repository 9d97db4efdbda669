/**
 * Truncated Taylor series of an IR expression in (theta, phi) at a point, exactly, with f
 * abstract (its derivatives at the point stay symbols such as f''(0)) or substituted.
 * The nonlinear analysis needs the field's terms up to order 5-7 at an equilibrium; as
 * bivariate polynomial arithmetic on the IR this costs milliseconds, where repeated
 * differentiation by nerdamer would cost seconds.
 *
 * A series is c[i][j], the coefficient of x^i y^j (x = theta - theta0, y = phi - phi0),
 * for i + j <= order. relu(u) and step(u) whose argument has a provable sign at the point
 * are replaced by their local form first (WGAN-LP's relu(|phi| - 1) is 0 near phi = 0).
 */
import * as E from '../ir/expr.js';
import { dependsOn, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';
import { expand } from '../ir/expand.js';
import { signOf } from '../derive/sign.js';
import { hasKink } from '../vocabulary/functions.js';

export type Series = readonly (readonly Expr[])[];
export interface Point { readonly theta: Expr; readonly phi: Expr }

/** The expression has a kink (|u|, sign(u), relu(u), step(u) with u = 0) at the point. */
export class KinkAtPoint extends Error {
  constructor(readonly call: Expr) { super('kink at the expansion point'); }
}


function zeroSeries(order: number): Expr[][] {
  return Array.from({ length: order + 1 }, (_, i) => Array.from({ length: order + 1 - i }, () => E.ZERO));
}

const constant = (e: Expr, order: number): Series => {
  const s = zeroSeries(order);
  s[0]![0] = e;
  return s;
};

export const addSeries = (a: Series, b: Series): Series => a.map((row, i) => row.map((c, j) => E.add(c, b[i]![j]!)));
export const scaleSeries = (a: Series, k: Expr): Series => a.map((row) => row.map((c) => expand(E.mul(k, c))));

export function mulSeries(a: Series, b: Series): Series {
  const order = a.length - 1;
  const out = zeroSeries(order);
  for (let i = 0; i <= order; i++) for (let j = 0; i + j <= order; j++) {
    if (a[i]![j] === E.ZERO) continue;
    for (let k = 0; i + k <= order; k++) for (let l = 0; i + j + k + l <= order; l++) {
      if (b[k]![l] === E.ZERO) continue;
      out[i + k]![j + l] = E.add(out[i + k]![j + l]!, E.mul(a[i]![j]!, b[k]![l]!));
    }
  }
  return out.map((row) => row.map(expand));
}

/** g(s) from the derivatives g^(k)(s0), k = 0..order: sum_k g^(k)(s0)/k! (s - s0)^k. */
function compose(derivatives: (k: number) => Expr, s: Series): Series {
  const order = s.length - 1;
  const shifted = s.map((row, i) => row.map((c, j) => (i === 0 && j === 0 ? E.ZERO : c)));
  let power: Series = constant(E.ONE, order);
  let result: Series = constant(derivatives(0), order);
  let factorial = 1n;
  for (let k = 1; k <= order; k++) {
    power = mulSeries(power, shifted);
    factorial *= BigInt(k);
    result = addSeries(result, scaleSeries(power, E.mul(derivatives(k), E.num(Q.rational(1n, factorial)))));
  }
  return result.map((row) => row.map(expand));
}

/** log^(k)(b0) = (-1)^(k-1) (k-1)! b0^-k, with log(b0) itself given (softplus keeps its name). */
const logDerivatives = (b0: Expr, value: Expr) => (k: number): Expr => {
  if (k === 0) return value;
  let c = 1n;
  for (let m = 2; m < k; m++) c *= BigInt(m);
  return E.mul(E.num(k % 2 === 1 ? c : -c), E.pow(b0, E.num(-k)));
};

/** The series of e at the point, to total degree `order`; `positive` names symbols known > 0. */
export function seriesOf(e: Expr, point: Point, order: number, positive: ReadonlySet<string>): Series {
  const memo = new Map<Expr, Series>();
  const at = new Map([['theta', point.theta], ['phi', point.phi]]);
  const visit = (node: Expr): Series => {
    const cached = memo.get(node);
    if (cached) return cached;
    let result: Series;
    switch (node.kind) {
      case 'num': result = constant(node, order); break;
      case 'sym': {
        result = constant(at.get(node.name) ?? node, order);
        if (node.name === 'theta' || node.name === 'phi') {
          const s = result.map((row) => [...row]);
          if (order >= 1) s[node.name === 'theta' ? 1 : 0]![node.name === 'theta' ? 0 : 1] = E.ONE;
          result = s;
        }
        break;
      }
      case 'add': result = node.terms.map(visit).reduce(addSeries); break;
      case 'mul': {
        // A factor that vanishes near the point (relu(|phi| - 1)) hides a kink beside it (sign(phi)).
        const factors = node.factors.map((f) => { try { return visit(f); } catch (error) { if (error instanceof KinkAtPoint) return error; throw error; } });
        const kink = factors.find((f): f is KinkAtPoint => f instanceof KinkAtPoint);
        const vanishing = factors.some((f) => !(f instanceof KinkAtPoint) && f.every((row) => row.every((c) => c === E.ZERO)));
        if (vanishing) { result = constant(E.ZERO, order); break; }
        if (kink) throw kink;
        result = (factors as Series[]).reduce(mulSeries);
        break;
      }
      case 'pow': {
        if (dependsOn(node.exponent, 'theta') || dependsOn(node.exponent, 'phi')) throw new Error(`series: variable exponent in ${node.key}`);
        const base = visit(node.base);
        const b0 = base[0]![0]!;
        const a = node.exponent;
        if (a.kind === 'num' && Q.isInteger(a.value) && Q.sign(a.value) > 0) {
          result = constant(E.ONE, order);
          for (let k = 0n; k < a.value.num; k++) result = mulSeries(result, base);
        } else {
          // (b0 + t)^a: derivatives a (a-1) ... (a-k+1) b0^(a-k).
          result = compose((k) => {
            let c: Expr = E.ONE;
            for (let m = 0; m < k; m++) c = E.mul(c, E.sub(a, E.num(m)));
            return E.mul(c, E.pow(b0, E.sub(a, E.num(k))));
          }, base);
        }
        break;
      }
      case 'activation': {
        const inner = visit(node.arg);
        const u0 = inner[0]![0]!;
        result = compose((k) => E.activation(node.order + k, u0), inner);
        break;
      }
      case 'call': {
        const u0 = substitute(node.arg, at);
        if (hasKink(node.fn)) {
          const sign = signOf(u0, positive);
          if (sign === 'zero') throw new KinkAtPoint(node);
          if (sign !== 'positive' && sign !== 'negative') throw new Error(`series: the sign of ${node.key} at the point is not decided`);
          const up = sign === 'positive';
          if (node.fn === 'relu' && !up) { result = constant(E.ZERO, order); break; }
          if (node.fn === 'step' || node.fn === 'sign') { result = constant(node.fn === 'step' ? (up ? E.ONE : E.ZERO) : (up ? E.ONE : E.MINUS_ONE), order); break; }
          const inner = visit(node.arg);
          result = up ? inner : inner.map((row) => row.map(E.neg)); // abs(u) = +-u, relu(u) = u
          break;
        }
        // exp and log by their derivatives; sigmoid and softplus through exp, without nerdamer.
        if (node.fn === 'sigmoid') { result = visit(E.pow(E.add(E.ONE, E.call('exp', E.neg(node.arg))), E.MINUS_ONE)); break; }
        if (node.fn === 'softplus') {
          const b = visit(E.add(E.ONE, E.call('exp', node.arg)));
          result = compose(logDerivatives(b[0]![0]!, E.call('softplus', u0)), b);
          break;
        }
        const inner = visit(node.arg);
        const v0 = inner[0]![0]!;
        if (node.fn === 'exp') result = compose(() => E.call('exp', v0), inner);
        else if (node.fn === 'log') result = compose(logDerivatives(v0, E.call('log', v0)), inner);
        else throw new Error(`series: no expansion for ${node.fn}`);
        break;
      }
    }
    memo.set(node, result);
    return result;
  };
  return visit(e);
}

/** The polynomial sum c[i][j] x^i y^j as an expression in two given variables. */
export function seriesToExpr(s: Series, x: Expr, y: Expr): Expr {
  const terms: Expr[] = [];
  s.forEach((row, i) => row.forEach((c, j) => terms.push(E.mul(c, E.pow(x, E.num(i)), E.pow(y, E.num(j))))));
  return E.add(...terms);
}

/** Each coefficient mapped (e.g. an expectation over the noise, or a substitution of f). */
export const mapSeries = (s: Series, g: (c: Expr) => Expr): Series => s.map((row) => row.map((c) => expand(g(c))));
