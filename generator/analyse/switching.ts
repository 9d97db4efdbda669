/**
 * The verdict on a switching line (WGAN-GP's and DRAGAN's |phi|): the Filippov picture
 * (filippov.ts), then the global answer -- the innermost periodic orbit around it by the
 * Poincare return map (poincare.ts), at the defaults and across the hyperparameter's range.
 */
import * as E from '../ir/expr.js';
import { nodesOf } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import type { Environment } from '../ir/evaluate.js';
import { evaluate } from '../ir/evaluate.js';
import type { Hyperparameter } from '../game.js';
import { toNerdamer } from '../cas/text.js';
import { filippovLine } from './filippov.js';
import type { FilippovLine, Variable } from './filippov.js';
import { innermostPeriodicOrbit } from './poincare.js';
import { numbersOf } from './point.js';
import { portablePower } from '../../runtime/portable.js';
import type { EquilibriumVerdict, OrbitRow } from './verdict.js';

const TABLE_SIZE = 5;

function describeBoundary(line: FilippovLine, env: Environment, at: string): string[] {
  return line.boundaryEquilibria.map((b) => {
    const [tr, det] = [evaluate(b.trace, env), evaluate(b.determinant, env)];
    const type = det < 0 ? 'saddle' : tr * tr >= 4 * det ? 'node' : 'focus';
    const stable = det > 0 && tr < 0 ? 'stable' : 'unstable';
    return `${toNerdamer(b.at)} (a zero of v${b.side > 0 ? '+' : '-'}: a ${stable} ${type} of that field ${at})`;
  });
}

/** Hyperparameter values across the range, log-spaced, the default included. */
function sweep(spec: Hyperparameter): number[] {
  const [lo, hi] = spec.range;
  const values = Array.from({ length: TABLE_SIZE }, (_, k) => Number((lo * portablePower(hi / lo, k / (TABLE_SIZE - 1))).toPrecision(3)));
  return [...new Set([...values, spec.default])].sort((a, b) => a - b);
}

export function analyseSwitchingLine(
  field: readonly [Expr, Expr],
  variable: Variable,
  env: Environment,
  hyperparameters: Readonly<Record<string, Hyperparameter>> | undefined,
): EquilibriumVerdict {
  const line = filippovLine(field, variable, env);
  const other = variable === 'phi' ? 'theta' : 'phi';
  const segments = line.segments.map((s) => `${s.from ? toNerdamer(s.from) : '-inf'} < ${other} < ${s.to ? toNerdamer(s.to) : 'inf'}: ${s.kind}`);
  const stuck = line.segments.filter((s) => s.kind !== 'crossing');
  const formulas: Record<string, Expr> = {
    plusTheta: line.plus[0], plusPhi: line.plus[1], minusTheta: line.minus[0], minusPhi: line.minus[1],
    normalPlus: line.normalPlus, normalMinus: line.normalMinus, slidingTangential: line.slidingTangential,
    ...(line.originWeight ? { originWeight: line.originWeight } : {}),
  };
  line.segments.forEach((s, k) => { if (s.to) formulas[`segmentEnd${k + 1}`] = s.to; });
  const pseudo = line.slidingTangential === E.ZERO && stuck.length
    ? `the sliding field's tangential component is 0 on the line, so every point of the ${stuck.map((s) => s.kind).join(' and ')} segment${stuck.length > 1 ? 's' : ''} (ends included) is a Filippov equilibrium (0 is in the convex hull of v+ and v-)`
    : `pseudo-equilibria: the zeros of the sliding field ${toNerdamer(line.slidingTangential)} on the non-crossing segments`;
  const stability = stuck.every((s) => s.kind === 'escaping') ? 'inside an escaping segment both one-sided fields point away from the line: those equilibria are unstable'
    : stuck.every((s) => s.kind === 'sliding') ? 'on a sliding segment both one-sided fields point towards the line: trajectories reach it and slide along it' : 'segments of both kinds';
  const boundary = describeBoundary(line, env, 'at the defaults');
  const parts = [
    `switching line ${variable} = 0 (the kink of |${variable}|); segments: ${segments.join('; ')}`,
    pseudo,
    stability,
    `(0, 0) ${line.originInHull ? 'is' : 'is not'} an equilibrium of the non-smooth system`,
    ...(nodesOf(field[1]).some((n) => n.kind === 'activation') ? ['(f abstract: the segments are ordered and classified with this game\'s f at the defaults)'] : []),
    ...(boundary.length ? [`segment ends where a one-sided field vanishes: ${boundary.join('; ')}`] : []),
  ];
  let orbits: OrbitRow[] | undefined;
  const numbers: Record<string, number> = numbersOf(formulas, env);
  if (hyperparameters) {
    const orbit = innermostPeriodicOrbit(line, env.symbols);
    if (orbit) {
      Object.assign(numbers, { orbitCrossing: orbit.crossing, orbitOpposite: orbit.opposite, orbitPeriod: orbit.period, orbitMultiplier: orbit.multiplier });
      parts.push(`the innermost periodic orbit around it (Poincare return map on ${variable} = 0, ${other} > ${toNerdamer(line.segments[line.segments.length - 1]!.from ?? E.ZERO)}): ${other} from ${orbit.opposite.toPrecision(6)} to ${orbit.crossing.toPrecision(6)}, period ${orbit.period.toPrecision(6)}, multiplier ${orbit.multiplier.toPrecision(4)} (${Math.abs(orbit.multiplier) < 1 ? 'attracting' : 'repelling'}) at the defaults`);
    } else parts.push('no periodic orbit found around it at the defaults');
    const names = Object.keys(hyperparameters);
    if (names.length === 1) {
      const name = names[0]!;
      let guess: number | undefined;
      orbits = sweep(hyperparameters[name]!).map((value) => {
        const symbols = { ...env.symbols, [name]: value };
        // The default's row is the orbit found above, not found again.
        const o = value === env.symbols[name] && orbit ? orbit : innermostPeriodicOrbit(line, symbols, guess);
        if (!o) return { parameter: name, value, none: `no return to the section: ${describeBoundary(line, { ...env, symbols }, `at ${name} = ${value}`).join('; ') || 'the orbits do not come back'}` };
        guess = o.crossing;
        return { parameter: name, value, crossing: o.crossing, opposite: o.opposite, period: o.period, multiplier: o.multiplier };
      });
    }
  }
  return {
    where: { kind: 'switching-line', variable, value: E.ZERO },
    verdict: 'filippov-equilibria',
    restsOn: hyperparameters ? ['factored solve', 'Filippov', 'Poincare map'] : ['factored solve', 'Filippov'],
    reason: `${parts.join('; ')}.`,
    formulas,
    numbers,
    ...(orbits ? { orbits } : {}),
  };
}
