/**
 * The verdict on a switching line (WGAN-GP's and DRAGAN's |phi|): the Filippov picture
 * (filippov.ts), then the global answer -- the innermost periodic orbit around it by the
 * Poincare return map (poincare.ts), at the defaults and across the hyperparameter's range.
 */
import * as E from '../ir/expr.js';
import { nodesOf, substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import type { Environment } from '../ir/evaluate.js';
import { evaluate } from '../ir/evaluate.js';
import type { Hyperparameter } from '../game.js';
import { toNerdamer } from '../cas/text.js';
import { filippovLine } from './filippov.js';
import type { FilippovLine, Variable } from './filippov.js';
import { innermostPeriodicOrbit, orbitFamilyEnd } from './poincare.js';
import { edgeBetween } from './numeric.js';
import type { PeriodicOrbit } from './poincare.js';
import { affineOrbit } from './affine-orbit.js';
import type { AffineOrbit } from './affine-orbit.js';
import { coefficients, nonZeroRoots } from '../ir/polynomial.js';
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

/** Whether orbits enter phi > 0 at large negative theta rather than at large positive theta. */
function turnsTheOtherWay(line: FilippovLine, env: Environment): boolean {
  const upwards = (theta: number): boolean => evaluate(line.normalPlus, { ...env, symbols: { ...env.symbols, theta } }) > 0;
  return !upwards(1e6) && upwards(-1e6);
}

/** The field seen in the mirror theta -> -theta: (-v_theta, v_phi) at (-theta, phi). */
function mirrorImage(field: readonly [Expr, Expr]): [Expr, Expr] {
  const flip = new Map([['theta', E.neg(E.sym('theta'))]]);
  return [E.neg(substitute(field[0], flip)), substitute(field[1], flip)];
}

/** The closed-form orbit's numbers, where it exists: both equilibria foci, and crossing the line
 * outside the segment, turning either way (the start s, where the orbit enters phi > 0, beyond
 * the segment's upper end and its return below the lower one, or the mirror image). */
function closedOrbitAt(closed: AffineOrbit, line: FilippovLine, env: Environment): PeriodicOrbit | undefined {
  if (closed.focusConditions.some((c) => !(evaluate(c, env) > 0))) return undefined;
  const [start, back, period, multiplier] = [closed.enters, closed.returns, closed.period, closed.multiplier].map((e) => evaluate(e, env)) as [number, number, number, number];
  const [first, last] = [line.segments[0]!, line.segments[line.segments.length - 1]!];
  // Beyond a segment end, or anywhere where the line has none on that side.
  const above = (x: number): boolean => !last.from || x > evaluate(last.from, env);
  const below = (x: number): boolean => !first.to || x < evaluate(first.to, env);
  const outside = (above(start) && below(back)) || (below(start) && above(back));
  if (!outside || !Number.isFinite(start) || !Number.isFinite(period)) return undefined;
  return { crossing: Math.max(start, back), opposite: Math.min(start, back), period, multiplier };
}

interface FamilyEnd {
  readonly value: number;
  readonly closedForm?: Expr;
  /** The value of the row with an orbit next to the end, and where a search near it starts. */
  readonly withOrbit: number;
  readonly guess: number | undefined;
}

/** The first place along the table where the orbit appears or disappears, located between its two rows. */
function familyEnd(rows: readonly OrbitRow[], locate: (withOrbit: number, without: number) => number | { value: number; closedForm: Expr } | undefined, guessOf: (row: OrbitRow) => number | undefined): FamilyEnd | undefined {
  for (let k = 1; k < rows.length; k++) {
    const [a, b] = [rows[k - 1]!, rows[k]!];
    if ((a.crossing === undefined) === (b.crossing === undefined)) continue;
    const [inside, outside] = a.crossing !== undefined ? [a, b] : [b, a];
    const found = locate(inside.value, outside.value);
    if (found === undefined) return undefined;
    return { ...(typeof found === 'number' ? { value: found } : found), withOrbit: inside.value, guess: guessOf(inside) };
  }
  return undefined;
}

/** Where the closed-form orbit stops existing between two values: a root of a focus condition (polynomial in the parameter), else where a condition changes sign by bisection. */
function closedFamilyEnd(closed: AffineOrbit, line: FilippovLine, env: Environment, name: string, withOrbit: number, without: number): number | { value: number; closedForm: Expr } | undefined {
  const [lo, hi] = [Math.min(withOrbit, without), Math.max(withOrbit, without)];
  const at = (value: number): Environment => ({ ...env, symbols: { ...env.symbols, [name]: value } });
  // A focus condition positive where the orbit is and negative where it is not: its root between, the nearest.
  const roots = closed.focusConditions.flatMap((condition) => {
    const sign = (value: number) => Math.sign(evaluate(condition, at(value)));
    const c = coefficients(condition, name);
    if (!c || sign(withOrbit) <= 0 || sign(without) >= 0) return [];
    return (nonZeroRoots(c) ?? []).map((root) => ({ value: evaluate(root, env), closedForm: root })).filter((r) => r.value > lo && r.value < hi);
  });
  const nearest = roots.sort((a, b) => Math.abs(a.value - withOrbit) - Math.abs(b.value - withOrbit))[0];
  if (nearest) return nearest;
  return edgeBetween((value) => closedOrbitAt(closed, line, at(value)) !== undefined, withOrbit, without, 1e-12);
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
  const closed = hyperparameters ? affineOrbit(line) : undefined;
  if (closed) {
    Object.assign(formulas, { orbitEnters: closed.enters, orbitReturns: closed.returns, orbitPeriod: closed.period, orbitMultiplier: closed.multiplier });
    closed.focusConditions.forEach((c, k) => { formulas[closed.focusConditions.length > 1 ? `focusCondition${k + 1}` : 'focusCondition'] = c; });
  }
  // The return map follows orbits that enter phi > 0 at large theta (poincare.ts); one that turns
  // the other way is followed in the mirror image theta -> -theta, and its numbers mapped back.
  const mirrored = !closed && variable === 'phi' && turnsTheOtherWay(line, env);
  const orbitLine = mirrored ? filippovLine(mirrorImage(field), variable, env) : line;
  const fromMirror = (o: PeriodicOrbit): PeriodicOrbit => (mirrored ? { ...o, crossing: -o.opposite, opposite: -o.crossing } : o);
  /** Where the search for the next row's orbit starts: the last orbit's crossing, in the line the map follows. */
  const guessOf = (o: { crossing?: number; opposite?: number }): number | undefined => (mirrored ? (o.opposite === undefined ? undefined : -o.opposite) : o.crossing);
  const orbitAt = (symbols: Readonly<Record<string, number>>, guess?: number): PeriodicOrbit | undefined => {
    if (closed) return closedOrbitAt(closed, line, { ...env, symbols });
    const o = innermostPeriodicOrbit(orbitLine, symbols, guess);
    return o && fromMirror(o);
  };
  const numbers: Record<string, number> = numbersOf(formulas, env);
  // The orbit's numbers are the orbit's at the defaults, where there is one (below), not its formulas' values.
  for (const key of ['orbitEnters', 'orbitReturns', 'orbitPeriod', 'orbitMultiplier']) delete numbers[key];
  if (hyperparameters) {
    const orbit = orbitAt(env.symbols);
    const section = mirrored ? `${other} < ${toNerdamer(line.segments[0]!.to ?? E.ZERO)}` : `${other} > ${toNerdamer(line.segments[line.segments.length - 1]!.from ?? E.ZERO)}`;
    const how = closed ? `in closed form: each one-sided field is affine with its equilibrium on the line, a focus, so each half-turn takes pi/omega and shrinks by exp(pi tr J / (2 omega)), omega = sqrt(det J - tr^2 J / 4); the orbit exists where ${closed.focusConditions.map((c) => `${toNerdamer(c)} > 0`).join(' and ')}` : `Poincare return map on ${variable} = 0, ${section}`;
    if (orbit) {
      Object.assign(numbers, { orbitCrossing: orbit.crossing, orbitOpposite: orbit.opposite, orbitPeriod: orbit.period, orbitMultiplier: orbit.multiplier });
      parts.push(`the innermost periodic orbit around it (${how}): ${other} from ${orbit.opposite.toPrecision(6)} to ${orbit.crossing.toPrecision(6)}, period ${orbit.period.toPrecision(6)}, multiplier ${orbit.multiplier.toPrecision(4)} (${Math.abs(orbit.multiplier) < 1 ? 'attracting' : 'repelling'}) at the defaults`);
    } else parts.push(`no periodic orbit found around it at the defaults (${how})`);
    const names = Object.keys(hyperparameters);
    if (names.length === 1) {
      const name = names[0]!;
      const rowAt = (value: number, guess?: number): OrbitRow => {
        const symbols = { ...env.symbols, [name]: value };
        // The default's row is the orbit found above, not found again.
        const o = value === env.symbols[name] ? orbit : orbitAt(symbols, guess);
        if (!o) return { parameter: name, value, none: `no return to the section: ${describeBoundary(line, { ...env, symbols }, `at ${name} = ${value}`).join('; ') || 'the orbits do not come back'}` };
        return { parameter: name, value, crossing: o.crossing, opposite: o.opposite, period: o.period, multiplier: o.multiplier };
      };
      let guess: number | undefined;
      orbits = sweep(hyperparameters[name]!).map((value) => {
        const row = rowAt(value, guess);
        guess = guessOf(row) ?? guess;
        return row;
      });
      const end = familyEnd(orbits, (a, b) => (closed ? closedFamilyEnd(closed, line, env, name, a, b) : orbitFamilyEnd(orbitLine, env.symbols, name, a, b)), guessOf);
      if (end) {
        numbers.orbitEnd = end.value;
        if (end.closedForm) formulas.orbitEnd = end.closedForm;
        // A row close to the end shows how the orbit changes as it closes onto the segment's ends.
        const near = Number((end.withOrbit + 0.95 * (end.value - end.withOrbit)).toPrecision(3));
        if (orbits.every((r) => r.value !== near)) orbits = [...orbits, rowAt(near, end.guess)].sort((a, b) => a.value - b.value);
        parts.push(`the orbits end at ${name} = ${end.closedForm ? toNerdamer(end.closedForm) : end.value.toPrecision(4)} (${end.closedForm ? 'where the one-sided fields\' equilibria on the line turn from foci into nodes' : closed ? 'by bisection on the closed form: where the orbit stops crossing the line outside the segment' : 'by bisection on the return map: the orbit closes onto the segment\'s ends, and beyond, the orbit leaving an end of the segment does not come back beyond it'})`);
      }
    }
  }
  return {
    where: { kind: 'switching-line', variable, value: E.ZERO },
    verdict: 'filippov-equilibria',
    restsOn: hyperparameters ? ['factored solve', 'Filippov', closed ? 'affine return map' : 'Poincare map'] : ['factored solve', 'Filippov'],
    reason: `${parts.join('; ')}.`,
    formulas,
    numbers,
    ...(orbits ? { orbits } : {}),
  };
}
