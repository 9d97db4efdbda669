/**
 * The verdict at an isolated equilibrium. Hyperbolic (trace and determinant of J with
 * decided signs): the linearisation decides. A centre (trace 0, determinant > 0): the
 * nonlinear terms decide -- a conserved quadratic form, a Lyapunov function with LaSalle,
 * and the Lyapunov coefficients with their rate law r^(2m) ~ C/t, C = 1/(m |lambda_m|)
 * (dF/dt = lambda_m F^(m+1) with F = r^2 + ...).
 */
import * as E from '../ir/expr.js';
import { nodesOf, rewrite } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { factorCommon } from '../ir/factor.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { gaussianExpectation } from '../derive/noise.js';
import { toNerdamer } from '../cas/text.js';
import { signOf } from '../derive/sign.js';
import type { Sign } from '../vocabulary/functions.js';
import { definiteSign, derivativeAlong, leavesZeroLines, localise, quadraticForm } from './centre.js';
import type { Context } from './equilibria.js';
import { firstLyapunovCoefficient, focusQuantities, linearPart, normalCoordinates, rotationRate } from './focus.js';
import { mapSeries, seriesOf } from './series.js';
import type { Series } from './series.js';
import type { Analysis, EquilibriumVerdict, NonlinearVerdict } from './verdict.js';

const CENTRE_ORDER = 7;

/** Numbers of formulas where the environment can give them (f abstract without a test f: omitted). */
export function numbersOf(formulas: Readonly<Record<string, Expr>>, env: Environment): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, e] of Object.entries(formulas)) {
    try {
      const v = evaluate(e, env);
      if (Number.isFinite(v)) out[name] = v;
    } catch { /* a formula in theta and phi (a conserved quantity) has no single number */ }
  }
  return out;
}

/** A sign decided for every positive hyperparameter, else read at the defaults (and said so). */
function decide(e: Expr, context: Context, env: Environment | undefined): { sign: Sign; atDefaults: boolean } {
  const symbolic = signOf(factorCommon(e), context.positive);
  if (symbolic !== 'unknown' && symbolic !== 'nonzero') return { sign: symbolic, atDefaults: false };
  // With f abstract the sign is the result (a condition on f), never read off one activation.
  if (env && !nodesOf(e).some((n) => n.kind === 'activation')) {
    try {
      const v = evaluate(e, env);
      return { sign: v > 0 ? 'positive' : v < 0 ? 'negative' : 'zero', atDefaults: true };
    } catch { /* f abstract */ }
  }
  return { sign: symbolic, atDefaults: false };
}

function fieldSeries(field: readonly [Expr, Expr], at: ReadonlyMap<string, Expr>, order: number, context: Context): [Series, Series] {
  const point = { theta: at.get('theta')!, phi: at.get('phi')! };
  const s = field.map((v) => seriesOf(v, point, order, context.positive)) as [Series, Series];
  const noise = context.noise;
  if (!noise) return s;
  const expected = (c: Expr): Expr => gaussianExpectation(expand(c), noise.symbol, noise.sigma) ?? (() => { throw new Error(`no closed-form expectation of ${c.key}`); })();
  return [mapSeries(s[0], expected), mapSeries(s[1], expected)];
}

export function analysePoint(field: readonly [Expr, Expr], at: ReadonlyMap<string, Expr>, context: Context, env: Environment | undefined): Omit<EquilibriumVerdict, 'where'> {
  const linear = fieldSeries(field, at, 1, context);
  const j = linearPart(linear);
  const trace = expand(E.add(j[0][0], j[1][1]));
  const determinant = expand(E.sub(E.mul(j[0][0], j[1][1]), E.mul(j[0][1], j[1][0])));
  const tr = decide(trace, context, env);
  const det = decide(determinant, context, env);
  const assumption = tr.atDefaults || det.atDefaults ? ' (signs read at the default hyperparameters)' : context.positive.size ? ` for every ${[...context.positive].join(', ')} > 0` : '';
  const base = { trace, determinant };
  const result = (verdict: NonlinearVerdict, restsOn: Analysis[], reason: string, formulas: Record<string, Expr>) =>
    ({ verdict, restsOn, reason, formulas: { ...base, ...formulas }, numbers: env ? numbersOf({ ...base, ...formulas }, env) : {} });
  if (det.sign === 'negative') return result('unstable', ['linearisation'], `determinant < 0${assumption}: a saddle`, {});
  if (det.sign === 'positive' && tr.sign === 'negative') {
    return result('asymptotically-stable', ['linearisation'], `trace < 0 and determinant > 0${assumption}: both eigenvalues have negative real part; trajectories near it converge exponentially, at rate -trace/2`, { rate: expand(E.mul(E.num(-0.5), trace)) });
  }
  if (det.sign === 'positive' && tr.sign === 'positive') return result('unstable', ['linearisation'], `trace > 0 and determinant > 0${assumption}: both eigenvalues have positive real part`, {});
  if (det.sign === 'positive' && tr.sign !== 'zero') {
    return result('sign-condition', ['linearisation'], `determinant > 0${assumption}; the trace ${printPlain(trace)} decides: asymptotically stable when it is < 0, unstable when > 0, a centre (decided by the nonlinear terms) when 0`, {});
  }
  if (!(tr.sign === 'zero' && det.sign === 'positive')) {
    return result('undecided', ['linearisation'], `trace ${tr.sign}, determinant ${det.sign}${assumption}: a zero eigenvalue, not on a curve of equilibria; not analysed further`, {});
  }
  return analyseCentre(field, at, context, env, result);
}

type Result = (verdict: NonlinearVerdict, restsOn: Analysis[], reason: string, formulas: Record<string, Expr>) => Omit<EquilibriumVerdict, 'where'>;

