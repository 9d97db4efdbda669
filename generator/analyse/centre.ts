/**
 * Centres decided by the nonlinear terms, cheapest first (design/dynamics.md):
 * (a) the quadratic form H that the linear flow conserves, H = theta^2 - 2 (a/c) theta phi
 *     - (b/c) phi^2 for J = [[a, b], [c, -a]]; when grad(H).v is identically 0 (in the IR's
 *     canonical form, f abstract or substituted), every orbit near the equilibrium is closed;
 * (b) otherwise grad(H).v as a Lyapunov derivative: sign-definite by its factors (even
 *     powers, positive functions), or a function g(theta*phi) = u h(u) with h(0) = 0 and h'
 *     of one sign (then u h(u) has one sign on the whole line); with LaSalle's principle
 *     (the field leaves each line where dH/dt = 0 except at the equilibrium) and H
 *     positive definite, every trajectory converges to the equilibrium.
 * The Lyapunov coefficients (focus.ts) give the local rate.
 */
import * as E from '../ir/expr.js';
import { dependsOn, nodesOf, rewrite, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';
import { expand } from '../ir/expand.js';
import { factorCommon } from '../ir/factor.js';
import { differentiate } from '../cas/differentiate.js';
import { signOf } from '../derive/sign.js';
import { vanishingFactors } from './equilibria.js';
import type { Context } from './equilibria.js';
import type { Matrix } from './focus.js';

const THETA = E.sym('theta');
const PHI = E.sym('phi');
const U = E.sym('lyapunov_u');

/** The field as it is near the point: kinks whose argument has a provable sign there are
 * replaced by their local form; the conditions say where that form holds. */
export function localise(field: readonly [Expr, Expr], point: ReadonlyMap<string, Expr>, context: Context): { field: [Expr, Expr]; conditions: Expr[] } {
  const conditions: Expr[] = [];
  const local = (e: Expr): Expr => rewrite(e, (node) => {
    if (node.kind !== 'call' || !['relu', 'step', 'abs', 'sign'].includes(node.fn)) return undefined;
    const sign = signOf(substitute(node.arg, point), context.positive);
    if (sign !== 'positive' && sign !== 'negative') return undefined;
    const up = sign === 'positive';
    if (!conditions.includes(node.arg)) conditions.push(up ? node.arg : E.neg(node.arg)); // holds where this is > 0
    switch (node.fn) {
      case 'relu': return up ? local(node.arg) : E.ZERO;
      case 'step': return up ? E.ONE : E.ZERO;
      case 'abs': return up ? local(node.arg) : E.neg(local(node.arg));
      default: return up ? E.ONE : E.MINUS_ONE;
    }
  });
  return { field: [local(field[0]), local(field[1])], conditions };
}

/** The conserved quadratic form of the linearisation at the point, positive definite. */
export function quadraticForm(j: Matrix, point: ReadonlyMap<string, Expr>): Expr {
  const [a, b, c] = [j[0][0], j[0][1], j[1][0]];
  const x = E.sub(THETA, point.get('theta') ?? E.ZERO);
  const y = E.sub(PHI, point.get('phi') ?? E.ZERO);
  return expand(E.add(E.pow(x, E.num(2)), E.mul(E.num(-2), E.div(a, c), x, y), E.neg(E.mul(E.div(b, c), E.pow(y, E.num(2))))));
}

/** dH/dt = grad(H) . v, expanded and then factored for reading. */
export function derivativeAlong(h: Expr, field: readonly [Expr, Expr]): Expr {
  const dTheta = differentiate(h, 'theta');
  const dPhi = differentiate(h, 'phi');
  return factorCommon(expand(E.add(E.mul(dTheta, field[0]), E.mul(dPhi, field[1]))));
}

export interface DefiniteSign {
  readonly sign: 'nonpositive' | 'nonnegative';
  /** The lines where the derivative vanishes, as the symbol that is 0 there. */
  readonly zeroLines: readonly ('theta' | 'phi')[];
  readonly argument: string;
}

/** Sign-definiteness of a Lyapunov derivative, proved by its factors or as u h(u), u = theta*phi. */
export function definiteSign(e: Expr, context: Context): DefiniteSign | undefined {
  return byFactors(e, context) ?? byOddPart(e, context);
}

function byFactors(e: Expr, context: Context): DefiniteSign | undefined {
  const factored = factorCommon(e);
  const factors = factored.kind === 'mul' ? factored.factors : [factored];
  let negative = false;
  const zeroLines: ('theta' | 'phi')[] = [];
  for (const factor of factors) {
    const [base, exponent] = factor.kind === 'pow' ? [factor.base, factor.exponent] : [factor, E.ONE];
    const even = exponent.kind === 'num' && Q.isInteger(exponent.value) && exponent.value.num % 2n === 0n;
    if (even && base.kind === 'sym' && (base.name === 'theta' || base.name === 'phi')) { zeroLines.push(base.name); continue; }
    const sign = signOf(factor, context.positive);
    if (sign === 'negative') negative = !negative;
    else if (sign !== 'positive') return undefined;
  }
  if (zeroLines.length === 0) return undefined;
  return { sign: negative ? 'nonpositive' : 'nonnegative', zeroLines, argument: 'a product of a constant sign and even powers' };
}

function byOddPart(e: Expr, context: Context): DefiniteSign | undefined {
  const g = expand(substitute(e, new Map<string, Expr>([['theta', U], ['phi', E.ONE]])));
  if (expand(substitute(g, new Map([[U.name, E.mul(THETA, PHI)]]))) !== expand(e)) return undefined;
  const h = expand(E.div(g, U));
  // h(0) = 0, where h must be defined at 0 (no negative power of u): g has no term free of u.
  if (dependsOn(h, U.name) === false || expand(substitute(g, new Map([[U.name, E.ZERO]]))) !== E.ZERO) return undefined;
  if (nodesOf(h).some((n) => n.kind === 'pow' && n.base === U && n.exponent.kind === 'num' && Q.sign(n.exponent.value) < 0)) return undefined;
  if (expand(substitute(h, new Map([[U.name, E.ZERO]]))) !== E.ZERO) return undefined;
  const slope = signOf(factorCommon(expand(differentiate(h, U.name))), context.positive);
  if (slope !== 'positive' && slope !== 'negative') return undefined;
  return {
    sign: slope === 'negative' ? 'nonpositive' : 'nonnegative',
    zeroLines: ['theta', 'phi'],
    argument: `it is u*h(u) with u = theta*phi, h(0) = 0 and h'(u) ${slope === 'negative' ? '< 0' : '> 0'} for every u`,
  };
}

/** LaSalle: on each line where dH/dt = 0 the field crosses the line except at the origin. */
export function leavesZeroLines(field: readonly [Expr, Expr], lines: readonly ('theta' | 'phi')[], context: Context): boolean {
  return lines.every((line) => {
    const other = line === 'theta' ? 'phi' : 'theta';
    const normal = substitute(field[line === 'theta' ? 0 : 1], new Map([[line, E.ZERO]]));
    const factors = vanishingFactors(normal, context);
    return factors.length === 1 && factors[0] === E.sym(other);
  });
}
