/**
 * Filippov's picture along a kink away from the equilibrium (generator/analyse/switching-curve.ts),
 * against the generated evaluator: the field just off the curve on either side classifies each
 * segment as the record does, and a trajectory from beyond the hinge loss's curve reaches it,
 * slides along it as the record says, and leaves it onto the closed orbit r^2 = 2 its segment end
 * (1, 1) lies on.
 */
import { describe, expect, it } from 'vitest';
import { loadRecords } from './support/records.js';
import { importEvaluator } from './support/evaluators.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { switchingCurves } from '../generator/analyse/switching-curve.js';

const curves = loadRecords('all').flatMap((r) => r.kinks.flatMap((k) => (k.filippov ?? []).map((filippov) => ({ record: r, kink: k, filippov }))));

describe('switching curves away from the equilibrium', () => {
  it('are found where a kink leaves (0, 0) alone: the hinge loss\'s 1 - phi theta = 0, WGAN-LP\'s |phi| = 1 on each side', () => {
    expect(curves.map((c) => `${c.record.id}: ${c.kink.text}: ${c.filippov.curve.text}`)).toEqual(['hinge: 1-phi*theta: phi-1/theta = 0', 'wgan-lp: abs(phi)-1: phi-1 = 0', 'wgan-lp: abs(phi)-1: phi+1 = 0']);
    // WGAN-LP's field is continuous across its kink (only the Jacobian jumps): crossed wherever the field is not tangent.
    expect(curves.filter((c) => c.record.id === 'wgan-lp').flatMap((c) => c.filippov.segments.map((s) => s.kind))).toEqual(['crossing', 'crossing', 'crossing', 'crossing']);
  });

  it('classify each segment as the generated field does just off the curve, on either side', async () => {
    let checked = 0;
    for (const { record, kink, filippov } of curves) {
      const module = (await importEvaluator(record.id)) as unknown as { vectorField(theta: number, phi: number, p?: unknown, out?: Float64Array): Float64Array; defaults: unknown };
      const uExpr = fromNerdamer(kink.text);
      const symbols = Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default]));
      const u = (theta: number, phi: number): number => evaluate(uExpr, { symbols: { ...symbols, theta, phi } });
      const curveExpr = fromNerdamer(filippov.curve.text.replace(/ = 0$/, ''));
      /** What the generated field says at the curve's point over theta: the kind, and where a sliding field takes theta. */
      const observed = (theta: number): string => {
        const phi = -evaluate(curveExpr, { symbols: { ...symbols, theta, phi: 0 } });
        expect(Math.abs(u(theta, phi)), `on the curve at theta = ${theta}`).toBeLessThan(1e-9);
        const d = 1e-6;
        const n = [(u(theta + d, phi) - u(theta - d, phi)) / (2 * d), (u(theta, phi + d) - u(theta, phi - d)) / (2 * d)];
        const norm = Math.hypot(n[0]!, n[1]!);
        const side = (s: number): [number, number] => {
          const out = module.vectorField(theta + (s * 1e-7 * n[0]!) / norm, phi + (s * 1e-7 * n[1]!) / norm, module.defaults);
          return [n[0]! * out[0]! + n[1]! * out[1]!, out[0]!];
        };
        const [[plus, plusTheta], [minus, minusTheta]] = [side(1), side(-1)];
        if (plus * minus > 0) return 'crossing';
        if (!(plus < 0 && minus > 0)) return 'escaping';
        return (minus * plusTheta - plus * minusTheta) / (minus - plus) > 0 ? 'sliding increasing' : 'sliding decreasing';
      };
      for (const segment of filippov.segments) {
        const expected = `${segment.kind}${segment.slides ? ` ${segment.slides}` : ''}`;
        // The middle, in log scale, and 1% inside each end.
        const [from, to] = [Math.abs(segment.from), Math.abs(segment.to)];
        for (const at of [Math.sqrt(from * to), from * (to / from) ** 0.01, to * (from / to) ** 0.01]) {
          expect(observed(Math.sign(segment.from) * at), `${record.id} at theta = ${Math.sign(segment.from) * at}`).toBe(expected);
        }
        checked++;
      }
    }
    expect(checked).toBe(8);
  });

  it('hinge: from beyond the curve, a trajectory reaches it, slides towards |theta| = 1, and ends on r^2 = 2', async () => {
    const module = (await importEvaluator('hinge')) as unknown as { vectorField(theta: number, phi: number, p?: unknown, out?: Float64Array): Float64Array };
    const out = new Float64Array(2);
    // Explicit Euler with small steps: on a sliding segment it chatters within O(h) of the curve, as any explicit method does.
    const h = 1e-4;
    // From (3, 0.5), beyond the curve (u = -0.5), v- = (-phi, 0) carries it to the curve at theta = 2, inside the sliding segment.
    let [theta, phi] = [3, 0.5];
    let reachedAt: number | undefined;
    let slid = 0;
    let leftTheCurve = false;
    let slidDown = false;
    for (let k = 0; k < 200_000; k++) {
      module.vectorField(theta, phi, undefined, out);
      [theta, phi] = [theta + h * out[0]!, phi + h * out[1]!];
      const u = 1 - phi * theta;
      if (reachedAt === undefined && Math.abs(u) < 1e-3) reachedAt = theta;
      // Sliding, until theta comes down to the segment's end: the trajectory stays within the chatter.
      if (reachedAt !== undefined && !slidDown) {
        if (theta <= 1.01) slidDown = true;
        else {
          if (Math.abs(u) > 1e-2) leftTheCurve = true;
          slid++;
        }
      }
    }
    expect(reachedAt, 'the curve is reached inside the sliding segment').toBeGreaterThan(1.9);
    expect(slid, 'steps on the sliding segment').toBeGreaterThan(1000);
    expect(leftTheCurve, 'it slides towards theta = 1, on the curve').toBe(false);
    // As the record says of the segment it reached.
    const segment = curves[0]!.filippov.segments.find((s) => s.from <= reachedAt! && reachedAt! <= s.to)!;
    expect([segment.kind, segment.slides]).toEqual(['sliding', 'decreasing']);
    expect(Math.abs(theta * theta + phi * phi - 2), `ends on r^2 = 2: (${theta}, ${phi})`).toBeLessThan(1e-2);
  });
});

