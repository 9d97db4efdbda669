/**
 * Switching lines (the kink of |phi|) against direct simulations: the one-sided fields of
 * the generated evaluators just above and below the line agree with the segments; the
 * periodic orbit's period and amplitude agree within 1% with a long odex run of the
 * evaluator's field; a sliding segment is reached and kept by a fixed-step Runge-Kutta run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { filippovLine } from '../generator/analyse/filippov.js';
import { integrateUntil } from '../generator/analyse/numeric.js';
import { integrate } from './oracles/ode.js';
import { importEvaluator } from './support/evaluators.js';
import { analysedGames, defaultsOf, verdictsOf } from './support/nonlinear.js';
import type { AnalysedGame } from './support/nonlinear.js';

let games: AnalysedGame[] = [];
// Deriving and analysing every game takes a few seconds of CPU (more on a loaded machine).
beforeAll(async () => {
  games = await analysedGames();
}, 120_000);

const switching = () => verdictsOf(games).filter((v) => v.verdict.where.kind === 'switching-line' && v.stage.stage === 'concrete');

async function field(game: AnalysedGame, symbols: Record<string, number>) {
  const module = await importEvaluator(game.analysis.id);
  const out = new Float64Array(2);
  return (theta: number, phi: number): readonly [number, number] => {
    module.vectorField(theta, phi, symbols, out);
    return [out[0]!, out[1]!];
  };
}

describe('Filippov picture', () => {
  it('the segments and the convex-hull weight at (0, 0) agree with the evaluator just off the line', async () => {
    expect(switching().length).toBeGreaterThan(0);
    for (const { game, verdict } of switching()) {
      const v = await field(game, defaultsOf(game.derivation));
      const ends = Object.keys(verdict.numbers).filter((k) => k.startsWith('segmentEnd')).sort().map((k) => verdict.numbers[k]!);
      const kinds = verdict.reason.match(/: (crossing|sliding|escaping)/g)!.map((s) => s.slice(2));
      for (let theta = -3; theta <= 3; theta += 0.01) {
        if (ends.some((e) => Math.abs(theta - e) < 1e-6)) continue;
        const [up, down] = [v(theta, 1e-9)[1], v(theta, -1e-9)[1]];
        const numeric = up * down > 0 ? 'crossing' : up < 0 && down > 0 ? 'sliding' : 'escaping';
        expect(numeric, `${game.analysis.id} at theta = ${theta}`).toBe(kinds[ends.filter((e) => e < theta).length]);
      }
      const [plus, minus] = [v(0, 1e-12), v(0, -1e-12)];
      const weight = minus[1] / (minus[1] - plus[1]);
      expect(weight * plus[0] + (1 - weight) * minus[0]).toBeCloseTo(0, 9);
      expect(verdict.numbers.originWeight).toBeCloseTo(weight, 6);
    }
  });

  it('a sliding segment is reached and kept, and its pseudo-equilibria do not move', () => {
    // WGAN-GP's penalty with the opposite sign: the segment |theta| < gamma becomes sliding.
    const [theta, phi, gamma] = [E.sym('theta'), E.sym('phi'), E.sym('gamma')];
    const reversed = [E.neg(phi), E.sub(theta, E.mul(gamma, E.call('sign', phi), E.sub(E.ONE, E.call('abs', phi))))] as const;
    const line = filippovLine(reversed, 'phi', { symbols: { gamma: 0.5 } });
    expect(line.segments.map((s) => s.kind)).toEqual(['crossing', 'sliding', 'crossing']);
    expect(line.slidingTangential).toBe(E.ZERO);
    const v = (t: number, p: number): [number, number] => [-p, t - 0.5 * Math.sign(p) * (1 - Math.abs(p))];
    const h = 1e-3;
    let y: [number, number] = [0.1, 0.3];
    let reached: number | undefined;
    let settled: number | undefined;
    for (let k = 0; k < 10_000; k++) {
      const k1 = v(...y);
      const k2 = v(y[0] + h / 2 * k1[0], y[1] + h / 2 * k1[1]);
      const k3 = v(y[0] + h / 2 * k2[0], y[1] + h / 2 * k2[1]);
      const k4 = v(y[0] + h * k3[0], y[1] + h * k3[1]);
      y = [y[0] + h / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0]), y[1] + h / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])];
      if (reached === undefined && Math.abs(y[1]) < 2 * h) reached = k;
      if (reached === undefined) continue;
      expect(Math.abs(y[1])).toBeLessThan(2 * h);
      if (k === reached + 1000) settled = y[0];
    }
    // Once the chattering of the fixed step has settled, theta' = -phi averages to about 0:
    // theta creeps at the step's error (1e-5 per unit time), against |theta'| ~ 0.3 off the line.
    const creep = Math.abs(y[0] - settled!) / (h * (10_000 - reached! - 1000));
    expect(creep).toBeLessThan(1e-4);
    expect(reached).toBeDefined();
    expect(Math.abs(settled!)).toBeLessThan(0.5);
  });
});

/** Period and largest theta of the motion after a transient, from upward crossings of phi = 0. */
function measureOrbit(v: (t: number, p: number) => readonly [number, number], start: readonly [number, number], settle: number, span: number) {
  const path = integrate(v, start, settle + span, 2e-3, 1e-11);
  const crossings: number[] = [];
  let largest = -Infinity;
  let settled: number | undefined;
  for (let k = 1; k < path.t.length; k++) {
    if (path.t[k]! < settle) continue;
    settled ??= Math.abs(path.phi[k]!);
    largest = Math.max(largest, path.theta[k]!);
    const [a, b] = [path.phi[k - 1]!, path.phi[k]!];
    if (a < 0 && b >= 0 && path.theta[k]! > 0) crossings.push(path.t[k - 1]! + (path.t[k]! - path.t[k - 1]!) * (-a / (b - a)));
  }
  const last = path.t.length - 1;
  return { period: (crossings[crossings.length - 1]! - crossings[0]!) / (crossings.length - 1), crossings: crossings.length, largest, settled: settled!, end: [path.theta[last]!, path.phi[last]!] };
}

