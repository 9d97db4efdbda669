/**
 * generated/methods.ts, the training methods compiled for any game: each step against the
 * method's own rule run on numbers (the rule as its file writes it, stepped on the game's
 * checked field and Jacobian), Adam's against the textbook update written out here, each
 * update matrix M(J) against central differences of the compiled step at the equilibrium,
 * the runtime's spectral radius and bound search against the records, and the records'
 * simulations of Adam and RMSProp against runs of the exported steps on the game modules.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import * as compiled from '../generated/methods.js';
import type { CompiledMethod, GameDynamics } from '../generated/methods.js';
import { characteristicCoefficients, methodLearningRateBound, methodSpectralRadius, startState } from '../runtime/method-steps.js';
import { polynomialRadius, withoutRootsAtOne } from '../runtime/schur.js';
import { coefficientsAt } from '../generator/contract/records.js';
import { flatten, loadedMethods, numericStep, unflatten } from './support/methods.js';
import { importEvaluator } from './support/evaluators.js';
import { loadRecords } from './support/records.js';
import { namespaceOf } from '../generator/game.js';
import type { MethodDefinition } from '../generator/method.js';
import { defineMethod } from '../generator/method.js';
import { stepBody, traceStep } from '../generator/methods/compile.js';
import { DIRAC_PLAYERS } from '../generator/methods/analyse.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedOutputs } from '../generator/pipeline.js';
import { METHODS_MODULE, emitMethodsModule } from '../generator/emit/methods-module.js';
import { methodSources } from '../generator/methods/sources.js';
import { ROOT } from './support/records.js';

type AnyMethod = CompiledMethod<Record<string, number>>;
const compiledOf = (id: string): AnyMethod => (compiled as unknown as Record<string, AnyMethod>)[namespaceOf(id)]!;

/** A fixed pseudo-random sequence in [-1, 1]. */
function sequence(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (2 * s) / 2147483647 - 1;
  };
}

/** A state a run could reach: memories that are squares are positive, powers of a decay in (0, 1). */
function randomState(method: MethodDefinition, next: () => number): number[] {
  return ['x', ...method.memory].flatMap((part) => {
    const start = method.start?.[part];
    if (start === 1) return [0.5 + 0.4 * next(), 0.5 + 0.4 * next()];
    if (start === 0 && /square/i.test(part)) return [Math.abs(next()), Math.abs(next())];
    return [next(), next()];
  });
}

const GAMES = ['gan-r1', 'wgan', 'wgan-gp', 'lsgan'];

