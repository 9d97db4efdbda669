/**
 * Equilibria found, not assumed, and a verdict at each: the analysis's zero sets against a
 * Newton search on the generated evaluators from a grid of starts; the certified interval
 * count against fields with known zeros; LSGAN-like lines of equilibria against long
 * simulations of where trajectories end; every verdict serialisable to plain JSON.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { countZeros } from '../generator/analyse/interval.js';
import { analyseNonlinear, serialiseNonlinear } from '../generator/analyse/analyse.js';
import { checkGame } from '../generator/load/check.js';
import { loadMethods } from '../generator/load/methods.js';
import { derive, environmentOf } from '../generator/derive/derive.js';
import { specialise } from '../generator/specialise/dirac.js';
import { rulesElsewhere } from '../generator/methods/elsewhere.js';
import { draganPenalty, ganObjective, penaltyWeight, standardActivation, wganGradientPenalty, wganLipschitzPenalty } from '../generator/pieces.js';
import { ROOT } from './support/records.js';
import path from 'node:path';
import { equilibria } from '../generator/analyse/equilibria.js';
import * as Q from '../generator/ir/rational.js';
import { integrate } from './oracles/ode.js';
import { importEvaluator } from './support/evaluators.js';
import { TEST_ACTIVATIONS } from './support/records.js';
import { activationParam } from './support/evaluators.js';
import { analysedGames, defaultsOf, verdictsOf } from './support/nonlinear.js';
import type { AnalysedGame } from './support/nonlinear.js';

let games: AnalysedGame[] = [];
// Deriving and analysing every game takes a few seconds of CPU (more on a loaded machine).
beforeAll(async () => {
  games = await analysedGames();
}, 120_000);

/** The stage whose field the generated module evaluates (f substituted, or no f at all). */
const evaluatedStage = (game: AnalysedGame) => game.analysis.stages[game.analysis.stages.length - 1]!;

describe('verdicts', () => {
  it('every game has a decided verdict at each of its equilibria, in both stages, as plain JSON', () => {
    expect(games.length).toBeGreaterThanOrEqual(16);
    for (const game of games) {
      for (const stage of game.analysis.stages) {
        expect(stage.equilibria.length, `${game.analysis.id} ${stage.stage}`).toBeGreaterThan(0);
        for (const v of stage.equilibria) {
          expect(v.verdict, `${game.analysis.id} ${stage.stage}: ${v.reason}`).not.toBe('undecided');
          expect(v.restsOn.length).toBeGreaterThan(0);
        }
      }
      const text = JSON.stringify(serialiseNonlinear(game.analysis));
      expect(text).not.toMatch(/null|NaN|Infinity/);
      expect(JSON.parse(text).id).toBe(game.analysis.id);
    }
  });
});

