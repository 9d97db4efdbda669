/**
 * Equilibria found, not assumed: the zero set of v = (v1, v2).
 *
 * Closed form first. v1 is factored (the IR's factoring by grouping); its zero set is the
 * union of the zero sets of the factors that can vanish (numbers, positive functions such
 * as sigmoid and exp, and negative powers cannot). Each factor that is linear in theta or
 * phi gives a line or curve, which is substituted into v2: v2 identically 0 there makes it
 * a curve of equilibria; otherwise v2, now in one variable, is solved the same way. With
 * instance noise the substituted v2 is a polynomial in the noise and its expectation is
 * taken exactly. A factor that contains a kink whose argument vanishes on the curve (sign(phi)
 * on phi = 0) makes it a switching line: the Filippov analysis decides there. With f
 * abstract, a factor f^(k)(u) is a conditional zero set (none when f^(k) has no zero).
 * What is left unsolved is reported, and the caller falls back on the certified numeric count.
 */
import * as E from '../ir/expr.js';
import { dependsOn, nodesOf, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import * as Q from '../ir/rational.js';
import { expand } from '../ir/expand.js';
import { factorCommon } from '../ir/factor.js';
import { signOf } from '../derive/sign.js';
import { gaussianExpectation } from '../derive/noise.js';
import { coefficients } from '../ir/polynomial.js';
import { oneSided } from './filippov.js';
import { hasKink } from '../vocabulary/functions.js';

import type { Variable } from './filippov.js';
const OTHER: Record<Variable, Variable> = { theta: 'phi', phi: 'theta' };

export interface Context {
  readonly positive: ReadonlySet<string>;
  /** Instance noise: its symbol and standard deviation. */
  readonly noise?: { readonly symbol: string; readonly sigma: Expr };
}

export type ZeroSet =
  | { readonly kind: 'point'; readonly theta: Expr; readonly phi: Expr }
  /** Every point with `variable` = value is an equilibrium. */
  | { readonly kind: 'line'; readonly variable: Variable; readonly value: Expr }
  /** The switching line variable = value of a kink: decided by the Filippov analysis. */
  | { readonly kind: 'switching-line'; readonly variable: Variable; readonly value: Expr; readonly kink: Expr }
  /** Where the abstract activation factor of v1 vanishes (with instance noise, its mean over the
   * noise, `meanOver` the noise's symbol): equilibria other than those listed can only be there
   * (none when f^(k) has no zero). */
  | { readonly kind: 'conditional'; readonly factor: Expr; readonly meanOver?: Expr };

export interface EquilibriumSet {
  readonly sets: readonly ZeroSet[];
  /** Factors whose zeros the closed form could not find (then the set is incomplete). */
  readonly unsolved: readonly Expr[];
}

/** The factors of e that can vanish; [] when e never vanishes, [0] when it is 0. */
export function vanishingFactors(e: Expr, context: Context): Expr[] {
  if (e === E.ZERO) return [E.ZERO];
  const factored = factorCommon(e);
  const factors = factored.kind === 'mul' ? factored.factors : [factored];
  const out: Expr[] = [];
  for (const factor of factors) {
    const [base, exponent] = factor.kind === 'pow' ? [factor.base, factor.exponent] : [factor, E.ONE];
    if (base.kind === 'num') continue;
    if (exponent.kind === 'num' && Q.sign(exponent.value) < 0) continue;
    const sign = signOf(base, context.positive);
    if (sign === 'positive' || sign === 'negative') continue;
    if (sign === 'nonzero' && !dependsOnState(base)) continue;
    if (!out.includes(base)) out.push(base);
  }
  return out;
}

const dependsOnState = (e: Expr): boolean => dependsOn(e, 'theta') || dependsOn(e, 'phi');

/** Solves factor = 0 for one variable when it is linear in it with a coefficient that
 * cannot vanish together with the rest. */
function solveLinear(factor: Expr, context: Context): { variable: Variable; value: Expr } | undefined {
  for (const variable of ['phi', 'theta'] as const) {
    const c = coefficients(factor, variable);
    if (!c || c.length !== 2) continue;
    const [c0, c1] = [c[0]!, c[1]!];
    const safe = signOf(c1, context.positive) !== 'unknown' || (c0.kind === 'num' && c0 !== E.ZERO);
    if (safe) return { variable, value: expand(E.neg(E.div(c0, c1))) };
  }
  return undefined;
}

function expectation(e: Expr, context: Context): Expr | undefined {
  if (!context.noise || !dependsOn(e, context.noise.symbol)) return e;
  return gaussianExpectation(expand(e), context.noise.symbol, context.noise.sigma);
}

/** Kinks whose argument vanishes identically once variable = value. */
function kinkOn(e: Expr, variable: Variable, value: Expr): Expr | undefined {
  return nodesOf(e).find((n) => n.kind === 'call' && hasKink(n.fn) && substitute(n.arg, new Map([[variable, value]])) === E.ZERO);
}

/** The vanishing factors of v1 that depend on the noise, set apart as unsolved: v1's expectation
 * is the product of its noise-free factors and the expectation of the rest, whose zeros are not
 * theirs. Only f^(k) as v1's one factor in the noise (of any sign, to the first power) stays: the
 * mean of f^(k) over the noise has no zero where f^(k) has none. */
function dropNoisy(v1: Expr, factors: Expr[], context: Context): { factors: Expr[]; unsolved: Expr[] } {
  if (!context.noise) return { factors, unsolved: [] };
  const noise = context.noise.symbol;
  const factored = factorCommon(v1);
  const inNoise = (factored.kind === 'mul' ? factored.factors : [factored]).filter((f) => dependsOn(f, noise));
  const lone = inNoise.length === 1 && inNoise[0]!.kind === 'activation';
  const unsolved = lone ? [] : factors.filter((f) => dependsOn(f, noise));
  return { factors: factors.filter((f) => !unsolved.includes(f)), unsolved };
}

export function equilibria(field: readonly [Expr, Expr], context: Context): EquilibriumSet {
  const sets: ZeroSet[] = [];
  const unsolved: Expr[] = [];
  const add = (z: ZeroSet): void => {
    if (!sets.some((s) => JSON.stringify(keyOf(s)) === JSON.stringify(keyOf(z)))) sets.push(z);
  };
  const split = dropNoisy(field[0], vanishingFactors(field[0], context), context);
  unsolved.push(...split.unsolved);
  for (const factor of split.factors) {
    if (factor === E.ZERO) { unsolved.push(factor); continue; }
    if (factor.kind === 'activation' && dependsOnState(factor)) {
      const noisy = context.noise !== undefined && dependsOn(factor, context.noise.symbol);
      add({ kind: 'conditional', factor, ...(noisy ? { meanOver: E.sym(context.noise!.symbol) } : {}) });
      continue;
    }
    const line = solveLinear(factor, context);
    if (!line) { unsolved.push(factor); continue; }
    const on = new Map([[line.variable, line.value]]);
    const kink = kinkOn(field[1], line.variable, line.value);
    let v2 = field[1];
    if (kink) {
      // A kink of the line's own variable: a switching line if the one-sided fields differ there.
      const sides = line.value === E.ZERO ? ([1, -1] as const).map((side) => expand(substitute(oneSided(field[1], line.variable, side), on))) : [];
      if (sides.length === 0 || sides[0] !== sides[1]) { add({ kind: 'switching-line', ...line, kink }); continue; }
      v2 = oneSided(field[1], line.variable, 1);
    }
    const rest = expectation(substitute(v2, on), context);
    if (rest === undefined) { unsolved.push(field[1]); continue; }
    if (expand(rest) === E.ZERO) { add({ kind: 'line', ...line }); continue; }
    const other = OTHER[line.variable];
    for (const g of vanishingFactors(rest, context)) {
      const c = coefficients(g, other);
      if (g.kind === 'activation' && !dependsOnState(g)) continue; // f^(k)(0) != 0 by assumption
      if (!c || c.length !== 2 || dependsOnState(c[1]!) || signOf(c[1]!, context.positive) === 'unknown') { unsolved.push(g); continue; }
      const value = expand(E.neg(E.div(c[0]!, c[1]!)));
      const point = new Map([[other, value]]);
      let first: Expr;
      try { first = expand(substitute(line.value, point)); } catch (error) {
        if (error instanceof RangeError) continue; // the curve has no point there (phi = 1/theta at theta = 0)
        throw error;
      }
      add(line.variable === 'theta' ? { kind: 'point', theta: first, phi: value } : { kind: 'point', theta: value, phi: first });
    }
  }
  return { sets, unsolved };
}

function keyOf(z: ZeroSet): unknown {
  switch (z.kind) {
    case 'point': return [z.kind, z.theta.key, z.phi.key];
    case 'line': case 'switching-line': return [z.kind, z.variable, z.value.key];
    case 'conditional': return [z.kind, z.factor.key];
  }
}
