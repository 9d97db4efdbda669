/**
 * The periodic orbits around a switching line as a hyperparameter moves, against direct
 * simulations of the generated field by odex: the closed-form orbit of a piecewise-affine
 * game (`periodicOrbit(p)`: period, amplitude and multiplier at values across its range, and
 * none beyond its end), and the end of each family of orbits (`familyEndsAt`): a little
 * before it the trajectories keep crossing the line, a little after it they stop at an end
 * of the segment of equilibria.
 */
import { describe, expect, it } from 'vitest';
import { loadRecords } from './support/records.js';
import { importEvaluator } from './support/evaluators.js';
import { integrate } from './oracles/ode.js';
import type { Field } from './oracles/ode.js';
import * as E from '../generator/ir/expr.js';
import { analyseSwitchingLine } from '../generator/analyse/switching.js';
import { penaltyWeight } from '../generator/pieces.js';

interface Orbit { readonly crossing: number; readonly opposite: number; readonly period: number; readonly multiplier: number }
interface OrbitModule {
  readonly defaults: Record<string, number>;
  vectorField(theta: number, phi: number, p?: unknown, out?: Float64Array): Float64Array;
  periodicOrbit?(p: Record<string, number>): Orbit | undefined;
  readonly flowEquilibria?: readonly { readonly periodicOrbit?: Orbit & { readonly familyEndsAt?: Readonly<Record<string, number>> } }[];
}

const modules = async () => Promise.all(loadRecords('all').map(async (r) => ({ id: r.id, module: (await importEvaluator(r.id)) as unknown as OrbitModule })));

function fieldOf(module: OrbitModule, p: Record<string, number>): Field {
  const out = new Float64Array(2);
  return (theta, phi) => {
    module.vectorField(theta, phi, p, out);
    return [out[0]!, out[1]!];
  };
}

/** Upward crossings of phi = 0 at theta > 0 after `settle`, interpolated on a grid of `dt`, and the largest theta then. */
function crossingsOf(v: Field, start: readonly [number, number], settle: number, span: number, dt = 1e-3) {
  const path = integrate(v, start, settle + span, dt, 1e-11);
  const times: number[] = [];
  let largest = -Infinity;
  for (let k = 1; k < path.t.length; k++) {
    if (path.t[k]! < settle) continue;
    largest = Math.max(largest, path.theta[k]!);
    const [a, b] = [path.phi[k - 1]!, path.phi[k]!];
    if (a < 0 && b >= 0 && path.theta[k]! > 0) times.push(path.t[k - 1]! + (path.t[k]! - path.t[k - 1]!) * (-a / (b - a)));
  }
  const last = path.t.length - 1;
  return { times, largest, end: [path.theta[last]!, path.phi[last]!] as const };
}

describe('the periodic orbit in closed form', () => {
  it('period, amplitude and multiplier agree with odex across the range, and there is none beyond its end', async () => {
    const withFormula = (await modules()).filter(({ module }) => module.periodicOrbit);
    expect(withFormula.map(({ id }) => id)).toContain('wgan-gp');
    for (const { id, module } of withFormula) {
      const [name] = Object.keys(module.defaults);
      const end = module.flowEquilibria!.find((e) => e.periodicOrbit?.familyEndsAt)!.periodicOrbit!.familyEndsAt![name!]!;
      for (const fraction of [0.05, 0.15, 0.5, 0.8, 0.95]) {
        const p = { ...module.defaults, [name!]: end * fraction };
        const orbit = module.periodicOrbit!(p)!;
        expect(orbit, `${id} at ${name} = ${p[name!]}`).toBeDefined();
        const v = fieldOf(module, p);
        // Started on the orbit: it returns to its crossing after one period, within the solver's error.
        const on = crossingsOf(v, [orbit.crossing, 1e-12], 0, 3.2 * orbit.period);
        const periods = on.times.slice(1).map((t, k) => t - on.times[k]!);
        for (const period of periods) expect(Math.abs(period / orbit.period - 1), `${id} period at ${name} = ${p[name!]}`).toBeLessThan(1e-3);
        expect(Math.abs(on.largest / orbit.crossing - 1), `${id} amplitude at ${name} = ${p[name!]}`).toBeLessThan(1e-3);
        // Started off it, the distance to it shrinks by the multiplier each turn: the largest
        // theta of successive turns, minus the crossing, in ratio.
        const off = integrate(v, [orbit.crossing + 0.05, 1e-12], orbit.period * 1.02, orbit.period / 2000, 1e-12);
        const back = Math.max(...off.theta.slice(off.theta.length / 2));
        if (orbit.multiplier > 1e-2) expect(Math.abs((back - orbit.crossing) / 0.05 / orbit.multiplier - 1), `${id} multiplier at ${name} = ${p[name!]}`).toBeLessThan(0.02);
      }
      expect(module.periodicOrbit!({ ...module.defaults, [name!]: end * 1.02 })).toBeUndefined();
    }
  });
});