function analyseCentre(field: readonly [Expr, Expr], at: ReadonlyMap<string, Expr>, context: Context, env: Environment | undefined, result: Result): Omit<EquilibriumVerdict, 'where'> {
  const local = localise(field, at, context);
  const series = fieldSeries(local.field, at, 1, context);
  const h = quadraticForm(linearPart(series), at);
  const dH = derivativeAlong(h, local.field);
  const omega = rotationRate(linearPart(series));
  const region = local.conditions.length ? `, for the orbits that stay where ${local.conditions.map((c) => `${printPlain(c)} > 0`).join(' and ')} (where the field has this local form)` : '';
  if (dH === E.ZERO) {
    return result('exact-centre', ['linearisation', 'conserved quadratic form'], `trace 0, determinant > 0; H = ${printPlain(h)} is conserved along the flow (dH/dt = grad(H).v = 0 identically): every orbit near the equilibrium is closed${region}`, { omega, conservedQuantity: h });
  }
  const normal = normalCoordinates(fieldSeries(local.field, at, CENTRE_ORDER, context), omega);
  const firstCoefficient = firstLyapunovCoefficient(normal, omega);
  const lambdas = focusQuantities(normal, omega);
  const formulas: Record<string, Expr> = { omega, quadraticForm: h, derivativeOfQuadraticForm: dH, firstLyapunovCoefficient: firstCoefficient };
  lambdas.forEach((l, k) => (formulas[`lambda${k + 1}`] = l));
  const m = lambdas.findIndex((l) => l !== E.ZERO) + 1;
  const lyapunov = definiteSign(dH, context);
  const global = lyapunov && leavesZeroLines(local.field, lyapunov.zeroLines, context) && local.conditions.length === 0;
  if (m === 0) {
    return result('centre-undecided', ['linearisation', 'Lyapunov coefficients'], `trace 0, determinant > 0; the Lyapunov coefficients up to order ${CENTRE_ORDER} vanish and H = ${printPlain(h)} is not conserved`, formulas);
  }
  const lambda = lambdas[m - 1]!;
  const sign = decide(lambda, context, env);
  // dF/dt = lambda F^(m+1) gives F^-m = F(0)^-m - m lambda t: F^m t tends to C = 1/(m |lambda|)
  // forwards when lambda < 0; when lambda > 0 it does so backwards, and forwards F reaches any
  // size within a finite time of the truncated form, so an orbit leaves a small neighbourhood.
  const H = `H = ${printPlain(h)} (r^2 in the coordinates where J is a rotation)`;
  const attractingLaw = `H(t)^${m} * t -> C = 1/(${m}*|lambda${m}|) as t -> infinity`;
  const repellingLaw = `H(t)^${m} * |t| -> C = 1/(${m}*lambda${m}) as t -> -infinity, and forwards H(t)^-${m} = H(0)^-${m} - t/C to leading order: an orbit from H(0) leaves a small neighbourhood after a time of order C/H(0)^${m}`;
  if (sign.sign === 'negative' || sign.sign === 'positive') {
    const attracting = sign.sign === 'negative';
    formulas.rateConstant = expand(E.div(E.ONE, E.mul(E.num(attracting ? -m : m), lambda)));
    const proof = lyapunov && global && (lyapunov.sign === 'nonpositive') === attracting
      ? ` H = ${printPlain(h)} is a Lyapunov function: dH/dt ${attracting ? '<= 0' : '>= 0'} everywhere (${lyapunov.argument}), 0 only on ${lyapunov.zeroLines.join(' = 0 and ')} = 0, which the flow crosses except at the equilibrium, so by LaSalle every trajectory ${attracting ? 'converges to it' : 'leaves every neighbourhood of it'}.`
      : '';
    const restsOn: Analysis[] = proof ? ['linearisation', 'Lyapunov coefficients', 'Lyapunov function', 'LaSalle'] : ['linearisation', 'Lyapunov coefficients'];
    return result(attracting ? 'weakly-attracting' : 'weakly-repelling', restsOn,
      `trace 0, determinant > 0; the first non-zero Lyapunov coefficient is lambda${m} = ${printPlain(lambda)} ${attracting ? '< 0' : '> 0'}${sign.atDefaults ? ' (at the defaults)' : ''}: dF/dt = lambda${m} F^${m + 1} with F = H + ..., so ${attracting ? `the orbits shrink algebraically, ${attractingLaw}` : `the orbits grow, ${repellingLaw}`}, with ${H}.${proof}`, formulas);
  }
  const next = nextWhenVanishing(lambda, lambdas.slice(m));
  if (next) formulas[`lambda${m + next.offset}WhenLambda${m}Vanishes`] = next.value;
  return result('sign-condition', ['linearisation', 'Lyapunov coefficients'],
    `trace 0, determinant > 0; lambda${m} = ${printPlain(lambda)} decides: weakly attracting when it is < 0 (${attractingLaw}), weakly repelling when > 0 (${repellingLaw}), with ${H}${next ? `; when it is 0, lambda${m + next.offset} = ${printPlain(next.value)} decides` : ''}`, formulas);
}

/** The first later coefficient that stays non-zero when the one derivative of f that
 * lambda_m depends on is set to 0 (offset 1: the next one). */
function nextWhenVanishing(lambda: Expr, later: readonly Expr[]): { offset: number; value: Expr } | undefined {
  const activations = nodesOf(lambda).filter((n) => n.kind === 'activation');
  if (activations.length !== 1) return undefined;
  for (const [k, l] of later.entries()) {
    const value = expand(rewrite(l, (n) => (n === activations[0] ? E.ZERO : undefined)));
    if (value !== E.ZERO) return { offset: k + 1, value };
  }
  return undefined;
}

const printPlain = (e: Expr): string => toNerdamer(e);