describe('equilibria', () => {
  it('every zero that Newton finds on the generated field lies in the analysis\'s equilibrium set, and every listed equilibrium is a zero', async () => {
    for (const game of games) {
      const module = await importEvaluator(game.analysis.id);
      const params = { ...defaultsOf(game.derivation), ...(game.derivation.game.activationKind === 'abstract' ? { activation: activationParam(TEST_ACTIVATIONS[0]!) } : {}) };
      const v = (t: number, p: number) => module.vectorField(t, p, params);
      const sets = evaluatedStage(game).equilibria.map((e) => e.where);
      const symbols = defaultsOf(game.derivation);
      const covered = (t: number, p: number): boolean => sets.some((w) => {
        if (w.kind === 'point') return Math.hypot(t - evaluate(w.theta, { symbols }), p - evaluate(w.phi, { symbols })) < 1e-6;
        if (w.kind === 'line' || w.kind === 'switching-line') return Math.abs((w.variable === 'theta' ? t : p) - evaluate(w.value, { symbols })) < 1e-6;
        // f abstract: where the factor vanishes for the test activation.
        return Math.abs(evaluate(w.factor, { symbols: { ...symbols, theta: t, phi: p }, activation: TEST_ACTIVATIONS[0]!.derivative })) < 1e-9;
      });
      for (let i = -6; i <= 6; i++) for (let j = -6; j <= 6; j++) {
        let [t, p] = [i * 0.75 + 0.013, j * 0.75 + 0.007];
        for (let k = 0; k < 60; k++) {
          const [a, b] = v(t, p);
          const jac = module.jacobian(t, p, params);
          const det = jac[0]! * jac[3]! - jac[1]! * jac[2]!;
          if (!Number.isFinite(det) || det === 0) break;
          const [dt, dp] = [(jac[3]! * a! - jac[1]! * b!) / det, (-jac[2]! * a! + jac[0]! * b!) / det];
          [t, p] = [t - dt, p - dp];
          if (Math.abs(t) > 1e3 || Math.abs(p) > 1e3 || Math.abs(dt) + Math.abs(dp) < 1e-15) break;
        }
        const [a, b] = v(t, p);
        if (Math.hypot(a!, b!) < 1e-12 && Math.abs(t) < 5 && Math.abs(p) < 5) expect(covered(t, p), `${game.analysis.id}: a zero at (${t}, ${p})`).toBe(true);
      }
      for (const w of sets) {
        if (w.kind === 'point') expect(Math.hypot(...v(evaluate(w.theta, { symbols }), evaluate(w.phi, { symbols })))).toBeLessThan(1e-12);
        if (w.kind === 'line') for (const s of [-2, -0.5, 0.3, 1.7]) expect(Math.hypot(...(w.variable === 'phi' ? v(s, 0) : v(0, s)))).toBeLessThan(1e-12);
      }
    }
  });

  it('the interval count certifies each zero of fields with known zeros and excludes the rest', () => {
    const [theta, phi] = [E.sym('theta'), E.sym('phi')];
    const two = [E.sub(E.pow(theta, E.num(2)), E.ONE), E.sub(phi, E.pow(theta, E.num(3)))] as const;
    const jacobian = [[E.mul(E.num(2), theta), E.ZERO], [E.mul(E.num(-3), E.pow(theta, E.num(2))), E.ONE]] as const;
    const count = countZeros(two, jacobian, [[-4, 4], [-4, 4]], {});
    expect(count.uncertified).toBe(0);
    expect(count.zeros.map(([t, p]) => [Math.round(t * 1e9) / 1e9, Math.round(p * 1e9) / 1e9]).sort((a, b) => a[0]! - b[0]!)).toEqual([[-1, -1], [1, 1]]);
    // sigmoid(theta) - 1/2 and phi: one zero at the origin, none elsewhere.
    const one = [E.sub(E.call('sigmoid', theta), E.num(0.5)), E.add(phi, E.mul(E.num(0.1), E.call('exp', theta)), E.num(-0.1))] as const;
    const j1 = [[E.mul(E.call('sigmoid', theta), E.call('sigmoid', E.neg(theta))), E.ZERO], [E.mul(E.num(0.1), E.call('exp', theta)), E.ONE]] as const;
    const c1 = countZeros(one, j1, [[-4, 4], [-4, 4]], {});
    expect(c1.uncertified).toBe(0);
    expect(c1.zeros).toHaveLength(1);
    expect(Math.hypot(...c1.zeros[0]!)).toBeLessThan(1e-12);
    // A double zero (singular Jacobian) is found but cannot be certified: reported, not counted.
    const double = countZeros([E.pow(theta, E.num(2)), phi], [[E.mul(E.num(2), theta), E.ZERO], [E.ZERO, E.ONE]], [[-1, 1.3], [-1, 1.3]], {});
    expect(double).toMatchObject({ zeros: [], uncertified: 1 });
  });

  it('where the closed form leaves a factor unsolved, the certified count finds every zero in its box', () => {
    const counted = games.flatMap((g) => g.analysis.stages.filter((s) => s.search.method === 'interval count'));
    expect(counted.length).toBeGreaterThan(0);
    for (const stage of counted) {
      if (stage.search.method !== 'interval count') continue;
      expect(stage.search.uncertified).toBe(0);
      expect(stage.equilibria.length).toBe(stage.search.certified);
    }
  });

  it("with instance noise, a set where f's derivative vanishes is where its mean over the noise does, and only a lone noisy factor makes one", () => {
    // An f whose f' has zeros, f'(t) = t^2 - 1, under noise of sigma = 1/2: the field's mean over
    // epsilon (a trapezoid rule over +-10 sigma, not the generator's) vanishes where the mean of
    // the set's factor does, theta^2 + sigma^2 = 1 at phi = 1, not where the factor does at epsilon = 0.
    const [theta, phi, epsilon] = ['theta', 'phi', 'epsilon'].map(E.sym) as [E.Expr, E.Expr, E.Expr];
    const sigma = 0.5;
    const factor = E.activation(1, E.mul(phi, E.add(theta, epsilon)));
    const field: [E.Expr, E.Expr] = [E.neg(E.mul(phi, factor)), E.mul(E.add(theta, epsilon), factor)];
    const context = { positive: new Set<string>(), noise: { symbol: 'epsilon', sigma: E.num(Q.rational(1n, 2n)) } };
    const found = equilibria(field, context);
    const set = found.sets.find((s) => s.kind === 'conditional');
    expect(set).toMatchObject({ kind: 'conditional', factor, meanOver: epsilon });
    const activation = (order: number, x: number): number => (order === 1 ? x * x - 1 : NaN);
    const mean = (e: E.Expr, t: number, p: number): number => {
      const n = 4000, h = (20 * sigma) / n;
      let sum = 0;
      for (let k = 0; k <= n; k++) {
        const eps = -10 * sigma + k * h;
        const weight = (k === 0 || k === n ? 0.5 : 1) * Math.exp(-(eps * eps) / (2 * sigma * sigma));
        sum += weight * evaluate(e, { symbols: { theta: t, phi: p, epsilon: eps }, activation });
      }
      return (sum * h) / (sigma * Math.sqrt(2 * Math.PI));
    };
    const onSet = Math.sqrt(1 - sigma * sigma);
    expect(Math.abs(mean(field[0], onSet, 1))).toBeLessThan(1e-9);
    expect(Math.abs(mean(set!.kind === 'conditional' ? set!.factor : E.ONE, onSet, 1))).toBeLessThan(1e-9);
    expect(Math.abs(mean(field[0], 1, 1))).toBeGreaterThan(0.2);
    // v1 with another factor that moves with the noise (of any sign), or f' to a higher power: its
    // mean is not the mean of f' times the rest, no set is claimed, f' is left unsolved.
    for (const v1 of [E.mul(E.add(theta, epsilon), factor), E.mul(phi, E.pow(factor, E.num(2))), E.mul(phi, E.call('exp', E.mul(phi, E.add(theta, epsilon))), factor)]) {
      const found = equilibria([v1, field[1]], context);
      expect(found.sets.filter((s) => s.kind === 'conditional'), v1.key).toEqual([]);
      expect(found.unsolved, v1.key).toContain(factor);
    }
  });
});

