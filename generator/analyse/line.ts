/**
 * A line of equilibria x = 0 (x = phi or theta; LSGAN: phi = 0). Along it the Jacobian has
 * the eigenvalue 0 (along the line) and the transversal one dv_x/dx, a function of the other
 * variable y. Where that is < 0 the line attracts, and each trajectory ends at a point of it.
 *
 * Both components vanish on the line, so x divides the field: w = v / x is smooth and has
 * the same orbits (reversed where x < 0). Where w(point) != 0 the flow-box theorem applies:
 * near the point the orbits of w are arcs that cross the line, and the trajectory of v from
 * a start follows its arc to where it meets the line. The end point depends continuously on
 * the start, so every point of the line is Lyapunov stable, and none is asymptotically stable.
 * Leading order, with w_y = c != 0 at the point and w_x = a y^k + ... on the line:
 *   dx/dy = a y^k / c  ->  y_end^(k+1) = y0^(k+1) - c (k+1) x0 / a.
 */
import * as E from '../ir/expr.js';
import { substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { expand } from '../ir/expand.js';
import type { Environment } from '../ir/evaluate.js';
import { differentiate } from '../cas/differentiate.js';
import { toNerdamer } from '../cas/text.js';
import { definiteSign } from './centre.js';
import type { Context } from './equilibria.js';
import { compileField, integrateUntil } from './numeric.js';
import { numbersOf } from './point.js';
import { seriesOf } from './series.js';
import type { EquilibriumVerdict } from './verdict.js';

type Variable = 'theta' | 'phi';
const START_POINTS: readonly (readonly [number, number])[] = [[1, 1], [1, -1], [-1, 1], [0.5, 0.2], [0.1, 0.1], [0.01, 0.01]];

export function analyseLine(field: readonly [Expr, Expr], variable: Variable, context: Context, env: Environment | undefined, symbols: Readonly<Record<string, number>> | undefined): EquilibriumVerdict[] {
  const other: Variable = variable === 'phi' ? 'theta' : 'phi';
  const [x, y] = [E.sym(variable), E.sym(other)];
  const index = variable === 'theta' ? 0 : 1;
  const onLine = new Map([[variable, E.ZERO]]);
  const transversal = expand(substitute(differentiate(field[index], variable), onLine));
  const distance = expand(E.mul(E.num(2), x, field[index]));
  const transversalSign = definiteSign(transversal, context);
  const distanceSign = definiteSign(distance, context);
  const formulas = { transversalEigenvalue: transversal, derivativeOfSquaredDistance: distance };
  const where = { kind: 'line', variable, value: E.ZERO } as const;
  if (!transversalSign || transversalSign.sign !== 'nonpositive') {
    return [{ where, verdict: 'undecided', restsOn: ['factored solve', 'linearisation'], reason: `a line of equilibria ${variable} = 0 whose transversal eigenvalue ${toNerdamer(transversal)} has no proven sign`, formulas, numbers: {} }];
  }
  const monotone = distanceSign?.sign === 'nonpositive' ? ` |${variable}| never increases: d(${variable}^2)/dt = ${toNerdamer(distance)} <= 0.` : '';
  const verdicts: EquilibriumVerdict[] = [{
    where,
    verdict: 'line-of-equilibria',
    restsOn: distanceSign ? ['factored solve', 'linearisation', 'Lyapunov function'] : ['factored solve', 'linearisation'],
    reason: `every point of ${variable} = 0 is an equilibrium (v = 0 there); the Jacobian there has eigenvalues 0 (along the line) and ${toNerdamer(transversal)} <= 0, which is 0 only where ${transversalSign.zeroLines.join(', ')} = 0: the line attracts the trajectories near it, and each ends at a point of it (none is asymptotically stable).${monotone}`,
    formulas,
    numbers: {},
  }];
  if (!transversalSign.zeroLines.includes(other)) return verdicts;
  // The point of the line where the transversal eigenvalue vanishes as well: both eigenvalues 0.
  const reduced = [expand(E.div(field[0], x)), expand(E.div(field[1], x))] as const;
  const point = { theta: E.ZERO, phi: E.ZERO };
  const along = substitute(substitute(reduced[1 - index]!, onLine), new Map([[other, E.ZERO]]));
  const normalOnLine = seriesOf(substitute(reduced[index]!, onLine), point, 6, context.positive);
  const alongLine = normalOnLine.map((row, i) => (other === 'theta' ? row[0]! : normalOnLine[0]![i]!));
  const k = alongLine.findIndex((c) => c !== E.ZERO);
  const a = alongLine[k];
  if (along === E.ZERO || !a) {
    return [...verdicts, { where: { kind: 'point', ...point }, verdict: 'undecided', restsOn: ['factored solve'], reason: `both eigenvalues are 0 here and the reduced field v/${variable} gives no flow box`, formulas: { reducedTheta: reduced[0], reducedPhi: reduced[1] }, numbers: {} }];
  }
  const endPointPower = expand(E.sub(E.pow(y, E.num(k + 1)), E.mul(E.div(E.mul(along, E.num(k + 1)), a), x)));
  const pointFormulas = { reducedTheta: reduced[0], reducedPhi: reduced[1], endPointPower };
  const endPoints = symbols ? endPointTable(reduced, index, symbols) : undefined;
  verdicts.push({
    where: { kind: 'point', ...point },
    verdict: 'lyapunov-stable',
    restsOn: ['factored solve', 'flow box'],
    reason: `both eigenvalues are 0 here, but ${variable} divides the field: v = ${variable} * w with w = (${toNerdamer(reduced[0])}, ${toNerdamer(reduced[1])}) != 0 here, so near it every orbit is an arc of w that ends on the line, at a point that depends continuously on the start: Lyapunov stable, not asymptotically stable. To leading order the end point is ${other}_end^${k + 1} = ${toNerdamer(endPointPower)} at the start (no closed form found for the exact one; computed end points are listed)`,
    formulas: pointFormulas,
    numbers: env ? numbersOf(pointFormulas, env) : {},
    ...(endPoints ? { endPoints } : {}),
  });
  return verdicts;
}

/** Where trajectories end: the orbit of sign(x0) w from the start, up to the line. */
function endPointTable(reduced: readonly [Expr, Expr], index: number, symbols: Readonly<Record<string, number>>): { start: readonly [number, number]; end: readonly [number, number] }[] {
  const w = compileField(reduced, symbols);
  return START_POINTS.flatMap((start) => {
    const direction = Math.sign(start[index]!);
    const hit = integrateUntil((t, p) => { const [a, b] = w(t, p); return [direction * a, direction * b]; }, start, index as 0 | 1, 100);
    return hit.hit ? [{ start, end: [hit.theta, hit.phi] as const }] : [];
  });
}
