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
import type { NonlinearAnalysis } from '../../analyse/verdict.js';
import { toTex } from '../../print/tex.js';
import { computation, hyperparameterLocals } from './blocks.js';
import { THETA_PHI, display, docs, exportedFunction, paramsParameter } from './context.js';
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

export function nonlinearExports(context: Context, analysis: NonlinearAnalysis | undefined): Statement[] {
  const stage = analysis?.stages.find((s) => s.stage === (context.abstract ? 'generic' : 'concrete')) ?? analysis?.stages.at(-1);
  const origin = stage?.equilibria.find(isOrigin);
  if (!origin) return [];
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
