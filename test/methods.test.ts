/**
 * The training methods of methods/ (generator/methods/): the linearised update map, its
 * characteristic polynomial and the Schur conditions, checked against the rules run on numbers
 * on each game's own field (the generated evaluators): finite differences of one step and
 * ml-matrix's eigenvalues of them; simulations on both sides of every derived bound; and the
 * bounds of the runtime's own search (the records' discrete analysis) where the methods meet.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { rulesOf } from '../generator/game-record.js';
import type { RuleAnalysis } from '../generator/methods/analyse.js';
import { analyseRules } from '../generator/methods/analyse.js';
import * as E from '../generator/ir/expr.js';
import type { Matrix2 } from '../generator/derive/field.js';
import { defineMethod } from '../generator/method.js';
import { fromTable, toTable } from '../generator/ir/table.js';
import { cachedExpressions } from '../generator/cache.js';
import type { Derivation } from '../generator/derive/derive.js';
import type { MethodDefinition } from '../generator/method.js';
import { NUMBERS, initialState } from '../generator/methods/context.js';
import { derivedGames } from './support/nonlinear.js';
import { flatten, growthRate, loadedMethods, numericStep, unflatten } from './support/methods.js';
import type { NumericRun } from './support/methods.js';
import { importEvaluator } from './support/evaluators.js';
import type { Evaluator } from './support/evaluators.js';
import { ROOT, loadRecords } from './support/records.js';
import { polynomialRadius } from '../runtime/schur.js';
import { coefficientsAt } from '../site/data/methods.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Case {
  readonly derivation: Derivation;
  readonly game: Evaluator;
  readonly params: Record<string, number>;
  readonly rules: readonly RuleAnalysis[];
}

/** Every game whose equilibrium is differentiable, with a concrete f (an abstract f's numbers are for f'(0) = 1, which no evaluator is given). */
async function cases(): Promise<Case[]> {
  const methods = await loadedMethods();
  const derivations = (await derivedGames()).filter((d) => d.game.activationKind !== 'abstract' && (d.concrete ?? d.generic).equilibrium.differentiable);
  return Promise.all(derivations.map(async (derivation) => ({
    derivation,
    game: await importEvaluator(derivation.game.definition.id),
    params: Object.fromEntries(derivation.game.hyperparameters.map((name) => [name, derivation.game.definition.hyperparameters[name]!.default])),
    rules: rulesOf(derivation, methods),
  })));
}

/** One game for each linearisation: games with the same J(0, 0) and numbers share their
 * analyses (the same objects), and their fields differ only in terms that a run started at
 * 1e-6 from the equilibrium never sees; the first game's own field stands for the others. */
async function distinctCases(): Promise<Case[]> {
  const all = await cases();
  return all.filter((c, i) => all.findIndex((d) => d.rules[0] === c.rules[0]) === i);
}

const runOf = (c: Case, rule: RuleAnalysis, h: number): NumericRun => ({ method: rule.method, variant: rule.variant, game: c.game, params: c.params, h, hyperparameters: rule.defaults });

/** The spectral radius of the rule's map at the equilibrium from central differences of one numeric step, by ml-matrix's eigenvalues. */
function finiteDifferenceRadius(run: NumericRun, method: MethodDefinition): number {
  const step = numericStep(run);
  const size = 2 * (1 + method.memory.length);
  const delta = 1e-6;
  const columns = Array.from({ length: size }, (_, k) => {
    const at = (sign: number): number[] => flatten(method, step(unflatten(method, Array.from({ length: size }, (_, i) => (i === k ? sign * delta : 0)))));
    const [plus, minus] = [at(1), at(-1)];
    return plus.map((p, i) => (p - minus[i]!) / (2 * delta));
  });
  const m = new Matrix(columns[0]!.map((_, i) => columns.map((column) => column[i]!)));
  const e = new EigenvalueDecomposition(m, { assumeSymmetric: false });
  return Math.max(...e.realEigenvalues.map((re, i) => Math.hypot(re, e.imaginaryEigenvalues[i]!)));
}

