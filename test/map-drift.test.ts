/**
 * Alternating steps where their linearisation cycles: the record's cubic normal-form coefficient
 * d (generator/analyse/map-drift.ts) against long runs of the generated alternatingStep. The
 * complex coordinate z = <p, x> is built here from the step alone (its Jacobian at (0, 0) by
 * central differences, the eigenvector q with <q, q> = 1, p with A^T p = conj(mu) p and
 * <p, q> = 1), and 1/|z_k|^2 must grow by -2 d a step.
 */
import { describe, expect, it } from 'vitest';
import { loadRecords } from './support/records.js';
import { importEvaluator } from './support/evaluators.js';

type AlternatingStep = (theta: number, phi: number, schedule: { hG: number; hD: number; nG: number; nD: number }, p?: unknown, out?: Float64Array) => Float64Array;

/** |<p, x>|^2 as a function of (theta, phi), from the step's Jacobian at (0, 0). */
function normalCoordinate(step: (theta: number, phi: number) => [number, number]): (theta: number, phi: number) => number {
  const delta = 1e-6;
  const column = (dx: number, dy: number): [number, number] => {
    const [a, b] = step(dx, dy);
    const [c, d] = step(-dx, -dy);
    return [(a - c) / (2 * delta), (b - d) / (2 * delta)];
  };
  const [a00, a10] = column(delta, 0);
  const [a01, a11] = column(0, delta);
  const trace = a00 + a11;
  const [re, im] = [trace / 2, Math.sqrt(a00 * a11 - a01 * a10 - (trace * trace) / 4)];
  // q = (a01, mu - a00) / |.|; p solves A^T p = conj(mu) p: p = (a10, conj(mu) - a00), scaled so that conj(p) . q = 1.
  const q = [[a01, 0], [re - a00, im]];
  const qNorm = Math.hypot(q[0]![0]!, q[0]![1]!, q[1]![0]!, q[1]![1]!);
  const qn = q.map(([x, y]) => [x! / qNorm, y! / qNorm]);
  const p = [[a10, 0], [re - a00, -im]];
  // conj(p) . q as a complex number.
  const pq = [0, 1].reduce<[number, number]>(([sr, si], k) => [sr + p[k]![0]! * qn[k]![0]! + p[k]![1]! * qn[k]![1]!, si + p[k]![0]! * qn[k]![1]! - p[k]![1]! * qn[k]![0]!], [0, 0]);
  // p / conj(pq): then conj(p) . q = 1.
  const scale = pq[0]! ** 2 + pq[1]! ** 2;
  const pn = p.map(([x, y]) => [(x! * pq[0]! - y! * pq[1]!) / scale, (x! * pq[1]! + y! * pq[0]!) / scale]);
  return (theta, phi) => {
    // <p, x> = conj(p) . x for real x.
    const zr = pn[0]![0]! * theta + pn[1]![0]! * phi;
    const zi = -(pn[0]![1]! * theta + pn[1]![1]! * phi);
    return zr * zr + zi * zi;
  };
}

/** The generated alternating step with one rate h, as a map of (theta, phi). */
function alternatingAt(module: { alternatingStep: AlternatingStep; defaults: unknown }, h: number): (theta: number, phi: number) => [number, number] {
  const out = new Float64Array(2);
  const schedule = { hG: h, hD: h, nG: 1, nD: 1 };
  return (theta, phi) => {
    module.alternatingStep(theta, phi, schedule, module.defaults, out);
    return [out[0]!, out[1]!];
  };
}

const records = loadRecords('all').filter((r) => r.drift);