describe('the switching-curve analysis on fields made for it', () => {
  const curvesOf = (v: [string, string], u: string) => switchingCurves([fromNerdamer(v[0]), fromNerdamer(v[1])], fromNerdamer(u), { symbols: {} });
  const summary = (v: [string, string], u: string) => curvesOf(v, u).map((c) => c.segments.map((s) => `${s.from}..${s.to} ${s.kind}${s.slides ? ` ${s.slides}` : ''}`));

  it('splits a sliding segment where the sliding field turns (a pseudo-equilibrium), and says where it is still', () => {
    // On phi = 1 both sides push onto the line; the sliding field is (theta - 5, 0): towards 5 from either side.
    expect(summary(['theta - 5', 'sign(1 - phi)'], '1 - phi')).toEqual([['-1000..-0.001 sliding decreasing', '0.001..5 sliding decreasing', '5..1000 sliding increasing']]);
    expect(summary(['0', 'sign(1 - phi)'], '1 - phi')).toEqual([['-1000..-0.001 sliding still', '0.001..1000 sliding still']]);
  });

  it('breaks a curve at a pole of phi = g(theta), and leaves a kink through (0, 0) to the switching-line analysis', () => {
    const [segments] = summary(['-phi', 'theta*sign(1 - phi*(theta - 2))'], '1 - phi*(theta - 2)');
    expect(segments!.some((s) => { const [from, to] = s.split(' ')[0]!.split('..').map(Number); return from! < 2 && to! > 2; }), segments!.join('; ')).toBe(false);
    expect(curvesOf(['-phi', 'theta*sign(-phi)'], '-phi')).toEqual([]);
  });
});