describe('the training methods of methods/', () => {
  it('linearise each rule as finite differences of one step on the game’s own field do: the same spectral radius', async () => {
    let compared = 0;
    const all = await distinctCases();
    expect(all.length, 'the games fall into the linearisations the analyses share').toBeGreaterThanOrEqual(6);
    for (const c of all) {
      for (const rule of c.rules) {
        const scale = rule.oneRate.bound ?? 1;
        for (const h of [0.5 * scale, 1.3 * scale]) {
          const expected = finiteDifferenceRadius(runOf(c, rule, h), rule.method);
          const radius = rule.oneRate.spectralRadius(h);
          // A double eigenvalue moves by the square root of the differences' error (1e-10).
          expect(Math.abs(radius - expected), `${c.derivation.game.definition.id} ${rule.method.id} ${rule.variant} h=${h}`).toBeLessThan(2e-5 * Math.max(1, expected));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('converge at 0.98 of every bound and diverge at 1.02 of it, simulated; and contract at the derived radius within 2% inside it', async () => {
    let simulated = 0;
    for (const c of await distinctCases()) {
      for (const rule of c.rules.filter((r) => r.oneRate.verdict === 'converges-below-bound')) {
        const bound = rule.oneRate.bound!;
        const where = `${c.derivation.game.definition.id} ${rule.method.id} ${rule.variant}`;
        for (const [factor, converges] of [[0.98, true], [1.02, false]] as const) {
          const h = factor * bound;
          const predicted = rule.oneRate.spectralRadius(h);
          expect(predicted < 1, `${where}: the derived radius at ${factor} of the bound`).toBe(converges);
          const steps = Math.min(800, Math.max(200, Math.ceil(30 / Math.abs(Math.log(predicted)))));
          const measured = growthRate(runOf(c, rule, h), steps);
          expect(measured < 1, `${where} at h = ${factor} x ${bound}: growth ${measured} per step`).toBe(converges);
        }
        const h = 0.5 * bound;
        const predicted = rule.oneRate.spectralRadius(h);
        const measured = growthRate(runOf(c, rule, h), Math.min(800, Math.max(200, Math.ceil(40 / Math.abs(Math.log(predicted))))));
        expect(Math.abs(Math.log(measured) - Math.log(predicted)), `${where} at h = ${h}: ${measured} vs ${predicted}`).toBeLessThan(0.02 * Math.abs(Math.log(predicted)));
        simulated++;
      }
    }
    expect(simulated).toBeGreaterThan(50);
  });

  it('bound gradient, extragradient and optimistic steps where the runtime’s search does (the records’ discrete analysis)', () => {
    const pairs = [['gradient', 'simultaneous', 'simultaneous'], ['gradient', 'alternating', 'alternating'], ['extragradient', 'simultaneous', 'extragradient'], ['optimistic', 'simultaneous', 'optimistic']] as const;
    let compared = 0;
    for (const record of loadRecords()) {
      if (!record.rules.length) continue;
      for (const [method, variant, discrete] of pairs) {
        const rule = record.rules.find((r) => r.method === method && r.variant === variant)!;
        const other = (record.discrete.concrete ?? record.discrete.generic).find((m) => m.method === discrete)!;
        expect(rule.verdict, `${record.id} ${method} ${variant}`).toBe(other.verdict);
        // A cycling map's bound is where a root leaves the unit circle by TOUCHES_ONE (1e-9): 1e-8 off the exact one.
        if (other.bound) expect(Math.abs(rule.bound! - other.bound.atDefaults), `${record.id} ${method} ${variant}`).toBeLessThan(1e-7 * other.bound.atDefaults);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('draw their planes (the site’s maps) where simulations on the game’s field converge: each plane’s polynomials give the radius a run measures', async () => {
    let compared = 0;
    for (const c of (await cases()).filter((x) => ['wgan', 'gan-consensus'].includes(x.derivation.game.definition.id))) {
      const record = loadRecords('all').find((r) => r.id === c.derivation.game.definition.id)!;
      for (const rule of record.rules) {
        const analysis = c.rules.find((r) => r.method.id === rule.method && r.variant === rule.variant)!;
        for (const plane of rule.planes) {
          for (const [x, y] of [[0.05, 0.3], [0.7, 0.9], [-0.4, 0.5], [0.2, 1.5]] as const) {
            if (plane.y !== 'h' && x <= 0) continue;
            const run: NumericRun = plane.y === 'h'
              ? { ...runOf(c, analysis, y), hyperparameters: { ...analysis.defaults, [plane.x]: x } }
              : { ...runOf(c, analysis, x), hD: y };
            const predicted = polynomialRadius(coefficientsAt(plane, x, y));
            if (Math.abs(Math.log(predicted)) < 0.01) continue;
            const measured = growthRate(run, Math.min(1200, Math.max(400, Math.ceil(60 / Math.abs(Math.log(predicted))))));
            expect(Math.abs(Math.log(measured) - Math.log(predicted)), `${record.id} ${rule.method} ${rule.variant} ${plane.x}=${x} ${plane.y}=${y}`).toBeLessThan(0.02 * Math.abs(Math.log(predicted)));
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it('say what an eigenvalue 1 leaves open, and count no contraction from roots on the unit circle', async () => {
    const [gradient] = (await loadedMethods()).filter((m) => m.id === 'gradient');
    const at = (j: number[][], method: MethodDefinition = gradient!) =>
      analyseRules([method], j.map((row) => row.map((x) => E.num(x))) as unknown as Matrix2, { symbols: {} }, 'test').map((r) => r.oneRate);
    // J = 0: M = I for every h, an eigenvalue 1 that h does not move and nothing else.
    expect(at([[0, 0], [0, 0]]).map((r) => r.verdict)).toEqual(['undecided', 'undecided']);
    // An eigenvalue 0 beside an eigenvalue 1 of J: the map's 1 + h is outside the circle for every h.
    expect(at([[0, 0], [0, 1]]).map((r) => r.verdict)).toEqual(['never-converges', 'never-converges']);
    // The implicit midpoint rule (Cayley map) on a rotation keeps every root on the circle, for every h:
    // no interval of h where it contracts, whatever the rounding of the conditions.
    const midpoint = defineMethod({
      id: 'midpoint', title: { en: 'midpoint', zh: 'midpoint' }, summary: { en: 'x + h v((x + x\')/2)', zh: 'x' }, sources: ['test'], memory: [],
      step: ({ x }, m) => {
        const half = m.jacobian(x!).map((row, i) => row.map((e) => m.scalars.mul(m.scalars.constant(0.5), m.rate(m.players[i]!), e)));
        return { x: m.solve(m.matrixSum(m.identity(2), half, -1), m.add(x!, m.matrixTimes(half, x!))) };
      },
    });
    const [simultaneous, alternating] = at([[0, -1], [1, 0]], midpoint);
    expect(simultaneous).toMatchObject({ verdict: 'cycles-below-bound', intervals: [] });
    // Its alternating variant is not a Cayley map: it contracts, slowly for small h, and that interval stays.
    expect(alternating!.verdict).toBe('converges-below-bound');
  });

  it('leave undecided what the Schur conditions cannot follow below 1e-6 where J is stable, and say never where J is not', async () => {
    const [gradient] = (await loadedMethods()).filter((m) => m.id === 'gradient');
    const at = (j: number[][]) => analyseRules([gradient!], j.map((row) => row.map((x) => E.num(x))) as unknown as Matrix2, { symbols: {} }, 'test').map((r) => r.oneRate);
    // R1 with gamma = 4e6 on the Dirac-GAN: eigenvalues about -4e6 and -6.25e-8, gradient steps
    // converge for h < 2 / 4e6 = 5e-7 (the runtime's search finds it: test/runtime.test.ts), below the scan.
    expect(at([[0, -0.5], [0.5, -4e6]]).map((r) => r.verdict)).toEqual(['undecided', 'undecided']);
    // R1 with gamma = -0.05: J is not stable, and simultaneous steps never converge (|1 + h lambda| > 1).
    expect(at([[0, -0.5], [0.5, 0.05]])[0]!.verdict).toBe('never-converges');
  });

  it('converge and diverge at 0.98 and 1.02 of the boundary along rays of two time scales (h_D = 2 h_G, h_D = h_G / 2), simulated', async () => {
    let simulated = 0;
    for (const c of await distinctCases()) {
      const record = loadRecords('all').find((r) => r.id === c.derivation.game.definition.id)!;
      for (const rule of record.rules) {
        const plane = rule.planes.find((p) => p.x === 'h_g' && p.y === 'h_d');
        if (!plane) continue;
        const analysis = c.rules.find((r) => r.method.id === rule.method && r.variant === rule.variant)!;
        for (const ratio of [2, 0.5]) {
          const radius = (t: number): number => polynomialRadius(coefficientsAt(plane, t, ratio * t));
          const ts = Array.from({ length: 41 }, (_, i) => 1e-3 * 10 ** (i * 0.1));
          const first = ts.findIndex((t) => radius(t) >= 1);
          if (first <= 0 || radius(ts[0]!) >= 1) continue;
          let [low, high] = [ts[first - 1]!, ts[first]!];
          for (let i = 0; i < 60; i++) {
            const middle = Math.sqrt(low * high);
            if (radius(middle) < 1) low = middle;
            else high = middle;
          }
          for (const [factor, converges] of [[0.98, true], [1.02, false]] as const) {
            const t = factor * low;
            const predicted = radius(t);
            if (Math.abs(Math.log(predicted)) < 1e-4) continue;
            const measured = growthRate({ ...runOf(c, analysis, t), hD: ratio * t }, Math.min(800, Math.max(200, Math.ceil(30 / Math.abs(Math.log(predicted))))));
            expect(measured < 1, `${record.id} ${rule.method} ${rule.variant} h_D = ${ratio} h_G at ${factor} x ${low}: growth ${measured}`).toBe(converges);
            simulated++;
          }
        }
      }
    }
    expect(simulated).toBeGreaterThan(60);
  });

  it('converge and diverge on both sides of each boundary along rays of the method’s own hyperparameter q (h fixed at 0.5), simulated', async () => {
    const methods = await loadedMethods();
    let simulated = 0;
    for (const c of await distinctCases()) {
      const record = loadRecords('all').find((r) => r.id === c.derivation.game.definition.id)!;
      for (const rule of record.rules) {
        const plane = rule.planes.find((p) => p.y === 'h' && p.x !== 'h_g');
        if (!plane) continue;
        const spec = methods.find((m) => m.id === rule.method)!.hyperparameters![plane.x]!;
        const analysis = c.rules.find((r) => r.method.id === rule.method && r.variant === rule.variant)!;
        for (const h of [0.5]) {
          const radius = (q: number): number => polynomialRadius(coefficientsAt(plane, q, h));
          const [from, to] = spec.range;
          const qs = Array.from({ length: 41 }, (_, i) => from + ((to - from) * i) / 40);
          for (let i = 1; i < qs.length; i++) {
            // Each crossing of the unit circle between two samples, placed by bisection.
            let [low, high] = [qs[i - 1]!, qs[i]!];
            if ((radius(low) < 1) === (radius(high) < 1)) continue;
            const stableLow = radius(low) < 1;
            for (let k = 0; k < 60; k++) {
              const middle = (low + high) / 2;
              if ((radius(middle) < 1) === stableLow) low = middle;
              else high = middle;
            }
            const step = 0.02 * Math.max(Math.abs(low), 0.05 * (to - from));
            for (const q of [low - step, low + step]) {
              const predicted = radius(q);
              if (Math.abs(Math.log(predicted)) < 1e-4) continue;
              const run = { ...runOf(c, analysis, h), hyperparameters: { ...analysis.defaults, [plane.x]: q } };
              const measured = growthRate(run, Math.min(800, Math.max(200, Math.ceil(30 / Math.abs(Math.log(predicted))))));
              expect(measured < 1, `${record.id} ${rule.method} ${rule.variant} h = ${h}, ${plane.x} = ${q} (boundary ${low}): growth ${measured}, predicted ${predicted}`).toBe(predicted < 1);
              simulated++;
            }
          }
        }
      }
    }
    console.log(`[methods] ${simulated} runs along q`);
    expect(simulated).toBeGreaterThan(30);
  });

  it('keep their linearisations between runs, read back as the very nodes derived (the same interned expressions)', async () => {
    const methods = await loadedMethods();
    const momentum = methods.find((m) => m.id === 'momentum')!;
    const [rule] = analyseRules([momentum], [[E.ZERO, E.MINUS_ONE], [E.ONE, E.sym('gamma')]] as unknown as Matrix2, { symbols: { gamma: 0.3 } }, 'test');
    const lists = [[...rule!.formulas!.polynomial, ...rule!.formulas!.matrix.flat()], [E.sym('theta'), E.num(0.25), E.div(E.sym('phi'), E.add(E.ONE, E.call('exp', E.sym('theta'))))]];
    expect(fromTable(toTable(lists.flat()))).toEqual(lists.flat().map((e) => e));
    fromTable(toTable(lists.flat())).forEach((e, i) => expect(e).toBe(lists.flat()[i]));
    let derived = 0;
    const key = [`test ${process.pid} ${Date.now()}`];
    const first = cachedExpressions(key, () => (derived++, lists));
    const again = cachedExpressions(key, () => (derived++, lists));
    expect(derived, 'derived once, then read').toBe(1);
    again.flat().forEach((e, i) => expect(e).toBe(first.flat()[i]));
  });

  it('include the README’s example, heavy-ball momentum, as written', () => {
    const block = /<!-- example:method -->\s*```ts\n([\s\S]*?)```/.exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    expect(block?.[1]).toBe(readFileSync(path.join(ROOT, 'methods/momentum.ts'), 'utf8'));
  });

  it('run a rule from its start: every memory equal to x', async () => {
    const methods = await loadedMethods();
    const momentum = methods.find((m) => m.id === 'momentum')!;
    expect(initialState(momentum, [1, 2], NUMBERS)).toEqual({ x: [1, 2], previous: [1, 2] });
  });
});