describe('lines of equilibria', () => {
  it('trajectories end where the analysis says, and near the degenerate point as its leading-order law says', async () => {
    const points = verdictsOf(games).filter((v) => v.verdict.endPoints);
    expect(points.length).toBeGreaterThan(0);
    for (const { game, verdict } of points) {
      const module = await importEvaluator(game.analysis.id);
      const params = defaultsOf(game.derivation);
      const v = (t: number, p: number) => { const r = module.vectorField(t, p, params); return [r[0]!, r[1]!] as const; };
      for (const { start, end } of verdict.endPoints!) {
        const path = integrate(v, start, 2000, 2000, 1e-12);
        const last = path.t.length - 1;
        expect(path.theta[last]!, `${game.analysis.id} from (${start})`).toBeCloseTo(end[0], 6);
        expect(path.phi[last]!).toBeCloseTo(end[1], 6);
      }
      // Leading order near the point: end^(k+1) = endPointPower at the start.
      const law = verdict.formulas.endPointPower!;
      const small = verdict.endPoints!.filter(({ start }) => Math.hypot(...start) < 0.02);
      expect(small.length).toBeGreaterThan(0);
      for (const { start, end } of small) {
        const power = evaluate(law, { symbols: { ...params, theta: start[0], phi: start[1] } });
        const k1 = Math.round(Math.log(Math.abs(power)) / Math.log(Math.abs(end[0])));
        expect(Math.abs(Math.sign(power) * Math.abs(power) ** (1 / k1) / end[0] - 1)).toBeLessThan(0.01);
      }
    }
  });
});

