/**
 * The discrete-time part of a derivation record: for each training method at the
 * equilibrium, its update map, the map's eigenvalues and spectral radius, the verdict and the
 * largest stable learning rate (closed form, or found numerically).
 */
import * as E from '../ir/expr.js';
import { nodesOf } from '../ir/traverse.js';
import type { Stage } from '../derive/derive.js';
import type { Matrix2 } from '../derive/field.js';
import { determinantOf, traceOf } from '../derive/equilibrium.js';
import { expand } from '../ir/expand.js';
import type { Expr } from '../ir/expr.js';
import type { MethodFacts, SpectralRadiusCases } from '../analyse/record-facts.js';
import { toNerdamer } from '../cas/text.js';
import { matrixToTex, toTex } from '../print/tex.js';
import { METHOD_LABELS } from '../contract/records.js';
import type { BoundRecord, Method, MethodRecord, Rendered } from '../contract/records.js';
import { LONG_TEX, definitionLines, eigenvaluesText, matrixFormulaTex, matrixText, spreadTex } from './record-text.js';

const MAP_DEFINITION: Record<Method, string> = {
  simultaneous: 'I + hJ',
  alternating: 'D^{n_{d}} G^{n_{g}}',
  extragradient: 'I + hJ + h^{2} J^{2}',
  optimistic: '\\begin{pmatrix} I + 2hJ & -hJ \\\\ I & 0 \\end{pmatrix}',
};

/** The names of a map's trace and determinant: tau and delta of M, or, for the alternating
 * map at one learning rate, tau_h and delta_h of M_h (M with h_g = h_d = h, n_g = n_d = 1). */
interface MapNames { readonly tau: string; readonly delta: string; readonly map: string }
const GENERAL: MapNames = { tau: '\\tau', delta: '\\delta', map: 'M' };
const ONE_RATE_NAMES: MapNames = { tau: '\\tau_{h}', delta: '\\delta_{h}', map: 'M_{h}' };

/** The formula as it is when short; else `named` (in the map's trace and determinant, an
 * aligned line) with the two defined on the lines below it. */
const namingTraceAndDeterminant = (direct: string, named: string, trace: Expr, determinant: Expr, names: MapNames = GENERAL): string =>
  direct.length <= LONG_TEX
    ? direct
    : `\\begin{aligned} ${named} \\\\ ${definitionLines(`${names.tau} = \\operatorname{tr} ${names.map}`, trace)} \\\\ ${definitionLines(`${names.delta} = \\det ${names.map}`, determinant)} \\end{aligned}`;

/** The alternating map is written for any schedule; its spectral radius and bound are for
 * one learning rate, which its TeX says after the formula (no words: both languages show it). */
const ONE_RATE = 'h_{g} = h_{d} = h,\\ n_{g} = n_{d} = 1';
const forOneRate = (tex: string): string =>
  tex.endsWith('\\end{aligned}')
    ? `${tex.slice(0, -'\\end{aligned}'.length)}\\\\ & (${ONE_RATE_NAMES.map}: ${ONE_RATE}) \\end{aligned}`
    : `\\begin{gathered} ${tex} \\\\ (${ONE_RATE}) \\end{gathered}`;

/** h* in closed form: the smallest positive candidate, the candidates named r_1, r_2, ... on
 * lines of their own when the whole would run past a column. */
function boundTex(roots: readonly Expr[]): string {
  if (roots.length === 1) return `h^{*} = ${toTex(roots[0]!)}`;
  const inline = `h^{*} = \\min \\left\\{ r > 0 : r \\in \\left\\{ ${roots.map(toTex).join(', ')} \\right\\} \\right\\}`;
  if (inline.length <= LONG_TEX) return inline;
  const names = roots.map((_, i) => `r_{${i + 1}}`);
  return `\\begin{aligned} h^{*} &= \\min \\left\\{ r > 0 : r \\in \\left\\{ ${names.join(', ')} \\right\\} \\right\\} \\\\ ${roots.map((r, i) => `${names[i]} &= ${toTex(r)}`).join(' \\\\ ')} \\end{aligned}`;
}

const radicandIn = ({ tau, delta }: MapNames): string => `\\frac{${tau}^{2}}{4} - ${delta}`;

/** The map's eigenvalue pair, in tau and delta when long (M: the map, where it is 2x2). */
const pairTex = (direct: string, m: Matrix2 | undefined): string =>
  m ? namingTraceAndDeterminant(direct, `\\mu_{1,2} &= \\frac{\\tau}{2} \\pm \\sqrt{${radicandIn(GENERAL)}}`, expand(traceOf(m)), expand(determinantOf(m))) : direct;

/** rho from trace T and determinant D of a 2x2 map, one branch when the sign is provable.
 * The cases state their conditions, both, and no words: the TeX serves both languages. */
