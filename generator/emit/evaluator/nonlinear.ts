/**
 * What the nonlinear analysis (generator/analyse/) says of the flow at the equilibrium
 * (0, 0), as documented exports of the game module: `flowVerdict` (the verdict, the analyses
 * it rests on, the reason), and the formulas a reader evaluates: the conserved quantity of an
 * exact centre, the Lyapunov function of a weakly attracting one, its first Lyapunov
 * coefficient and the constant C of its rate law H(t)^m t -> C.
 */
import { StructureKind, VariableDeclarationKind } from '../ts-morph.js';
import * as E from '../../ir/expr.js';
import { dependsOn, symbolsOf } from '../../ir/traverse.js';
import type { Expr } from '../../ir/expr.js';
import type { EquilibriumVerdict, NonlinearAnalysis, StageAnalysis } from '../../analyse/verdict.js';
import { evaluate } from '../../ir/evaluate.js';
import { toNerdamer } from '../../cas/text.js';
import { toTex } from '../../print/tex.js';
import { computation, hyperparameterLocals } from './blocks.js';
import { THETA_PHI, display, docs, exportedFunction, paramsParameter, quote } from './context.js';
import type { Context, Statement } from './context.js';

/** The formulas exported, by the analysis' name: the export's name and what it is. */
const EXPORTED: readonly (readonly [string, string, string])[] = [
  ['conservedQuantity', 'conservedQuantity', 'The quantity the flow conserves (dH/dt = 0 identically): every orbit near the equilibrium is closed'],
  ['quadraticForm', 'lyapunovFunction', 'The Lyapunov function H of the flow near the equilibrium: its derivative along the flow is sign-definite'],
  ['firstLyapunovCoefficient', 'firstLyapunovCoefficient', 'The first Lyapunov coefficient a of the Hopf normal form at the equilibrium, dr/dt = a r^3 + O(r^5) (Guckenheimer and Holmes 1983, section 3.4)'],
  ['rateConstant', 'rateConstant', 'The constant C of the rate law H(t)^m t -> C as t -> infinity of the algebraic convergence (m the order of the first non-zero Lyapunov coefficient)'],
];

/** rateConstant's description where the orbits grow: the law holds backwards in time. */
const REPELLING_RATE = 'The constant C of the rate law H(t)^m |t| -> C as t -> -infinity: the orbits grow, and forwards H(t)^-m = H(0)^-m - t/C to leading order (m the order of the first non-zero Lyapunov coefficient)';

const isOrigin = (e: { readonly where: { readonly kind: string; readonly theta?: Expr; readonly phi?: Expr } }): boolean =>
  e.where.kind === 'point' && e.where.theta === E.ZERO && e.where.phi === E.ZERO;

/** A number of the analysis (at the default hyperparameters) as the module prints it, or the expression's text where it has none (f abstract). */
function valueOf(e: Expr): number | string {
  try {
    const value = evaluate(e, { symbols: {} });
    if (Number.isFinite(value)) return value;
  } catch {
    // Symbols or f: the text instead.
  }
  return toNerdamer(e);
}

/** One equilibrium (or set of them) as plain data: where, the verdict, what it rests on, and a periodic orbit around a switching line. */
function equilibriumData(e: EquilibriumVerdict): string {
  const where = e.where;
  const field = (name: string, value: number | string): string => `${name}: ${typeof value === 'number' ? String(value) : quote(value)}`;
  const place = where.kind === 'point'
    ? [`kind: 'point'`, field('theta', e.numbers['theta'] ?? valueOf(where.theta)), field('phi', e.numbers['phi'] ?? valueOf(where.phi))]
    : where.kind === 'conditional'
      ? [`kind: 'conditional'`, field('zeroOf', toNerdamer(where.factor))]
      : [`kind: '${where.kind}'`, `variable: '${where.variable}'`, field('value', valueOf(where.value))];
  const n = e.numbers;
  const parameter = e.orbits?.[0]?.parameter;
  const end = parameter && n['orbitEnd'] !== undefined ? `, familyEndsAt: { ${parameter}: ${n['orbitEnd']} }` : '';
  const orbit = n['orbitPeriod'] !== undefined ? [`periodicOrbit: { crossing: ${n['orbitCrossing']}, opposite: ${n['orbitOpposite']}, period: ${n['orbitPeriod']}, multiplier: ${n['orbitMultiplier']}${end} }`] : [];
  return `{ where: { ${place.join(', ')} }, verdict: '${e.verdict}', restsOn: [${e.restsOn.map((a) => `'${a}'`).join(', ')}]${orbit.length ? `, ${orbit[0]}` : ''} }`;
}

/** Every equilibrium the analysis found, as one exported table: also those away from (0, 0), lines of them and switching lines. */
function equilibriaExport(context: Context, stage: StageAnalysis): Statement {
  const lines = stage.equilibria.map((e) => `- ${e.verdict} (${e.restsOn.join(', ')}): ${e.reason.replaceAll('*/', '* /')}`);
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: docs(context, `Every equilibrium, or set of them, the analysis beyond the linearisation found (generator/analyse/; ${context.abstract ? 'f abstract' : 'f substituted'}), numbers at the default hyperparameters where the analysis has them (the expression's text where it is symbolic): where it is (a point; a line or a switching line variable = value; where an abstract factor vanishes), its verdict and the analyses it rests on, and the periodic orbit around a switching line (crossing and opposite: where it meets the line, its period and its Floquet multiplier; familyEndsAt: the hyperparameter's value where the family of these orbits, followed from the defaults, ends):`, lines.join('\n')),
    declarations: [{ name: 'flowEquilibria', initializer: `[\n${stage.equilibria.map((e) => `${equilibriumData(e)},`).join('\n')}\n] as const` }],
  };
}

