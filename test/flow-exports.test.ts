/**
 * The game modules' table of every equilibrium the analysis beyond the linearisation found
 * (`flowEquilibria`): the record's, and right against the evaluators: the field vanishes at each
 * point, and each periodic orbit around a switching line closes after its period under odex.
 */
import { describe, expect, it } from 'vitest';
import { loadRecords } from './support/records.js';
import { importEvaluator } from './support/evaluators.js';
import { integrate } from './oracles/ode.js';

interface FlowEquilibrium {
  readonly where: { readonly kind: string; readonly theta?: number | string; readonly phi?: number | string; readonly variable?: string; readonly value?: number | string };
  readonly verdict: string;
  readonly restsOn: readonly string[];
  readonly periodicOrbit?: { readonly crossing: number; readonly opposite: number; readonly period: number; readonly multiplier: number };
}

const records = loadRecords('all');

describe('every equilibrium, exported by the game modules', () => {
  it('as the record has it: where, verdict and what it rests on, for every game', async () => {
    for (const record of records) {
      const module = (await importEvaluator(record.id)) as unknown as { flowEquilibria?: readonly FlowEquilibrium[] };
      const stage = record.nonlinear.stages.find((s) => s.stage === (record.activation === 'abstract' ? 'generic' : 'concrete')) ?? record.nonlinear.stages.at(-1)!;
      expect(module.flowEquilibria?.map((e) => [e.where.kind, e.verdict, e.restsOn]) ?? [], record.id).toEqual(stage.equilibria.map((e) => [e.where.kind, e.verdict, e.restsOn]));
    }
  });

  it('where the field vanishes, and with orbits that close after their period', async () => {
    let points = 0;
    let orbits = 0;
    for (const record of records) {
      const module = (await importEvaluator(record.id)) as unknown as { flowEquilibria?: readonly FlowEquilibrium[]; vectorField(theta: number, phi: number, p?: unknown, out?: Float64Array): Float64Array; defaults: unknown };
      const out = new Float64Array(2);
      const v = (theta: number, phi: number): [number, number] => {
        module.vectorField(theta, phi, module.defaults, out);
        return [out[0]!, out[1]!];
      };
      for (const e of module.flowEquilibria ?? []) {
        if (e.where.kind === 'point' && typeof e.where.theta === 'number' && typeof e.where.phi === 'number' && record.activation !== 'abstract') {
          expect(Math.hypot(...v(e.where.theta, e.where.phi)), `${record.id} at (${e.where.theta}, ${e.where.phi})`).toBeLessThan(1e-9);
          points++;
        }
        if (e.periodicOrbit) {
          const { crossing, period } = e.periodicOrbit;
          // On the switching line phi = 0 at theta = crossing; after one period, back there.
          const start: [number, number] = e.where.variable === 'phi' ? [crossing, 0] : [0, crossing];
          const path = integrate(v, start, period, period / 400, 1e-11);
          const last = path.t.length - 1;
          expect(Math.hypot(path.theta[last]! - start[0], path.phi[last]! - start[1]), `${record.id}: orbit of period ${period}`).toBeLessThan(1e-4 * Math.abs(crossing));
          orbits++;
        }
      }
    }
    expect(points).toBeGreaterThanOrEqual(18);
    expect(orbits).toBe(2);
  });
});