describe('the compiled training methods (generated/methods.ts)', () => {
  it('step as each method’s own rule does on numbers, every variant, on games smooth and kinked', async () => {
    const methods = await loadedMethods();
    let compared = 0;
    for (const id of GAMES) {
      const game = await importEvaluator(id);
      const params = { ...game.defaults };
      for (const method of methods) {
        const target = compiledOf(method.id);
        const next = sequence(7 + compared);
        for (const variant of ['simultaneous', 'alternating'] as const) {
          for (let trial = 0; trial < 4; trial++) {
            const [hG, hD] = [0.05 + 0.2 * Math.abs(next()), 0.05 + 0.2 * Math.abs(next())];
            const state = randomState(method, next);
            const hyperparameters = { ...target.defaults, ...Object.fromEntries(Object.entries(method.counts ?? {}).map(([name, c]) => [name, c.default])) };
            const expected = flatten(method, numericStep({ method, variant, game, params, h: hG, hD, hyperparameters })(unflatten(method, state)));
            const got = [...target.steps[variant](game as unknown as GameDynamics<unknown>, Float64Array.from(state), { hG, hD }, target.defaults, params)];
            got.forEach((x, i) => expect(Math.abs(x - expected[i]!), `${method.id} ${variant} on ${id}, coordinate ${i}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(expected[i]!))));
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(GAMES.length * 10 * 2 * 4);
  });

  it('name every local of a compiled step once, whatever the memory is called', async () => {
    const momentum = (await loadedMethods()).find((m) => m.id === 'momentum')!;
    // v0_ with the coordinate's index is v0_0, the name the field's first result would take without its $.
    const renamed = defineMethod({
      ...momentum,
      id: 'renamed',
      memory: ['v0_'],
      step: ({ x, v0_ }, m) => {
        const next = momentum.step({ x: x!, previous: v0_! }, m);
        return { x: next['x']!, v0_: next['previous']! };
      },
    });
    for (const variant of ['simultaneous', 'alternating'] as const) {
      const body = stepBody(traceStep(renamed, variant, DIRAC_PLAYERS), ['beta'], true).join('\n');
      const declared = [...body.matchAll(/(?:const |, )([A-Za-z_$][\w$]*) = /g)].map((m) => m[1]!);
      expect(declared.length, variant).toBeGreaterThan(4);
      expect(new Set(declared).size, `${variant}: ${declared.join(' ')}`).toBe(declared.length);
    }
  });

  it('step Adam as Kingma and Ba write it, with bias correction, from zero moments', async () => {
    const game = await importEvaluator('gan-r1');
    const { beta1, beta2, eps } = compiled.adam.defaults;
    const h = 0.05;
    let [x, m, v] = [[0.8, -0.6], [0, 0], [0, 0]];
    const state = startState(compiled.adam, x);
    const field = new Float64Array(2);
    for (let t = 1; t <= 50; t++) {
      // The gradient each player descends is -v (its field points downhill).
      const g = [...game.vectorField(x[0]!, x[1]!, game.defaults!, field)].map((vi) => -vi);
      m = m.map((mi, i) => beta1 * mi + (1 - beta1) * g[i]!);
      v = v.map((vi, i) => beta2 * vi + (1 - beta2) * g[i]! ** 2);
      x = x.map((xi, i) => xi - (h * (m[i]! / (1 - beta1 ** t))) / (Math.sqrt(v[i]! / (1 - beta2 ** t)) + eps));
      compiled.adamStep(game as unknown as GameDynamics<unknown>, state, { hG: h, hD: h });
      expect(Math.abs(state[0]! - x[0]!) + Math.abs(state[1]! - x[1]!), `step ${t}`).toBeLessThan(1e-13);
    }
  });

  it('write each update matrix M(J) = I + N(J) as central differences of the compiled step at the equilibrium find it, and its spectral radius as ml-matrix’s eigenvalues', async () => {
    const game = await importEvaluator('gan-r1');
    const params = game.defaults!;
    const j = game.jacobian(0, 0, params);
    let compared = 0;
    for (const method of await loadedMethods()) {
      const target = compiledOf(method.id);
      if (!target.updateIncrement) continue;
      for (const variant of ['simultaneous', 'alternating'] as const) {
        const rates = { hG: 0.3, hD: 0.2 };
        const n = target.parts.length * 2;
        // M = I + N.
        const m = target.updateIncrement[variant](j, rates, target.defaults, new Float64Array(n * n)).map((x, k) => x + (k % (n + 1) === 0 ? 1 : 0));
        const delta = 1e-6;
        for (let k = 0; k < n; k++) {
          const image = (sign: number): Float64Array => target.steps[variant](game as unknown as GameDynamics<unknown>, Float64Array.from({ length: n }, (_, i) => (i === k ? sign * delta : 0)), rates, target.defaults, params, new Float64Array(n));
          const [plus, minus] = [image(1), image(-1)];
          for (let i = 0; i < n; i++) expect(Math.abs(m[i * n + k]! - (plus[i]! - minus[i]!) / (2 * delta)), `${method.id} ${variant}: M[${i}][${k}]`).toBeLessThan(1e-6);
        }
        const e = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => [...m.slice(i * n, (i + 1) * n)])), { assumeSymmetric: false });
        const radius = Math.max(...e.realEigenvalues.map((re, i) => Math.hypot(re, e.imaginaryEigenvalues[i]!)));
        expect(methodSpectralRadius(target, variant, j, rates)).toBeCloseTo(radius, 9);
        compared++;
      }
    }
    expect(compared).toBe(16);
  });

  it('find the records’ bounds with the runtime’s search on M(J), where the records say the method converges below one', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    let compared = 0;
    for (const id of ['gan-r1', 'rpgan-r1-r2']) {
      const game = await importEvaluator(id);
      const j = game.jacobian(0, 0, game.defaults!);
      for (const rule of records.get(id)!.rules) {
        if (rule.verdict !== 'converges-below-bound') continue;
        const searched = methodLearningRateBound(compiledOf(rule.method), rule.variant, j);
        expect(searched.verdict, `${id} ${rule.method} ${rule.variant}`).toBe('converges-below-bound');
        expect(searched.bound! / rule.bound!, `${id} ${rule.method} ${rule.variant}`).toBeCloseTo(1, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('state the optimal learning rate of each method, numeric or in closed form, where a scan of the runtime’s spectral radius finds nothing smaller', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    let [optima, closed] = [0, 0];
    for (const id of ['gan-r1', 'gan-consensus']) {
      const game = await importEvaluator(id);
      const record = records.get(id)!;
      const j = game.jacobian(0, 0, game.defaults!);
      for (const rule of record.rules) {
        if (!rule.optimum) continue;
        const method = compiledOf(rule.method);
        const rho = (h: number): number => methodSpectralRadius(method, rule.variant, j, { hG: h, hD: h });
        const where = `${id} ${rule.method} ${rule.variant}`;
        // To 5e-5: an optimum is often where two eigenvalues meet, and there rho(h) has a square-root cusp.
        expect(rho(rule.optimum.h), where).toBeCloseTo(rule.optimum.radius, 4);
        // 150 rates from 1e-3 to 1e3, and the optimum's neighbours: none contracts faster.
        const scan = [...Array.from({ length: 150 }, (_, i) => 1e-3 * 10 ** (i / 25)), rule.optimum.h * 0.999, rule.optimum.h * 1.001];
        for (const h of scan) expect(rho(h), `${where} at h = ${h}`).toBeGreaterThanOrEqual(rule.optimum.radius - 1e-6);
        if (rule.optimum.closedForm) {
          const values = { ...Object.fromEntries(record.hyperparameters.map((p) => [p.name, p.default])), ...rule.atDefaults };
          // The record's numbers have 10 digits.
          expect(evaluate(fromNerdamer(rule.optimum.closedForm.h.text), { symbols: values }) / rule.optimum.h, where).toBeCloseTo(1, 9);
          expect(Math.sqrt(evaluate(fromNerdamer(rule.optimum.closedForm.radiusSquared.text), { symbols: values })) / rule.optimum.radius, where).toBeCloseTo(1, 9);
          closed++;
        }
        optima++;
      }
    }
    expect(optima).toBeGreaterThan(20);
    expect(closed).toBeGreaterThanOrEqual(4);
  });

  it('state, with the method’s own hyperparameter free too, a pair that 400 random pairs of the runtime’s radius do not beat', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    const methods = await loadedMethods();
    let checkedPairs = 0;
    for (const id of ['gan-r1', 'wgan']) {
      const game = await importEvaluator(id);
      const j = game.jacobian(0, 0, game.defaults!);
      for (const rule of records.get(id)!.rules) {
        const joint = rule.jointOptimum;
        if (!joint) continue;
        const method = compiledOf(rule.method);
        const [low, high] = methods.find((m) => m.id === rule.method)!.hyperparameters![joint.name]!.range;
        const rho = (q: number, h: number): number => methodSpectralRadius(method, rule.variant, j, { hG: h, hD: h }, { ...method.defaults, [joint.name]: q });
        const where = `${id} ${rule.method} ${rule.variant}`;
        // At the pair itself (to 1e-4: an optimum where eigenvalues meet sits on a square-root cusp).
        expect(rho(joint.value, joint.h), where).toBeLessThan(joint.radius + 1e-4);
        expect(joint.radius, `${where}: no worse than the one-rate optimum`).toBeLessThanOrEqual((rule.optimum?.radius ?? 1) + 1e-9);
        const next = sequence(11 + checkedPairs);
        for (let k = 0; k < 400; k++) {
          const [q, h] = [low + ((high - low) * (1 + next())) / 2, 10 ** (-3 + 2 * (1 + next()))];
          expect(rho(q, h), `${where} at ${joint.name} = ${q}, h = ${h}`).toBeGreaterThanOrEqual(joint.radius - 1e-6);
        }
        checkedPairs++;
      }
    }
    expect(checkedPairs).toBeGreaterThanOrEqual(8);
  });

  it('decide the methods at the other equilibria as the runtime does at J there, and along LSGAN’s line of equilibria as runs from beside it do', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    // gan-consensus's two saddles: the runtime's search on the compiled N(J) at the game's own J there.
    const consensus = await importEvaluator('gan-consensus');
    let points = 0;
    for (const elsewhere of records.get('gan-consensus')!.rulesElsewhere) {
      if (!('at' in elsewhere)) continue;
      const j = consensus.jacobian(elsewhere.at.theta, elsewhere.at.phi, consensus.defaults!);
      for (const rule of elsewhere.rules) {
        const searched = methodLearningRateBound(compiledOf(rule.method), rule.variant, j);
        expect(searched.verdict, `${rule.method} ${rule.variant} at (${elsewhere.at.theta}, ${elsewhere.at.phi})`).toBe(rule.verdict);
        if (rule.bound !== undefined) expect(searched.bound! / rule.bound).toBeCloseTo(1, 6);
        points++;
      }
    }
    expect(points).toBe(2 * 16);
    // LSGAN: every (theta, 0) is an equilibrium; a step from beside the line comes back to it exactly
    // where the plane's roots other than 1 lie inside the circle.
    const lsgan = await importEvaluator('lsgan');
    const line = records.get('lsgan')!.rulesElsewhere.find((e) => 'line' in e);
    if (!line || !('planes' in line)) throw new Error('LSGAN has no line of equilibria in its record');
    let runs = 0;
    for (const { method: id, variant, plane } of line.planes) {
      const method = compiledOf(id);
      for (const theta of [0.5, 1, 1.5]) {
        for (const h of [0.1, 0.5, 1.2, 2.5]) {
          const predicted = polynomialRadius(withoutRootsAtOne(coefficientsAt(plane, theta, h)));
          if (Math.abs(predicted - 1) < 0.03) continue;
          const state = startState(method, [theta, 1e-8]);
          let far = false;
          for (let k = 0; k < 400 && !far; k++) {
            method.steps[variant](lsgan as unknown as GameDynamics<unknown>, state, { hG: h, hD: h });
            far = !(Math.abs(state[1]!) < 1e-4);
          }
          const back = !far && Math.abs(state[1]!) < 1e-9;
          expect(back, `${id} ${variant} at theta = ${theta}, h = ${h}: predicted ${predicted}, phi ${state[1]}`).toBe(predicted < 1);
          runs++;
        }
      }
    }
    console.log(`[methods] ${runs} runs from beside LSGAN's line`);
    expect(runs).toBeGreaterThan(100);
  });

  it('state bounds below which the runtime’s radius is under 1 at every one of 150 rates, gaps of instability included', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    let rules = 0;
    for (const id of ['gan-r1', 'rpgan-r1-r2']) {
      const game = await importEvaluator(id);
      const j = game.jacobian(0, 0, game.defaults!);
      for (const rule of records.get(id)!.rules) {
        const method = compiledOf(rule.method);
        for (const interval of rule.intervals) {
          const [from, to] = [Math.max(interval.from, 1e-3), Math.min(interval.to ?? 1e3, 1e3)];
          for (let k = 1; k < 150; k++) {
            const h = from * (to / from) ** (k / 150);
            expect(methodSpectralRadius(method, rule.variant, j, { hG: h, hD: h }), `${id} ${rule.method} ${rule.variant} at h = ${h} in [${from}, ${to}]`).toBeLessThan(1 + 1e-9);
          }
        }
        rules++;
      }
    }
    expect(rules).toBe(2 * 16);
    // LSGAN's eigenvalue 1 keeps every map from contracting, whatever a method's own hyperparameter is.
    expect(records.get('lsgan')!.rules.filter((r) => r.jointOptimum)).toEqual([]);
  });

  it('leave undecided, as the records do, a stable J whose map does not contract at 1e-6, and say never where J is not stable', async () => {
    const gradient = compiledOf('gradient');
    // R1 with a weight of 4e6: gradient steps converge below h = 5e-7, which the scan does not reach.
    expect(methodLearningRateBound(gradient, 'simultaneous', [0, -0.5, 0.5, -4e6]).verdict).toBe('undecided');
    expect(methodLearningRateBound(gradient, 'simultaneous', [0, -0.5, 0.5, 0.05]).verdict).toBe('never-converges');
  });

  it('give the characteristic polynomial whose roots are ml-matrix’s eigenvalues', () => {
    const next = sequence(3);
    for (const n of [1, 2, 4, 6]) {
      const m = Array.from({ length: n * n }, () => next());
      const c = characteristicCoefficients(m, n);
      const e = new EigenvalueDecomposition(new Matrix(Array.from({ length: n }, (_, i) => m.slice(i * n, (i + 1) * n))), { assumeSymmetric: false });
      e.realEigenvalues.forEach((re, i) => {
        // p(lambda) = 0, evaluated in complex arithmetic by Horner's rule.
        const im = e.imaginaryEigenvalues[i]!;
        let [pr, pi] = [0, 0];
        for (let k = n; k >= 0; k--) [pr, pi] = [pr * re - pi * im + c[k]!, pr * im + pi * re];
        expect(Math.hypot(pr, pi), `n = ${n}`).toBeLessThan(1e-10);
      });
    }
  });

  it('simulate every method with no linearisation at the equilibrium: Adam and RMSProp everywhere, every method where the field has a kink there', async () => {
    const methods = await loadedMethods();
    for (const record of loadRecords('all')) {
      const kinked = record.verdict.verdict === 'not-differentiable';
      for (const method of methods) {
        for (const variant of ['simultaneous', 'alternating'] as const) {
          const simulated = record.simulations.some((s) => s.method === method.id && s.variant === variant);
          expect(simulated, `${record.id} ${method.id} ${variant}`).toBe(kinked || method.notDifferentiable !== undefined);
        }
      }
    }
    expect(loadRecords('all').filter((r) => r.verdict.verdict === 'not-differentiable').map((r) => r.id).sort()).toEqual(['dragan', 'wgan-gp']);
  });

  it('simulate as the records say, rows and basins, run again with the exported steps on the game modules (Adam and RMSProp; every method on WGAN-GP)', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    let runs = 0;
    for (const id of ['gan-r1', 'lsgan', 'wgan-gp']) {
      const game = await importEvaluator(id);
      const field = new Float64Array(2);
      for (const simulation of records.get(id)!.simulations) {
        if (!('rows' in simulation)) throw new Error(`${id} ${simulation.method}: not simulated`);
        const method = compiledOf(simulation.method);
        // The record's definition of a run's end, written out again: |theta| + |phi| beyond 1e3
        // diverged; within 1e-100 of (0, 0), or the field below 1e-6 after a last 100 steps that
        // moved less than that, at rest; otherwise still moving.
        const endOf = (start: readonly number[], h: number, hyperparameters: Record<string, number>): 'r' | 'm' | 'd' => {
          runs++;
          const state = startState(method, start);
          let before = [0, 0];
          for (let k = 0; k < simulation.steps; k++) {
            if (k === simulation.steps - 100) before = [state[0]!, state[1]!];
            method.steps[simulation.variant](game as unknown as GameDynamics<unknown>, state, { hG: h, hD: h }, hyperparameters);
            const size = Math.abs(state[0]!) + Math.abs(state[1]!);
            if (!(size <= 1e3)) return 'd';
            if (size < 1e-100) return 'r';
          }
          game.vectorField(state[0]!, state[1]!, game.defaults!, field);
          return Math.hypot(field[0]!, field[1]!) < 1e-6 && Math.hypot(state[0]! - before[0]!, state[1]! - before[1]!) < 1e-6 ? 'r' : 'm';
        };
        for (const row of simulation.rows) {
          const ends = simulation.starts.map((start) => endOf(start, row.h, row.hyperparameters));
          const count = (e: string): number => ends.filter((x) => x === e).length;
          expect({ converged: count('r'), moving: count('m'), diverged: count('d') }, `${id} ${simulation.method} ${simulation.variant} h = ${row.h} ${JSON.stringify(row.hyperparameters)}`).toEqual({ converged: row.converged, moving: row.moving, diverged: row.diverged });
        }
        if (!simulation.basin) {
          // Simulated only for the kink at the equilibrium: at the method's defaults, no basin.
          expect(simulation.rows.every((row) => JSON.stringify(row.hyperparameters) === JSON.stringify(method.defaults)), `${id} ${simulation.method}`).toBe(true);
          continue;
        }
        const { size, reach, h, ends } = simulation.basin;
        const at = (i: number): number => -reach + (2 * reach * i) / (size - 1);
        let grid = '';
        for (let row = 0; row < size; row++) for (let column = 0; column < size; column++) grid += endOf([at(column), at(row)], h, method.defaults);
        expect(grid, `${id} ${simulation.method} ${simulation.variant}: basin`).toBe(ends);
      }
    }
    // Every row's starts and every basin's grid run again: Adam's and RMSProp's on the three games
    // (6 rows of 8 starts and 25 basin starts each), and WGAN-GP's eight others (2 rows of 8 each).
    const expected = ['gan-r1', 'lsgan', 'wgan-gp'].flatMap((id) => records.get(id)!.simulations).reduce((sum, s) => sum + ('rows' in s ? s.rows.length * s.starts.length + (s.basin?.size ?? 0) ** 2 : 0), 0);
    expect(expected).toBe(3 * 2 * 2 * (6 * 8 + 25) + 8 * 2 * 2 * 8);
    expect(runs).toBe(expected);
  });

  it('give the basins the records have for the methods whose linearisation converges, run again with the exported steps on the game modules', async () => {
    const records = new Map(loadRecords('all').map((r) => [r.id, r]));
    // Every rule that converges at the defaults has a basin, where the game is simulated at all.
    for (const record of records.values()) {
      const simulated = record.activation !== 'abstract' && !record.noise;
      for (const rule of record.rules) {
        const converges = rule.verdict === 'converges-for-all-h' || (rule.verdict === 'converges-below-bound' && rule.bound !== undefined);
        expect(rule.basin !== undefined, `${record.id} ${rule.method} ${rule.variant}`).toBe(converges && simulated);
      }
    }
    const seen = new Set<string>();
    // A game where every run comes to rest, one where they keep moving (slow: the unregularised
    // GAN), one where the outer starts diverge (WGAN-div).
    for (const id of ['gan-r1', 'gan', 'wgan-div']) {
      const game = await importEvaluator(id);
      const field = new Float64Array(2);
      for (const rule of records.get(id)!.rules) {
        if (!rule.basin) continue;
        const method = compiledOf(rule.method);
        const { size, reach, h, steps, ends } = rule.basin;
        // The record's end of a run, written out again; a linearly contracting method has arrived within 1e-8 of (0, 0).
        const endOf = (start: readonly number[]): 'r' | 'm' | 'd' => {
          const state = startState(method, start);
          let before = [0, 0];
          for (let k = 0; k < steps; k++) {
            if (k === steps - 100) before = [state[0]!, state[1]!];
            method.steps[rule.variant](game as unknown as GameDynamics<unknown>, state, { hG: h, hD: h }, method.defaults);
            const distance = Math.abs(state[0]!) + Math.abs(state[1]!);
            if (!(distance <= 1e3)) return 'd';
            if (distance < 1e-8) return 'r';
          }
          game.vectorField(state[0]!, state[1]!, game.defaults!, field);
          return Math.hypot(field[0]!, field[1]!) < 1e-6 && Math.hypot(state[0]! - before[0]!, state[1]! - before[1]!) < 1e-6 ? 'r' : 'm';
        };
        const at = (i: number): number => -reach + (2 * reach * i) / (size - 1);
        let grid = '';
        for (let row = 0; row < size; row++) for (let column = 0; column < size; column++) grid += endOf([at(column), at(row)]);
        expect(grid, `${id} ${rule.method} ${rule.variant}: basin at h = ${h}`).toBe(ends);
        for (const end of ends) seen.add(end);
      }
    }
    expect([...seen].sort()).toEqual(['d', 'm', 'r']);
  });
});

describe('the methods module kept between runs of the generator', () => {
  it('is emitted again when a method file changes: kept by the files\' sources, not taken from an earlier run', async () => {
    const methods = await loadedMethods();
    const committed = readFileSync(path.join(ROOT, 'generated', METHODS_MODULE), 'utf8');
    const records = loadRecords('all');
    expect(sharedOutputs(records, true, methods).get(METHODS_MODULE)).toBe(committed);
    // The first method with a new summary, as an edit of its file gives it (and its source).
    const [first, ...rest] = methods;
    const edited = { ...first!, summary: { en: 'An edited summary.', zh: '改过的摘要。' } };
    methodSources.set(edited, `${methodSources.get(first!)}\n// edited`);
    const again = sharedOutputs(records, true, [edited, ...rest]).get(METHODS_MODULE)!;
    expect(again).not.toBe(committed);
    expect(again).toBe(emitMethodsModule([edited, ...rest]));
  });
});
