/**
 * Stage 3c: what the dynamics do where the linearisation is silent, at every equilibrium,
 * found rather than assumed. For each stage of a derivation (f abstract; f substituted):
 * the zero set of the field (equilibria.ts; the certified interval count when the closed
 * form leaves a factor unsolved and f is concrete), then a verdict for each isolated point
 * (point.ts), line of equilibria (line.ts), switching line (switching.ts) and conditional
 * set (f abstract). Pure: no file system; the numbers use the default hyperparameters.
 */
import * as E from '../ir/expr.js';
import { dependsOn, nodesOf, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import type { Derivation, Stage } from '../derive/derive.js';
import { EPSILON } from '../specialise/dirac.js';
import { toNerdamer } from '../cas/text.js';
import { toTex } from '../print/tex.js';
import { equilibria } from './equilibria.js';
import type { Context, ZeroSet } from './equilibria.js';
import { countZeros } from './interval.js';
import { analyseLine } from './line.js';
import { analysePoint } from './point.js';
import { KinkAtPoint } from './series.js';
import { analyseSwitchingLine } from './switching.js';
import type { Analysis, EquilibriumVerdict, NonlinearAnalysis, StageAnalysis, Where } from './verdict.js';
import { conditionalFactor } from '../contract/records.js';
import type { Rendered } from '../contract/records.js';

/** Where the certified count looks when the closed form is incomplete. */
const SEARCH_BOX = [[-5, 5], [-5, 5]] as const;

function environments(derivation: Derivation): { symbols: Record<string, number>; withActivation?: Environment } {
  const game = derivation.game;
  const symbols = Object.fromEntries(game.hyperparameters.map((name) => [name, game.definition.hyperparameters[name]!.default]));
  const derivatives = derivation.activationDerivatives;
  if (game.activationKind === 'none') return { symbols, withActivation: { symbols } };
  if (!derivatives) return { symbols };
  return { symbols, withActivation: { symbols, activation: (order, x) => evaluate(derivatives[order]!, { symbols: { ...symbols, t: x } }) } };
}

const dependsOnActivation = (e: Expr): boolean => nodesOf(e).some((n) => n.kind === 'activation');

function analyseStage(derivation: Derivation, stage: Stage, name: 'generic' | 'concrete'): StageAnalysis {
  const game = derivation.game;
  const context: Context = { positive: new Set(game.positive), ...(game.noise ? { noise: { symbol: EPSILON.name, sigma: game.noise } } : {}) };
  const { symbols, withActivation } = environments(derivation);
  const field = stage.field;
  const concrete = !field.some(dependsOnActivation);
  const env = withActivation ?? { symbols };
  // v_theta's factors first; where that leaves one unsolved, v_phi's first: a pull of the
  // generator makes v_theta = gamma (1 - theta) - phi f'(phi theta), which no factor solves,
  // while v_phi = theta f'(phi theta) gives theta = 0 and then phi = gamma / f'(0).
  const direct = equilibria(field, context);
  const swapped = direct.unsolved.length ? equilibria([field[1], field[0]], context) : undefined;
  const found = swapped && swapped.unsolved.length === 0 ? swapped : direct;
  const verdicts: EquilibriumVerdict[] = [];
  const prefixed = (restsOn: readonly Analysis[], first: Analysis): Analysis[] => [first, ...restsOn.filter((a) => a !== first)];
  for (const set of found.sets) {
    // An expression of the analysis undefined at a point (a division by zero the field's own
    // formulas do not show) leaves that set undecided rather than stopping the generator; so does
    // another kink of the field met on a switching line (a kinked f's step(phi*theta) on phi = 0),
    // where the one-sided fields have no Taylor series.
    try {
      analyseSet(set);
    } catch (error) {
      const undecided = (reason: string): void => {
        verdicts.push({ where: whereOf(set), verdict: 'undecided', restsOn: ['factored solve'], reason, formulas: {}, numbers: {} });
      };
      if (error instanceof KinkAtPoint) undecided(`another kink of the field (${toNerdamer(error.call)}) meets it, where ${set.kind === 'switching-line' ? 'the one-sided fields are' : 'the field is'} not differentiable: nothing is claimed of the flow there`);
      else if (error instanceof RangeError) undecided(`its analysis met an undefined expression (${error.message}): nothing is claimed beyond the linearisation`);
      else throw error;
    }
  }
  function analyseSet(set: (typeof found.sets)[number]): void {
    switch (set.kind) {
      case 'point': {
        const at = new Map([['theta', set.theta], ['phi', set.phi]]);
        const v = pointVerdict(field, at, context, withActivation, 'factored solve');
        verdicts.push({ where: set, ...v, restsOn: prefixed(v.restsOn, 'factored solve') });
        break;
      }
      case 'line':
        // The line analysis (line.ts) and the Filippov one take the set to be variable = 0.
        if (set.value !== E.ZERO) {
          verdicts.push({ where: set, verdict: 'undecided', restsOn: ['factored solve'], reason: `a curve of equilibria off the axes (${set.variable} = ${toNerdamer(set.value)}): not analysed further`, formulas: {}, numbers: {} });
          break;
        }
        verdicts.push(...analyseLine(field, set.variable, context, withActivation, concrete ? symbols : undefined));
        break;
      case 'switching-line': {
        const where = whereOf(set);
        if (set.value !== E.ZERO) {
          verdicts.push({ where, verdict: 'undecided', restsOn: ['factored solve'], reason: `a switching line off the axes (${set.variable} = ${toNerdamer(set.value)}): not analysed further`, formulas: {}, numbers: {} });
          break;
        }
        // The one-sided fields are evaluated at points along the line: an expectation over the
        // noise is not (the generated module computes one by quadrature; the analysis has none).
        if (context.noise && field.some((e) => dependsOn(e, context.noise!.symbol))) {
          verdicts.push({ where, verdict: 'undecided', restsOn: ['factored solve'], reason: 'a switching line of a field that is an expectation over the instance noise: its one-sided fields are not evaluated, and nothing is claimed of the flow there', formulas: {}, numbers: {} });
          break;
        }
        verdicts.push(withActivation
          ? analyseSwitchingLine(field, set.variable, env, concrete ? game.definition.hyperparameters : undefined)
          : { where, verdict: 'undecided', restsOn: ['factored solve'], reason: 'a switching line; with f abstract the segments are not ordered', formulas: {}, numbers: {} });
        break;
      }
      case 'conditional': {
        const rendered = (e: Expr): Rendered => ({ text: toNerdamer(e), tex: toTex(e) });
        const factor = conditionalFactor({ kind: 'conditional', factor: rendered(set.factor), ...(set.meanOver ? { meanOver: rendered(set.meanOver) } : {}) }).text;
        verdicts.push({ where: set, verdict: 'conditional', restsOn: ['factored solve'], reason: `a component of the field vanishes wherever ${factor} = 0, so equilibria other than those listed can only be there, where the other must vanish too: none for an activation whose derivative of that order has no zero (the concrete stage decides for its f)`, formulas: {}, numbers: {} });
        break;
      }
    }
  }
  if (found.unsolved.length === 0 || !concrete || context.noise) {
    if (found.unsolved.length) verdicts.push(...originIfEquilibrium(field, context, withActivation, verdicts));
    return { stage: name, search: { method: 'closed form', unsolved: found.unsolved }, equilibria: verdicts };
  }
  const count = countZeros(field, stage.jacobian, SEARCH_BOX, symbols);
  for (const [x, y] of count.zeros) {
    const exact = exactPoint(field, x, y);
    if (!exact) {
      verdicts.push(numericPoint(stage, x, y, symbols));
      continue;
    }
    const at = new Map([['theta', exact[0]], ['phi', exact[1]]]);
    const v = pointVerdict(field, at, context, withActivation, 'interval count');
    verdicts.push({ where: { kind: 'point', theta: exact[0], phi: exact[1] }, ...v, restsOn: prefixed(v.restsOn, 'interval count') });
  }
  // Zeros the count could not certify (a curve of them, say): the origin is still analysed.
  if (count.uncertified) verdicts.push(...originIfEquilibrium(field, context, withActivation, verdicts));
  return { stage: name, search: { method: 'interval count', box: SEARCH_BOX, certified: count.zeros.length, uncertified: count.uncertified }, equilibria: verdicts };
}

/** A certified numeric zero as an exact point, when rounding it to a short decimal gives
 * one (checked symbolically); undefined when it stays a number. */
function exactPoint(field: readonly [Expr, Expr], x: number, y: number): [Expr, Expr] | undefined {
  const round = (v: number): Expr => (Math.abs(v) < 1e-9 ? E.ZERO : E.num(Number(v.toPrecision(6))));
  const [tx, ty] = [round(x), round(y)];
  const at = new Map([['theta', tx], ['phi', ty]]);
  return field.every((v) => expand(substitute(v, at)) === E.ZERO) ? [tx, ty] : undefined;
}

/** A zero known only as numbers: the Jacobian there, numerically; hyperbolic or undecided. */
function numericPoint(stage: Stage, x: number, y: number, symbols: Record<string, number>): EquilibriumVerdict {
  const [a, b, c, d] = stage.jacobian.flat().map((e) => evaluate(e, { symbols: { ...symbols, theta: x, phi: y } })) as [number, number, number, number];
  const [trace, determinant] = [a + d, a * d - b * c];
  const scale = Math.abs(a) + Math.abs(b) + Math.abs(c) + Math.abs(d);
  const where = { kind: 'point', theta: E.num(Number(x.toPrecision(15))), phi: E.num(Number(y.toPrecision(15))) } as const;
  const numbers = { theta: x, phi: y, trace, determinant };
  const base = { where, restsOn: ['interval count', 'linearisation'] as Analysis[], formulas: {}, numbers };
  const at = `at the certified zero (${x.toPrecision(8)}, ${y.toPrecision(8)}), at the defaults`;
  if (determinant < -1e-9 * scale * scale) return { ...base, verdict: 'unstable', reason: `${at}: determinant ${determinant.toPrecision(4)} < 0, a saddle` };
  if (determinant > 1e-9 * scale * scale && Math.abs(trace) > 1e-9 * scale) {
    return trace < 0
      ? { ...base, verdict: 'asymptotically-stable', reason: `${at}: trace ${trace.toPrecision(4)} < 0, determinant ${determinant.toPrecision(4)} > 0` }
      : { ...base, verdict: 'unstable', reason: `${at}: trace ${trace.toPrecision(4)} > 0, determinant ${determinant.toPrecision(4)} > 0` };
  }
  return { ...base, verdict: 'undecided', reason: `${at}: trace ${trace.toPrecision(4)}, determinant ${determinant.toPrecision(4)} too close to 0 to decide numerically` };
}

/** A zero set as a verdict names it (a switching line without its kink). */
function whereOf(set: ZeroSet): Where {
  return set.kind === 'switching-line' ? { kind: set.kind, variable: set.variable, value: set.value } : set;
}

/** The analysis at an isolated equilibrium; where a kink of the field passes through it (sign(phi)
 * at phi = 0) there is no Taylor series and no linearisation, and where the series meets an
 * undefined expression (x^4 log(x^2), whose fourth derivative has log(0)) none either: undecided,
 * and said why. */
function pointVerdict(field: readonly [Expr, Expr], at: ReadonlyMap<string, Expr>, context: Context, env: Environment | undefined, foundBy: Analysis): Omit<EquilibriumVerdict, 'where'> {
  try {
    return analysePoint(field, at, context, env);
  } catch (error) {
    const undecided = (reason: string): Omit<EquilibriumVerdict, 'where'> => ({ verdict: 'undecided', restsOn: [foundBy], reason, formulas: {}, numbers: {} });
    if (error instanceof KinkAtPoint) return undecided(`the field has a kink through it (${toNerdamer(error.call)}): it is not differentiable there, and nothing is claimed of the flow there`);
    if (error instanceof RangeError) return undecided(`its analysis met an undefined expression (${error.message}): nothing is claimed beyond the linearisation`);
    throw error;
  }
}

/** With f abstract and a factor unsolved, the origin is still checked and analysed. */
function originIfEquilibrium(field: readonly [Expr, Expr], context: Context, env: Environment | undefined, known: readonly EquilibriumVerdict[]): EquilibriumVerdict[] {
  const at = new Map([['theta', E.ZERO], ['phi', E.ZERO]]);
  if (known.some((v) => v.where.kind === 'point' && v.where.theta === E.ZERO && v.where.phi === E.ZERO)) return [];
  if (!field.every((v) => expand(substitute(v, at)) === E.ZERO)) return [];
  const v = pointVerdict(field, at, context, env, 'factored solve');
  return [{ where: { kind: 'point', theta: E.ZERO, phi: E.ZERO }, ...v, reason: `${v.reason} (the origin is an equilibrium; the closed form leaves part of the zero set unsolved)` }];
}

export function analyseNonlinear(derivation: Derivation): NonlinearAnalysis {
  const stages = [analyseStage(derivation, derivation.generic, 'generic')];
  if (derivation.concrete && derivation.concrete !== derivation.generic) stages.push(analyseStage(derivation, derivation.concrete, 'concrete'));
  const clips = derivation.game.constraints;
  if (clips.length === 0) return { id: derivation.game.definition.id, stages };
  // Clipping projects training steps; the flow analysed here is the unclipped field.
  const note = ` (the clip of ${clips.map((c) => `${c.parameter} to [-${toNerdamer(c.bound)}, ${toNerdamer(c.bound)}]`).join(', ')} acts on training steps, not on this flow)`;
  return { id: derivation.game.definition.id, stages: stages.map((s) => ({ ...s, equilibria: s.equilibria.map((v) => ({ ...v, reason: v.reason + note })) })) };
}

/** The analysis as a record holds it (generated/<id>.json, `nonlinear`). */
export type NonlinearRecord = Serialised<NonlinearAnalysis>;

type Serialised<T> = T extends Expr ? { text: string; tex: string }
  : T extends readonly (infer U)[] ? Serialised<U>[]
  : T extends object ? { [K in keyof T]: Serialised<T[K]> } : T;

const isExpr = (v: unknown): v is Expr => typeof v === 'object' && v !== null && 'kind' in v && 'key' in v;

/** The analysis as plain JSON: every formula as nerdamer text and TeX. */
export function serialiseNonlinear(analysis: NonlinearAnalysis): Serialised<NonlinearAnalysis> {
  const walk = (v: unknown): unknown => {
    if (isExpr(v)) return { text: toNerdamer(v), tex: toTex(v) };
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(analysis) as Serialised<NonlinearAnalysis>;
}
