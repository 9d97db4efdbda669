/**
 * The training methods at the equilibria other than (0, 0) that the nonlinear analysis finds
 * (analyse/, f substituted): at each isolated point, the one-rate verdict, bound and stable
 * intervals from J there (analyse.ts, as at the origin); along each line of equilibria, where J
 * varies with the line's coordinate s, the plane of (s, h): p's coefficients as polynomials in
 * both, whose roots at 1 (the line's own direction, which no step leaves) the readers set apart.
 * A switching line of a kink has no Jacobian: the methods cannot be linearised there; a field
 * over instance noise has none computed here.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { expand, expandWithin } from '../ir/expand.js';
import { dependsOn, nodesOf, substitute } from '../ir/traverse.js';
import { hasKink } from '../vocabulary/functions.js';
import type { Stage } from '../derive/derive.js';
import type { Matrix2 } from '../derive/field.js';
import type { NonlinearAnalysis } from '../analyse/verdict.js';
import type { MethodDefinition } from '../method.js';
import { hyperparameterDefaults } from '../method.js';
import type { ElsewhereRecord } from '../contract/records.js';
import { VARIANTS } from './context.js';
import { EXPANDED_TERMS } from './linearise.js';
import { analyseRules, jacobianSymbol, oneRatePolynomial } from './analyse.js';
import { ONE_RATE } from './one-rate.js';
import { bivariate } from './planes.js';
import { noisy } from '../specialise/dirac.js';

const isOrigin = (theta: Expr, phi: Expr): boolean => theta === E.ZERO && phi === E.ZERO;

export function rulesElsewhere(stage: Stage, analysis: NonlinearAnalysis, stageName: string, methods: readonly MethodDefinition[], env: Environment, gameFile: string): ElsewhereRecord[] {
  // A field over instance noise: the equilibria the analysis finds elsewhere are its integrand's,
  // the noise taken as a symbol, not the expectation's; J there holds the noise (no numbers).
  if (stage.field.some(noisy)) return [];
  const equilibria = analysis.stages.find((s) => s.stage === stageName)?.equilibria ?? [];
  const linear = methods.filter((m) => !m.notDifferentiable);
  const jacobianAt = (values: ReadonlyMap<string, Expr>): Matrix2 => stage.jacobian.map((row) => row.map((e) => substitute(e, values))) as unknown as Matrix2;
  return equilibria.flatMap((e): ElsewhereRecord[] => {
    const where = e.where;
    if (where.kind === 'point' && !isOrigin(where.theta, where.phi)) {
      const point = new Map([['theta', where.theta], ['phi', where.phi]]);
      // A kink of the field through the point (sign(phi) at phi = 0): no Jacobian, no update map.
      if (stage.jacobian.flat().some((entry) => nodesOf(entry).some((n) => n.kind === 'call' && hasKink(n.fn) && expand(substitute(n.arg, point)) === E.ZERO))) return [];
      const at = { theta: evaluate(where.theta, env), phi: evaluate(where.phi, env) };
      const rules = analyseRules(linear, jacobianAt(point), env, gameFile, { verdictsOnly: true });
      return [{
        at,
        rules: rules.map((r) => ({ method: r.method.id, variant: r.variant, verdict: r.oneRate.verdict, ...(r.oneRate.bound === undefined ? {} : { bound: r.oneRate.bound }), intervals: r.oneRate.intervals.map((i) => ({ from: i.from, to: Number.isFinite(i.to) ? i.to : null })) })),
      }];
    }
    // A straight line of equilibria (theta or phi constant); along a curve (theta = 1/phi) J varies
    // in both variables, which the planes (one variable against h) do not hold: not computed.
    if (where.kind === 'line' && !dependsOn(where.value, 'theta') && !dependsOn(where.value, 'phi')) {
      const along = where.variable === 'phi' ? 'theta' : 'phi';
      const j = jacobianAt(new Map([[where.variable, where.value]]));
      const entries = new Map(j.flatMap((row, i) => row.map((x, k) => [jacobianSymbol(i + 1, k + 1), x] as const)));
      const planes = linear.flatMap((method) => VARIANTS.flatMap((variant) => {
        const polynomial = oneRatePolynomial(method, variant).map((c) => expandWithin(substitute(c, entries), EXPANDED_TERMS));
        const tensor = polynomial.map((c) => bivariate(c, along, ONE_RATE, { ...env.symbols, ...hyperparameterDefaults(method) }));
        return tensor.every((t) => t !== undefined) ? [{ method: method.id, variant, plane: { x: along, y: ONE_RATE, coefficients: tensor as number[][][] } }] : [];
      }));
      return [{ line: { variable: where.variable, value: evaluate(where.value, env), along }, planes }];
    }
    return [];
  });
}