describe('valid games the generator once stopped on with a stack trace', () => {
  const game = (id: string, fields: Record<string, unknown>) =>
    derive(specialise(checkGame(`derivations/${id}.ts`, { id, title: { en: id, zh: id }, summary: { en: id, zh: id }, sources: ['a test'], claims: { verdict: 'inconclusive', source: 'a test' }, ...fields })));
  const gamma = { gamma: penaltyWeight() };

  it('instance noise with a kinked penalty: the switching line of a field averaged over the noise is undecided, and says why', () => {
    const derivation = game('noise-gp', { activation: standardActivation, objective: ganObjective({ noise: 'sigma' }), regularisers: [wganGradientPenalty()], hyperparameters: { ...gamma, sigma: { default: 0.5, range: [0.1, 2], description: { en: 'noise', zh: '噪声' } } } });
    const lines = analyseNonlinear(derivation).stages.flatMap((s) => s.equilibria).filter((e) => e.where.kind === 'switching-line');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ verdict: 'undecided', reason: expect.stringMatching(/expectation over the instance noise/) });
  });

  // f(t) = t - t^2/2: f'(t) = 1 - t, so v vanishes on the curve phi theta = 1 as well as at (0, 0).
  const quadratic = { definition: 't - t^2/2' };
  it("a kink through an equilibrium the closed form did not list (sign(phi) at the origin): undecided, not a series' error", () => {
    const derivation = game('kink-origin', { activation: quadratic, objective: ganObjective(), regularisers: [wganGradientPenalty()], hyperparameters: gamma });
    const origin = analyseNonlinear(derivation).stages.flatMap((s) => s.equilibria).filter((e) => e.where.kind === 'point' && e.where.theta === E.ZERO && e.where.phi === E.ZERO);
    expect(origin.length).toBeGreaterThan(0);
    for (const e of origin) expect(e).toMatchObject({ verdict: 'undecided', reason: expect.stringMatching(/kink through it \(sign\(phi\)\)/), restsOn: ['factored solve'] });
  });

  it("a kinked f and kinked penalties: another kink met on the switching line (f's own, on phi = 0) leaves it undecided, said why", () => {
    const derivation = game('kinks', { activation: { definition: 'min(t, 0) + t' }, objective: ganObjective(), regularisers: [wganLipschitzPenalty(), draganPenalty()], hyperparameters: gamma });
    const lines = analyseNonlinear(derivation).stages.flatMap((s) => s.equilibria).filter((e) => e.where.kind === 'switching-line' && e.verdict === 'undecided');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line.reason).toMatch(/another kink of the field \(.+\) meets it/);
  });

  it('a curve of equilibria, phi = 1/theta: listed, and the training methods along it are not computed (they are along straight lines)', async () => {
    const derivation = game('curve', { activation: quadratic, objective: ganObjective() });
    const analysis = analyseNonlinear(derivation);
    const concrete = analysis.stages.find((s) => s.stage === 'concrete')!;
    const curve = concrete.equilibria.find((e) => e.where.kind === 'line');
    expect(curve?.where).toMatchObject({ kind: 'line', variable: 'phi' });
    // The line analysis is of variable = 0: a curve off the axes is said to be not analysed.
    expect(curve).toMatchObject({ verdict: 'undecided', reason: expect.stringMatching(/^a curve of equilibria off the axes \(phi = 1\/theta\)/) });
    const { methods } = await loadMethods(path.join(ROOT, 'methods'), ROOT);
    const elsewhere = rulesElsewhere(derivation.concrete!, analysis, 'concrete', methods, environmentOf(derivation.game, derivation.activationDerivatives), derivation.game.file);
    expect(elsewhere).toEqual([]);
  });
});

