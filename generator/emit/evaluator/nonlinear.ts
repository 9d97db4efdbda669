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
  const orbit = n['orbitPeriod'] !== undefined ? [`periodicOrbit: { crossing: ${n['orbitCrossing']}, opposite: ${n['orbitOpposite']}, period: ${n['orbitPeriod']}, multiplier: ${n['orbitMultiplier']} }`] : [];
  return `{ where: { ${place.join(', ')} }, verdict: '${e.verdict}', restsOn: [${e.restsOn.map((a) => `'${a}'`).join(', ')}]${orbit.length ? `, ${orbit[0]}` : ''} }`;
}

/** Every equilibrium the analysis found, as one exported table: also those away from (0, 0), lines of them and switching lines. */
function equilibriaExport(context: Context, stage: StageAnalysis): Statement {
  const lines = stage.equilibria.map((e) => `- ${e.verdict} (${e.restsOn.join(', ')}): ${e.reason.replaceAll('*/', '* /')}`);
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: docs(context, `Every equilibrium, or set of them, the analysis beyond the linearisation found (generator/analyse/; ${context.abstract ? 'f abstract' : 'f substituted'}), numbers at the default hyperparameters where the analysis has them (the expression's text where it is symbolic): where it is (a point; a line or a switching line variable = value; where an abstract factor vanishes), its verdict and the analyses it rests on, and the periodic orbit around a switching line (crossing and opposite: where it meets the line, its period and its Floquet multiplier):`, lines.join('\n')),
    declarations: [{ name: 'flowEquilibria', initializer: `[\n${stage.equilibria.map((e) => `${equilibriumData(e)},`).join('\n')}\n] as const` }],
  };
}

export function nonlinearExports(context: Context, analysis: NonlinearAnalysis | undefined): Statement[] {
  const stage = analysis?.stages.find((s) => s.stage === (context.abstract ? 'generic' : 'concrete')) ?? analysis?.stages.at(-1);
  if (!stage) return [];
  const all = stage.equilibria.length ? [equilibriaExport(context, stage)] : [];
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