function spectralRadiusRendered({ trace, determinant, radicand, sign }: SpectralRadiusCases, names: MapNames): Rendered {
  // Built in the IR, so that sqrt(1) is 1 and the printers' forms apply.
  const modulus = E.sqrt(determinant);
  const largest = E.add(E.mul(E.num(0.5), E.call('abs', trace)), E.sqrt(radicand));
  const complex = { text: toNerdamer(modulus), tex: toTex(modulus) };
  const real = { text: toNerdamer(largest), tex: toTex(largest) };
  const named = {
    complex: `\\sqrt{${names.delta}}`,
    real: `\\frac{\\left|${names.tau}\\right|}{2} + \\sqrt{${radicandIn(names)}}`,
  };
  const tex = (direct: string, inNames: string): string => namingTraceAndDeterminant(`\\rho(h) = ${direct}`, `\\rho(h) &= ${inNames}`, trace, determinant, names);
  if (sign === 'negative') return { text: complex.text, tex: tex(complex.tex, named.complex) };
  if (sign === 'positive' || sign === 'zero') return { text: real.text, tex: tex(real.tex, named.real) };
  const cases = (c: string, condition: string, r: string): string => `\\begin{cases} ${c} & ${condition} < 0 \\\\ ${r} & ${condition} \\ge 0 \\end{cases}`;
  return {
    text: `${toNerdamer(radicand)} < 0 ? ${complex.text} : ${real.text}`,
    tex: tex(cases(complex.tex, toTex(radicand), real.tex), cases(named.complex, radicandIn(names), named.real)),
  };
}

/** `numericAt`: TeX after a numeric bound, saying at which values of f^(k)(0) it was found (f abstract). */
function methodRecord({ analysis, spectralRadius: cases }: MethodFacts, j: Matrix2, numericAt: string): MethodRecord {
  const { method } = analysis;
  const e = analysis.eigenvalues;
  const spread = spreadTex(e);
  const eigenvalues: Rendered = method === 'optimistic'
    ? {
        text: `${eigenvaluesText(e)}, lambda in eigenvalues(J(0, 0))`,
        tex: `\\mu = ${toTex(e.center)} \\pm ${spread}, \\quad \\lambda \\in \\operatorname{spec} J(0, 0)`,
      }
    : { text: eigenvaluesText(e), tex: pairTex(`\\mu_{1,2} = ${e.center === E.ZERO ? '' : toTex(e.center)} \\pm ${spread}`, analysis.matrix) };
  const map: Rendered = analysis.matrix
    ? { text: matrixText(analysis.matrix), tex: matrixFormulaTex('M', analysis.matrix, MAP_DEFINITION[method]) }
    : { text: `matrix([I + 2*h*J, -h*J], [I, 0]), J = ${matrixText(j)}`, tex: `M = ${MAP_DEFINITION[method]}, \\quad J = ${matrixToTex(j)}` };
  const spectralRadius: Rendered = cases
    ? spectralRadiusRendered(cases, method === 'alternating' ? ONE_RATE_NAMES : GENERAL)
    : { text: 'max(abs(mu))', tex: '\\rho(h) = \\max \\left|\\mu\\right|' };
  const b = analysis.bound;
  const bound: BoundRecord | undefined = b && (b.kind === 'numeric' || !b.roots
    ? { kind: 'numeric' as const, tex: `h^{*} \\approx ${b.atDefaults.toPrecision(6)}${numericAt}`, atDefaults: b.atDefaults }
    : {
        kind: 'closed-form' as const,
        text: b.roots.length === 1 ? toNerdamer(b.roots[0]!) : `min(${b.roots.map((r) => toNerdamer(r)).join(', ')})`,
        tex: boundTex(b.roots),
        atDefaults: b.atDefaults,
      });
  const scheduled = method === 'alternating';
  return {
    method,
    label: METHOD_LABELS[method],
    map,
    eigenvalues,
    spectralRadius: scheduled ? { ...spectralRadius, tex: forOneRate(spectralRadius.tex) } : spectralRadius,
    verdict: analysis.verdict,
    reason: analysis.reason,
    ...(bound ? { bound: scheduled ? { ...bound, tex: forOneRate(bound.tex) } : bound } : {}),
    ...(analysis.intervals ? { intervals: analysis.intervals.map((i) => ({ from: i.from, to: Number.isFinite(i.to) ? i.to : null })) } : {}),
  };
}

export const discreteRecords = (stage: Stage, methods: readonly MethodFacts[], numericAt = ''): MethodRecord[] =>
  stage.equilibrium.differentiable ? methods.map((m) => methodRecord(m, (stage.equilibrium as { jacobian: Matrix2 }).jacobian, numericAt)) : [];

/** With f abstract, a bound found numerically is found at f'(0) = 1 and f^(k)(0) = 0 above (derive.ts environmentOf): said in its TeX. */
export function numericAtOf(stage: Stage): string {
  if (!stage.equilibrium.differentiable) return '';
  const orders = new Set(stage.equilibrium.jacobian.flat().flatMap((e) => nodesOf(e).flatMap((n) => (n.kind === 'activation' ? [n.order] : []))));
  if (orders.size === 0) return '';
  return ` \\quad (f'(0) = 1${[...orders].some((k) => k >= 2) ? ',\\ f^{(k)}(0) = 0,\\ k \\ge 2' : ''})`;
}