/**
 * The periodic orbit around a switching line where the analysis has it in closed form
 * (analyse/affine-orbit.ts), as a function of the hyperparameters: undefined where it does
 * not exist (a one-sided equilibrium is not a focus, or the orbit would not cross the line
 * outside the segment of equilibria).
 */
function periodicOrbitExport(context: Context, e: EquilibriumVerdict): Statement | undefined {
  const f = e.formulas;
  const ends = Object.keys(f).filter((k) => k.startsWith('segmentEnd')).sort().map((k) => f[k]!);
  const conditions = Object.keys(f).filter((k) => k.startsWith('focusCondition')).map((k) => f[k]!);
  const orbit = [f['orbitEnters'], f['orbitReturns'], f['orbitPeriod'], f['orbitMultiplier']];
  if (orbit.some((x) => x === undefined) || !conditions.length || !ends.length) return undefined;
  const all = [...conditions, ...orbit as Expr[], ends[0]!, ends[ends.length - 1]!];
  const inScope = new Set(['pi', 'e', ...context.hyperparameters]);
  if (all.some((x) => [...symbolsOf(x)].some((s) => !inScope.has(s)))) return undefined;
  const { lines, outputs } = computation(context, all);
  const [enters, returns, period, multiplier, first, last] = outputs.slice(conditions.length);
  const parameter = e.orbits?.[0]?.parameter;
  const end = parameter && e.formulas['orbitEnd'] ? ` The family of orbits ends at ${parameter} = ${toNerdamer(e.formulas['orbitEnd'])}.` : '';
  return exportedFunction({
    name: 'periodicOrbit',
    docs: docs(
      context,
      `The periodic orbit around the switching line, in closed form (each one-sided field is affine with its equilibrium on the line, a focus; generator/analyse/affine-orbit.ts): where it crosses the line (crossing: its largest theta, opposite: its smallest; s below, where it enters phi > 0), its period and its multiplier (below 1: it attracts); undefined where there is none, that is unless ${conditions.map((c) => `${toNerdamer(c)} > 0`).join(' and ')} and the orbit crosses the line outside the segment of equilibria.${end}`,
      display(`T = ${toTex(f['orbitPeriod']!)}, \\quad m = ${toTex(f['orbitMultiplier']!)}`),
      display(`s = ${toTex(f['orbitEnters']!)}`),
    ),
    parameters: [paramsParameter(context)],
    returnType: '{ crossing: number; opposite: number; period: number; multiplier: number } | undefined',
    statements: [
      ...hyperparameterLocals(context, all),
      ...lines,
      `if (!(${outputs.slice(0, conditions.length).map((c) => `${c} > 0`).join(' && ')})) return undefined;`,
      // Turning either way: entering phi > 0 beyond the segment's upper end and back below its lower end, or the mirror image.
      `if (!((${enters} > ${last} && ${returns} < ${first}) || (${enters} < ${first} && ${returns} > ${last}))) return undefined;`,
      `return { crossing: Math.max(${enters}, ${returns}), opposite: Math.min(${enters}, ${returns}), period: ${period}, multiplier: ${multiplier} };`,
    ],
  });
}

export function nonlinearExports(context: Context, analysis: NonlinearAnalysis | undefined): Statement[] {
  const stage = analysis?.stages.find((s) => s.stage === (context.abstract ? 'generic' : 'concrete')) ?? analysis?.stages.at(-1);
  if (!stage) return [];
  const orbits = stage.equilibria.flatMap((e) => periodicOrbitExport(context, e) ?? []).slice(0, 1);
  const all = [...(stage.equilibria.length ? [equilibriaExport(context, stage)] : []), ...orbits];
  const origin = stage.equilibria.find(isOrigin);
  if (!origin) return all;
  const formulas = EXPORTED.flatMap(([key, name, what]): Statement[] => {
    const formula = origin.formulas[key];
    const inScope = new Set(['theta', 'phi', ...context.hyperparameters]);
    if (!formula || [...symbolsOf(formula)].some((s) => !inScope.has(s))) return [];
    const { lines, outputs } = computation(context, [formula]);
    const ofPoint = dependsOn(formula, 'theta') || dependsOn(formula, 'phi');
    return [exportedFunction({
      name,
      docs: docs(context, `${name === 'rateConstant' && origin.verdict === 'weakly-repelling' ? REPELLING_RATE : what}:`, display(`${ofPoint ? 'H(\\theta, \\phi)' : name === 'rateConstant' ? 'C' : 'a'} = ${toTex(formula)}`)),
      parameters: [...(ofPoint ? THETA_PHI : []), paramsParameter(context)],
      returnType: 'number',
      statements: [...hyperparameterLocals(context, [formula]), ...lines, `return ${outputs[0]};`],
    })];
  });
  return [
    ...all,
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      isExported: true,
      docs: docs(context, `What the flow does at the equilibrium (0, 0), beyond the linearisation (generator/analyse/): ${origin.reason.replaceAll('*/', '* /')}.`),
      declarations: [{ name: 'flowVerdict', initializer: `{ verdict: '${origin.verdict}', restsOn: [${origin.restsOn.map((a) => `'${a}'`).join(', ')}] } as const` }],
    },
    ...formulas,
  ];
}