describe('periodic orbits', () => {
  it('period and amplitude agree within 1% with a long simulation, across the hyperparameter table', async () => {
    const rows = switching().flatMap(({ game, verdict }) => (verdict.orbits ?? []).map((row) => ({ game, row })));
    expect(rows.some(({ row }) => row.period !== undefined)).toBe(true);
  for (const { game, row } of rows) {
      const v = await field(game, { ...defaultsOf(game.derivation), [row.parameter]: row.value });
      // Three periods at least: near the end of the family the period grows (DRAGAN: 28 at gamma = 0.737).
      // From outside the orbit: inside, where the segment's ends are stable nodes of their
      // one-sided fields (DRAGAN above gamma = 0.618), trajectories can end there instead.
      const measured = measureOrbit(v, [(row.crossing ?? 1.2) + 0.1, 0.01], 150, Math.max(60, 3 * (row.period ?? 0)));
      if (row.period === undefined) {
        // No orbit: the simulation stops turning and creeps towards the line (a boundary node: slowly).
        expect(measured.crossings, `${game.analysis.id} at ${row.parameter} = ${row.value}`).toBe(0);
        expect(Math.abs(measured.end[1]!)).toBeLessThanOrEqual(Math.max(measured.settled, 1e-12));
        continue;
      }
      expect(Math.abs(measured.period / row.period - 1), `${game.analysis.id} period at ${row.parameter} = ${row.value}`).toBeLessThan(0.01);
      expect(Math.abs(measured.largest / row.crossing! - 1), `${game.analysis.id} amplitude at ${row.parameter} = ${row.value}`).toBeLessThan(0.01);
    }
  });
});

describe("the return map's integration of an orbit that does not come back", () => {
  it('an orbit that reaches infinity in finite time (dtheta/dt = 1 + theta^2: tan t) is no crossing, not an error', () => {
    const hit = integrateUntil((theta) => [1 + theta * theta, 0], [0, 1], 1, 200);
    expect(hit.hit).toBe(false);
    // It escapes past 1e8 at t = atan(1e8), just short of pi/2.
    expect(hit.t).toBeGreaterThan(Math.atan(1e7));
    expect(hit.t).toBeLessThan(Math.PI / 2);
    expect(Math.abs(hit.theta)).toBeGreaterThan(1e8);
  });
});