describe('where a family of orbits ends', () => {
  it('before the end trajectories keep crossing the line; after it they stop at an end of the segment', async () => {
    const ends = (await modules()).flatMap(({ id, module }) =>
      (module.flowEquilibria ?? []).flatMap((e) => Object.entries(e.periodicOrbit?.familyEndsAt ?? {}).map(([name, value]) => ({ id, module, name, value }))));
    expect(ends.map((e) => e.id)).toEqual(expect.arrayContaining(['wgan-gp', 'dragan']));
    for (const { id, module, name, value } of ends) {
      // Counts of crossings only: a coarser grid (the periods are 20 and more there).
      const before = crossingsOf(fieldOf(module, { ...module.defaults, [name]: value * 0.98 }), [value + 1, 0.01], 200, 250, 0.02);
      expect(before.times.length, `${id} at ${name} = ${value * 0.98}`).toBeGreaterThanOrEqual(3);
      const after = crossingsOf(fieldOf(module, { ...module.defaults, [name]: value * 1.02 }), [value + 1, 0.01], 200, 250, 0.02);
      expect(after.times.length, `${id} at ${name} = ${value * 1.02}`).toBe(0);
      // It stops on the line, at an end of the segment of equilibria: where a one-sided field vanishes.
      const [theta, phi] = after.end;
      expect(Math.abs(phi), `${id} ends on the line`).toBeLessThan(1e-3);
      const out = new Float64Array(2);
      module.vectorField(theta, Math.sign(phi) * 1e-12 || 1e-12, { ...module.defaults, [name]: value * 1.02 }, out);
      expect(Math.hypot(out[0]!, out[1]!), `${id} stops where a one-sided field vanishes, at theta = ${theta}`).toBeLessThan(1e-3);
    }
  });
});

/** The orbit's period and its largest and smallest theta, held to an odex run of the field `v` (one that turns anticlockwise). */
function heldToOdex(v: Field, numbers: Readonly<Record<string, number>>): void {
  const { orbitCrossing, orbitOpposite, orbitPeriod } = numbers;
  expect(orbitCrossing, 'an orbit found').toBeDefined();
  const path = integrate(v, [orbitCrossing! + 0.2, 0.01], 150, 1e-3, 1e-11);
  const late = path.t.map((t, k) => [t, path.theta[k]!, path.phi[k]!] as const).filter(([t]) => t > 75);
  // Downward crossings of phi = 0 at theta > 0: one a period.
  const crossings = late.slice(1).flatMap(([t, , p], k) => (late[k]![2] > 0 && p <= 0 && late[k]![1] > 0 ? [t] : []));
  expect(crossings.length).toBeGreaterThanOrEqual(3);
  expect(Math.abs((crossings.at(-1)! - crossings[0]!) / (crossings.length - 1) / orbitPeriod! - 1)).toBeLessThan(1e-3);
  expect(Math.abs(Math.max(...late.map(([, t]) => t)) / orbitCrossing! - 1)).toBeLessThan(1e-3);
  expect(Math.abs(Math.min(...late.map(([, t]) => t)) / orbitOpposite! - 1)).toBeLessThan(1e-3);
}

describe('an orbit that turns the other way', () => {
  const [theta, phi, gamma] = [E.sym('theta'), E.sym('phi'), E.sym('gamma')];
  const penalty = E.mul(gamma, E.sub(E.call('sign', phi), phi));

  it("WGAN-GP's mirror image (theta -> -theta): the same orbit in closed form, held to odex", () => {
    // v = (phi, -theta + gamma (sign(phi) - phi)): WGAN-GP's field with theta's sign flipped.
    const verdict = analyseSwitchingLine([phi, E.add(E.neg(theta), penalty)], 'phi', { symbols: { gamma: 0.3 } }, { gamma: penaltyWeight() });
    expect(verdict.restsOn).toContain('affine return map');
    expect(verdict.numbers.orbitEnd).toBe(2);
    heldToOdex((t, p) => [p, -t + 0.3 * (Math.sign(p) - p)], verdict.numbers);
  });

  it("DRAGAN's mirror image: the return map follows it, held to odex", () => {
    // v = (phi s, -theta s + gamma (sign(phi) - phi)) with s = sigmoid(phi theta).
    const s = E.call('sigmoid', E.mul(phi, theta));
    const verdict = analyseSwitchingLine([E.mul(phi, s), E.add(E.neg(E.mul(theta, s)), penalty)], 'phi', { symbols: { gamma: 0.3 } }, { gamma: penaltyWeight() });
    expect(verdict.restsOn).toContain('Poincare map');
    const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
    heldToOdex((t, p) => [p * sigmoid(p * t), -t * sigmoid(p * t) + 0.3 * (Math.sign(p) - p)], verdict.numbers);
    // Its family ends where DRAGAN's does: the mirror changes nothing else.
    expect(Math.abs(verdict.numbers.orbitEnd! / 0.7388 - 1)).toBeLessThan(1e-4);
  });

  it('a mirror image that is not symmetric (a constant 0.2 added to v_phi): its largest and smallest theta mapped back apart, held to odex', () => {
    const s = E.call('sigmoid', E.mul(phi, theta));
    const vPhi = E.add(E.num(0.2), E.neg(E.mul(theta, s)), penalty);
    const verdict = analyseSwitchingLine([E.mul(phi, s), vPhi], 'phi', { symbols: { gamma: 0.3 } }, { gamma: penaltyWeight() });
    const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
    // Not symmetric: the two ends of the orbit differ, so a crossing and an opposite swapped or unsigned fail.
    expect(Math.abs(verdict.numbers.orbitCrossing! + verdict.numbers.orbitOpposite!)).toBeGreaterThan(0.1);
    heldToOdex((t, p) => [p * sigmoid(p * t), 0.2 - t * sigmoid(p * t) + 0.3 * (Math.sign(p) - p)], verdict.numbers);
  });
});