describe('the drift of alternating steps where they cycle to first order', () => {
  it('is recorded for every game whose alternating steps cycle at the defaults, with f given', () => {
    const cycling = loadRecords('all').filter((r) => r.activation !== 'abstract' && (r.discrete.concrete ?? r.discrete.generic).some((m) => m.method === 'alternating' && m.verdict === 'cycles-below-bound'));
    expect(records.map((r) => r.id).sort()).toEqual(cycling.map((r) => r.id).sort());
    const byVerdict = (verdict: string): string[] => records.filter((r) => r.drift!.verdict === verdict).map((r) => r.id).sort();
    expect(byVerdict('drifts-in')).toEqual(['ns-gan', 'ragan', 'wgan-div']);
    expect(byVerdict('mixed')).toEqual(['gan', 'rpgan']);
    expect(byVerdict('stays')).toEqual(['hinge', 'wgan', 'wgan-clip', 'wgan-lp']);
  });

  it('1/|z_k|^2 grows by -2d a step (within 5%) where d != 0, and stays where d = 0, over runs of the generated step', async () => {
    let checked = 0;
    for (const record of records) {
      const module = (await importEvaluator(record.id)) as unknown as { alternatingStep: AlternatingStep; defaults: unknown };
      for (const { h, coefficient: d } of record.drift!.samples) {
        if (d === null || (d !== 0 && Math.abs(d) < 0.01) || h > 1) continue;
        const step = alternatingAt(module, h);
        const z2 = normalCoordinate(step);
        /** The growth of 1/|z|^2 a step over a run from (radius, 0): -2d - c |z|^2 + ..., the quintic terms' part c falling with |z|^2. */
        const slopeFrom = (radius: number, steps?: number): number => {
          let [theta, phi] = [radius, 0];
          const first = 1 / z2(theta, phi);
          // Long enough that 1/|z|^2 doubles where d != 0.
          const n = steps ?? Math.ceil(first / (2 * Math.abs(d)));
          for (let k = 0; k < n; k++) [theta, phi] = step(theta, phi);
          return (1 / z2(theta, phi) - first) / n;
        };
        if (d !== 0) {
          const slope = slopeFrom(0.02);
          expect(Math.abs(slope / (-2 * d) - 1), `${record.id} h = ${h}: d = ${d}, slope ${slope}`).toBeLessThan(0.05);
        } else if (record.drift!.verdict === 'stays') {
          // The field linear near (0, 0): so is the map, and |z| stays, to rounding, from any start near (0, 0).
          let [theta, phi] = [0.05, 0.02];
          const first = z2(theta, phi);
          let worst = 0;
          for (let k = 0; k < 10_000; k++) {
            [theta, phi] = step(theta, phi);
            worst = Math.max(worst, Math.abs(z2(theta, phi) / first - 1));
          }
          expect(worst, `${record.id} h = ${h}: |z| stays`).toBeLessThan(1e-9);
        } else {
          // Richardson on |z|^2 (a quarter at half the radius) leaves -2d: 0 where the record says 0.
          const [wide, near] = [slopeFrom(0.01, 20_000), slopeFrom(0.005, 20_000)];
          expect(Math.abs((4 * near - wide) / 3), `${record.id} h = ${h}: d = 0, slopes ${wide}, ${near}`).toBeLessThan(1e-5);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('where d = 0 at every h, 1/|z_k|^(2m) grows by -2m d_n a step (n = 2m + 1, within 5%), or stays to rounding where d_n = 0, over runs of the generated step', async () => {
    const higher = records.filter((r) => r.drift!.order > 3);
    expect(higher.map((r) => [r.id, r.drift!.order, r.drift!.verdict]).sort()).toEqual([['gan', 9, 'mixed'], ['rpgan', 9, 'mixed'], ['wgan-div', 5, 'drifts-in']]);
    let checked = 0;
    /** The steps already run, by the record's drift: a game whose step is the same map (RpGAN's is GAN's on Dirac-GAN) would run the same runs. */
    const ran = new Map<string, { alternatingStep: AlternatingStep; defaults: unknown }>();
    const probes = [[0.3, -0.2], [-1.1, 0.7], [2.5, 1.5]] as const;
    for (const record of higher) {
      const module = (await importEvaluator(record.id)) as unknown as { alternatingStep: AlternatingStep; defaults: unknown };
      const m = (record.drift!.order - 1) / 2;
      const key = JSON.stringify(record.drift);
      const twin = ran.get(key);
      if (twin && record.drift!.samples.every(({ h }) => probes.every(([t, p]) => alternatingAt(module, h)(t, p).join() === alternatingAt(twin, h)(t, p).join()))) continue;
      ran.set(key, module);
      for (const { h, higher: dn } of record.drift!.samples) {
        if (dn === null || dn === undefined || h < 0.05) continue;
        const step = alternatingAt(module, h);
        const z2 = normalCoordinate(step);
        /** The least-squares slope of 1/|z_k|^(2m) against k over a run from (radius, 0): the terms of |z|^2 that turn with the iterate average out over the run's many turns. */
        const slopeFrom = (radius: number, steps: number): number => {
          let [theta, phi] = [radius, 0];
          let [sk, sy, skk, sky] = [0, 0, 0, 0];
          for (let k = 0; k < steps; k++) {
            const y = z2(theta, phi) ** -m;
            [sk, sy, skk, sky] = [sk + k, sy + y, skk + k * k, sky + k * y];
            [theta, phi] = step(theta, phi);
          }
          return (steps * sky - sk * sy) / (steps * skk - sk * sk);
        };
        const MAX_STEPS = 150_000;
        /** How much 1/|z|^(2m) changes over a run from the radius, in proportion to its start. */
        const signal = (radius: number): number => Math.min(1, (2 * m * Math.abs(dn) * MAX_STEPS) / z2(radius, 0) ** -m);
        const stepsFrom = (radius: number): number => Math.min(MAX_STEPS, Math.ceil(z2(radius, 0) ** -m / (2 * m * Math.abs(dn))));
        // Richardson over |z|^2 and its half (the radius over sqrt 2): the next order's part of the
        // slope, which falls as |z|^2, goes. The smallest pair whose inner run changes 1/|z|^(2m) by
        // a few thousandths of its start at least (the fit resolves less than that: its turns average out).
        const radius = dn === 0 ? 0.05 * 2 ** (m - 2) : [0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8].find((r) => signal(r / Math.SQRT2) >= 1e-3);
        if (radius === undefined) continue;
        if (dn !== 0) {
          const inner = radius / Math.SQRT2;
          const slope = 2 * slopeFrom(inner, stepsFrom(inner)) - slopeFrom(radius, stepsFrom(radius));
          expect(Math.abs(slope / (-2 * m * dn) - 1), `${record.id} h = ${h}: d${record.drift!.order} = ${dn}, slope ${slope}`).toBeLessThan(0.05);
        } else {
          // Richardson on |z|^2 (a quarter at half the radius) leaves -2m d_n: 0 where the record says 0.
          const [wide, near] = [slopeFrom(radius, 20_000), slopeFrom(radius / 2, 20_000)];
          expect(Math.abs((4 * near - wide) / 3), `${record.id} h = ${h}: d${record.drift!.order} = 0, slopes ${wide}, ${near}`).toBeLessThan(1e-3);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
