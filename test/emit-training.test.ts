/**
 * The training API of the generated modules, as a caller sees it: generated/<id>.ts for
 * every game of generated/*.json (none is named here) and the shared generated/training.ts.
 * Exact behaviour, no numeric oracle: every bad input is a TrainingInputError naming the
 * value; trajectories stop as documented and never hold a non-finite number; the
 * trajectory is the step functions iterated; the optimistic step with the current field as
 * the previous one is the simultaneous step, bit for bit; the extragradient step is two
 * field evaluations; the learning-rate bounds are those of the derivation's records; the
 * complex square root and the 2x2 eigenvalues of training.ts keep their identities; the
 * steps of a game with constraints project onto them, and near the equilibrium, where the
 * projection does nothing, are those of the same game without.
 * (Simulation against prediction is test/discrete.test.ts's.)
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GameRecord } from '../generator/contract/records.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { GENERATED, loadRecords } from './support/records.js';
import { MAX_STEPS, METHODS } from '../generated/runtime/methods.js';
import type { Eigenvalues, LearningRateBound, Method, Trajectory } from '../generated/runtime/methods.js';
import { TrainingInputError } from '../generated/runtime/errors.js';

type Params = Record<string, unknown>;
type Schedule = { hG: number; hD: number; nG: number; nD: number };

/** The training surface every generated module shares, loosely typed (games differ in Params). */
interface TrainingModule {
  readonly defaults?: Params;
  readonly TrainingInputError: typeof TrainingInputError;
  vectorField(theta: number, phi: number, p: Params): Float64Array;
  simultaneousStep(theta: number, phi: number, h: number, p: Params): Float64Array;
  alternatingStep(theta: number, phi: number, schedule: Schedule, p: Params): Float64Array;
  extragradientStep(theta: number, phi: number, h: number, p: Params): Float64Array;
  optimisticStep(theta: number, phi: number, previousVTheta: number, previousVPhi: number, h: number, p: Params): Float64Array;
  trajectory(method: unknown, start: unknown, options: unknown, p?: Params): Trajectory;
  updateEigenvalues?(method: unknown, rates: unknown, p?: Params): Eigenvalues;
  spectralRadius?(method: unknown, rates: unknown, p?: Params): number;
  learningRateBound?(method: unknown, p?: Params): LearningRateBound;
}

/** f(t) = t for a game that leaves f abstract: f'(0) = 1, as the records' numbers assume. */
const LINEAR = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`d${k}`, (t: number) => (k === 0 ? t : k === 1 ? 1 : 0)]));

interface Game {
  readonly id: string;
  readonly record: GameRecord;
  readonly module: TrainingModule;
  /** The default hyperparameters (and f(t) = t where f is abstract). */
  readonly params: Params;
  readonly hyperparameters: readonly string[];
  /** The discrete-time analysis of the stage the module is emitted from (none: not differentiable). */
  readonly analyses: GameRecord['discrete']['generic'];
}

const games: Game[] = await Promise.all(loadRecords().map(async (record): Promise<Game> => {
  const module = (await import(pathToFileURL(path.join(GENERATED, `${record.id}.ts`)).href)) as TrainingModule;
  const hyperparameters = Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default]));
  return {
    id: record.id,
    record,
    module,
    params: record.activation === 'abstract' ? { ...hyperparameters, activation: LINEAR } : hyperparameters,
    hyperparameters: record.hyperparameters.map((h) => h.name),
    analyses: record.discrete.concrete ?? record.discrete.generic,
  };
}));
const differentiable = games.filter((g) => g.analyses.length > 0);

/** A point after the game's projections (clipping), at its parameters: the identity for most games. */
function projection(g: Game): (theta: number, phi: number) => [number, number] {
  const symbols = Object.fromEntries(Object.entries(g.params).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  const clips = g.record.constraints.map((c) => ({ parameter: c.parameter, bound: evaluate(fromNerdamer(c.bound.text), { symbols }) }));
  return (theta, phi) => {
    const point = { theta, phi };
    for (const { parameter, bound } of clips) point[parameter] = Math.min(Math.max(point[parameter], -bound), bound);
    return [point.theta, point.phi];
  };
}
const pairs = (verdict: string) => games.flatMap((g) => g.analyses.filter((a) => a.verdict === verdict).map((a) => [`${g.id} ${a.method}`, g, a.method as Method] as const));

const ONE_RATE = { h: 0.1 };
const rates = (method: Method, h = 0.1): { h: number } | Schedule => (method === 'alternating' ? { hG: h, hD: h, nG: 1, nD: 2 } : { h });
/** The rates as trajectory options: a schedule for alternating steps, else h. */
const rateOptions = (method: Method, h: number): { h: number } | { schedule: Schedule } => (method === 'alternating' ? { schedule: { hG: h, hD: h, nG: 1, nD: 2 } } : { h });
const POINTS: readonly (readonly [number, number])[] = [[0.7, -1.3], [-2, 0.4], [1e-3, 2e-3], [35, 40]];

/** Calls `run`, which must throw a TrainingInputError whose message names `value` as written. */
function expectInputError(run: () => unknown, value: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TrainingInputError);
  expect(caught).toBeInstanceOf(RangeError);
  expect((caught as Error).name).toBe('TrainingInputError');
  expect((caught as Error).message).toContain(`got ${value}`);
}

describe('the generated modules', () => {
  it('are found: every record has a module, and some game has the discrete-time analysis', () => {
    expect(games.length).toBeGreaterThan(0);
    expect(differentiable.length).toBeGreaterThan(0);
    expect(METHODS).toEqual(['simultaneous', 'alternating', 'extragradient', 'optimistic']);
  });

  it('import nothing but each other, the shared activations and the runtime, which imports nothing outside itself', () => {
    const files = [
      ...readdirSync(GENERATED).filter((name) => name.endsWith('.ts')),
      ...['runtime', 'activations'].flatMap((folder) => readdirSync(path.join(GENERATED, folder)).map((name) => `${folder}/${name}`)),
    ];
    expect(files).toContain('runtime/training.ts');
    for (const file of files) {
      const text = readFileSync(path.join(GENERATED, file), 'utf8');
      const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*? from '([^']+)';$/gm)].map((m) => m[1]!);
      for (const specifier of specifiers) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\/((runtime|activations)\/)?[\w-]+\.js$/);
        const target = path.posix.join(path.posix.dirname(file), specifier).replace(/\.js$/, '.ts');
        expect(files, `${file} imports ${specifier}`).toContain(target);
        // The runtime imports only itself.
        if (file.startsWith('runtime/')) expect(target.startsWith('runtime/'), `${file} imports ${specifier}`).toBe(true);
      }
    }
  });

  it.each(games.map((g) => [g.id, g] as const))('%s re-exports the one TrainingInputError', (_, { module }) => {
    expect(module.TrainingInputError).toBe(TrainingInputError);
  });

  it.each(games.map((g) => [g.id, g] as const))('%s: exports the stability functions exactly when the equilibrium is differentiable', (_, g) => {
    const present = [g.module.updateEigenvalues, g.module.spectralRadius, g.module.learningRateBound].map((f) => typeof f === 'function');
    expect(present).toEqual(Array(3).fill(g.analyses.length > 0));
  });
});

describe('bad input', () => {
  const trajectoryCases: readonly (readonly [string, (m: TrainingModule, p: Params) => unknown, string])[] = [
    ['h < 0', (m, p) => m.trajectory('simultaneous', [1, 1], { h: -0.1, steps: 10 }, p), '-0.1'],
    ['h = 0', (m, p) => m.trajectory('extragradient', [1, 1], { h: 0, steps: 10 }, p), '0'],
    ['h = -0', (m, p) => m.trajectory('extragradient', [1, 1], { h: -0, steps: 10 }, p), '-0'],
    ['h NaN', (m, p) => m.trajectory('optimistic', [1, 1], { h: Number.NaN, steps: 10 }, p), 'NaN'],
    ['h Infinity', (m, p) => m.trajectory('simultaneous', [1, 1], { h: Number.POSITIVE_INFINITY, steps: 10 }, p), 'Infinity'],
    ['h a string', (m, p) => m.trajectory('simultaneous', [1, 1], { h: '0.1', steps: 10 }, p), '"0.1"'],
    ['h missing', (m, p) => m.trajectory('simultaneous', [1, 1], { steps: 10 }, p), 'undefined'],
    ['hG < 0', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: -1, hD: 0.1, nG: 1, nD: 1 }, steps: 10 }, p), '-1'],
    ['hD NaN', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: Number.NaN, nG: 1, nD: 1 }, steps: 10 }, p), 'NaN'],
    ['nD = 1.5', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1.5 }, steps: 10 }, p), '1.5'],
    ['nG = 0', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 0, nD: 1 }, steps: 10 }, p), '0'],
    ['nG = -2', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: -2, nD: 1 }, steps: 10 }, p), '-2'],
    ['nD Infinity', (m, p) => m.trajectory('alternating', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: Number.POSITIVE_INFINITY }, steps: 10 }, p), 'Infinity'],
    ['steps over the limit', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 1e9 }, p), '1000000000'],
    ['steps = MAX_STEPS + 1', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: MAX_STEPS + 1 }, p), `${MAX_STEPS + 1}`],
    ['steps = 0', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 0 }, p), '0'],
    ['steps = 2.5', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 2.5 }, p), '2.5'],
    ['start NaN', (m, p) => m.trajectory('simultaneous', [Number.NaN, 1], { h: 0.1, steps: 10 }, p), '[NaN, 1]'],
    ['start Infinity', (m, p) => m.trajectory('alternating', [1, Number.NEGATIVE_INFINITY], { h: 0.1, steps: 10 }, p), '[1, -Infinity]'],
    ['start not a pair', (m, p) => m.trajectory('simultaneous', [1, 2, 3], { h: 0.1, steps: 10 }, p), '[1, 2, 3]'],
    ['an unknown method', (m, p) => m.trajectory('nesterov', [1, 1], { h: 0.1, steps: 10 }, p), '"nesterov"'],
    ['an unknown option', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, tolerence: 1e-3 }, p), '"tolerence"'],
    ['a schedule for simultaneous steps', (m, p) => m.trajectory('simultaneous', [1, 1], { schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, steps: 10 }, p), '{ hG: 0.1, hD: 0.1, nG: 1, nD: 1 }'],
    ['h and a schedule', (m, p) => m.trajectory('alternating', [1, 1], { h: 0.1, schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, steps: 10 }, p), '{ h: 0.1, schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1 } }'],
    ['tolerance < 0', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, tolerance: -1 }, p), '-1'],
    ['divergenceBound NaN', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, divergenceBound: Number.NaN }, p), 'NaN'],
    ['divergenceBound <= tolerance', (m, p) => m.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, tolerance: 1, divergenceBound: 0.5 }, p), '0.5'],
  ];

  describe.each(games.map((g) => [g.id, g] as const))('%s: trajectory', (_, g) => {
    it.each(trajectoryCases.map(([name, run, value]) => [name, run, value] as const))('%s', (_name, run, value) => {
      expectInputError(() => run(g.module, g.params), value);
    });
    // Only where the game has such a parameter: a test with nothing to check is not written.
    if (g.hyperparameters.length > 0) {
      it('a hyperparameter that is not a finite number', () => {
        for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
          const name = g.hyperparameters[0]!;
          expectInputError(() => g.module.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10 }, { ...g.params, [name]: bad }), `${bad}`);
        }
      });
    }
    if (g.record.activation === 'abstract') {
      it('an activation without its derivatives', () => {
        expectInputError(() => g.module.trajectory('simultaneous', [1, 1], { h: 0.1, steps: 10 }, { ...g.params, activation: { d0: (t: number) => t } }), 'undefined');
      });
    }
  });

  describe.each(differentiable.map((g) => [g.id, g] as const))('%s: eigenvalues and bounds', (_, g) => {
    const m = g.module;
    const stability: readonly (readonly [string, () => unknown, string])[] = [
      ['updateEigenvalues, h < 0', () => m.updateEigenvalues!('simultaneous', { h: -0.1 }, g.params), '-0.1'],
      ['updateEigenvalues, h NaN', () => m.updateEigenvalues!('optimistic', { h: Number.NaN }, g.params), 'NaN'],
      ['updateEigenvalues, nD = 1.5', () => m.updateEigenvalues!('alternating', { hG: 0.1, hD: 0.1, nG: 1, nD: 1.5 }, g.params), '1.5'],
      ['updateEigenvalues, a schedule for extragradient steps', () => m.updateEigenvalues!('extragradient', { hG: 0.1, hD: 0.1, nG: 1, nD: 1 }, g.params), '{ hG: 0.1, hD: 0.1, nG: 1, nD: 1 }'],
      ['spectralRadius, h Infinity', () => m.spectralRadius!('extragradient', { h: Number.POSITIVE_INFINITY }, g.params), 'Infinity'],
      ['spectralRadius, nG = 0', () => m.spectralRadius!('alternating', { hG: 0.1, hD: 0.1, nG: 0, nD: 1 }, g.params), '0'],
      ['spectralRadius, rates not an object', () => m.spectralRadius!('simultaneous', 0.1, g.params), '0.1'],
      ['spectralRadius, an unknown method', () => m.spectralRadius!('adam', ONE_RATE, g.params), '"adam"'],
      ['learningRateBound, an unknown method', () => m.learningRateBound!('sgd', g.params), '"sgd"'],
    ];
    it.each(stability.map(([name, run, value]) => [name, run, value] as const))('%s', (_name, run, value) => expectInputError(run, value));
    if (g.hyperparameters.length > 0) {
      it('a hyperparameter that is not a finite number', () => {
        const p = { ...g.params, [g.hyperparameters[0]!]: Number.NaN };
        expectInputError(() => m.learningRateBound!('simultaneous', p), 'NaN');
        expectInputError(() => m.spectralRadius!('simultaneous', ONE_RATE, p), 'NaN');
      });
    }
  });
});

/** Every value finite, 2 (steps + 1) of them, the start first. */
function expectWellFormed(t: Trajectory, start: readonly [number, number]): void {
  expect(t.path).toBeInstanceOf(Float64Array);
  expect(t.path.length).toBe(2 * (t.steps + 1));
  expect([...t.path].every(Number.isFinite)).toBe(true);
  expect([t.path[0], t.path[1]]).toEqual([...start]);
}
const distanceAt = (t: Trajectory, k: number): number => Math.hypot(t.path[2 * k]!, t.path[2 * k + 1]!);

describe('trajectories', () => {
  // From near the equilibrium, where the linearisation rules: further out the nonlinear terms
  // may hold a run (ns-gan and wgan-div settle on a cycle, wgan-clip's clipping bounds phi).
  it.each(pairs('never-converges'))('%s (never converges) stops as diverged where the distance passes the bound', (_, g, method) => {
    const start = [0.01, 0.01] as const;
    const t = g.module.trajectory(method, start, { ...rateOptions(method, 0.5), steps: 1_000_000, divergenceBound: 0.03 }, g.params);
    expectWellFormed(t, start);
    expect(t.status).toBe('diverged');
    expect(t.steps).toBeGreaterThan(0);
    expect(distanceAt(t, t.steps)).toBeGreaterThan(0.03);
    for (let k = 0; k < t.steps; k++) expect(distanceAt(t, k)).toBeLessThanOrEqual(0.03);
    expect(t.message).toContain(`diverged at step ${t.steps}:`);
  });

  it('never put a non-finite value into the path: a step that overflows ends it, before that step', () => {
    let overflowed = 0;
    for (const g of games) {
      for (const method of METHODS) {
        for (const start of [[1e300, -1e300], [1e300, 1e300], [-1e200, 3e200]] as const) {
          const t = g.module.trajectory(method, start, { ...rateOptions(method, 1e10), steps: 100, divergenceBound: Number.POSITIVE_INFINITY }, g.params);
          expectWellFormed(t, start);
          if (t.message.includes('not finite')) {
            overflowed++;
            expect(t.status).toBe('diverged');
            expect(t.message).toContain(`diverged at step ${t.steps + 1}:`);
            expect(t.message).toContain(`the path ends at step ${t.steps}`);
          }
        }
      }
    }
    // The branch is exercised (by the unbounded fields at least).
    expect(overflowed).toBeGreaterThan(0);
  });

  it.each(pairs('converges-below-bound'))('%s converges at half the bound', (_, g, method) => {
    const bound = g.module.learningRateBound!(method, g.params);
    expect(bound.verdict).toBe('converges-below-bound');
    const h = bound.bound! / 2;
    const rho = g.module.spectralRadius!(method, { h }, g.params);
    expect(rho).toBeLessThan(1);
    const start = [0.05, -0.05] as const;
    const tolerance = 1e-10;
    // Enough steps for rho^k |x0| < tolerance, ten times over.
    const steps = Math.min(MAX_STEPS, Math.ceil((10 * Math.log(tolerance / Math.hypot(...start))) / Math.log(rho)));
    const t = g.module.trajectory(method, start, { h, steps }, g.params);
    expectWellFormed(t, start);
    expect(t.status, t.message).toBe('converged');
    expect(distanceAt(t, t.steps)).toBeLessThan(tolerance);
    for (let k = 0; k < t.steps; k++) expect(distanceAt(t, k)).toBeGreaterThanOrEqual(tolerance);
    expect(t.message).toContain(`converged at step ${t.steps}:`);
  });

  it.each(pairs('cycles-below-bound'))('%s (cycles) is still running after every step', (_, g, method) => {
    const h = g.module.learningRateBound!(method, g.params).bound! / 2;
    const start = [0.05, -0.05] as const;
    const t = g.module.trajectory(method, start, { h, steps: 2000 }, g.params);
    expectWellFormed(t, start);
    expect(t.status).toBe('running');
    expect(t.steps).toBe(2000);
    expect(t.message).toContain('still running after 2000 steps');
  });

  it.each(games.map((g) => [g.id, g] as const))('%s: the path is the step functions iterated, for every method', (_, g) => {
    const { module: m, params: p } = g;
    const h = 0.05;
    const schedule = { hG: 0.04, hD: 0.03, nG: 2, nD: 3 };
    const steps = 25;
    const steppers: Record<Method, (x: number[]) => number[]> = {
      simultaneous: ([t, q]) => [...m.simultaneousStep(t!, q!, h, p)],
      alternating: ([t, q]) => [...m.alternatingStep(t!, q!, schedule, p)],
      extragradient: ([t, q]) => [...m.extragradientStep(t!, q!, h, p)],
      optimistic: ([t, q, vt, vq]) => [...m.optimisticStep(t!, q!, vt!, vq!, h, p)],
    };
    for (const method of METHODS) {
      const start = [0.6, -0.4] as const;
      const options = method === 'alternating' ? { schedule, steps, tolerance: 0 } : { h, steps, tolerance: 0 };
      const t = m.trajectory(method, start, options, p);
      let x: number[] = [...start, ...m.vectorField(start[0], start[1], p)];
      const expected: number[] = [...start];
      for (let k = 0; k < steps; k++) {
        x = steppers[method](x);
        expected.push(x[0]!, x[1]!);
      }
      expect(t.status).toBe('running');
      expect([...t.path], method).toEqual(expected);
    }
  });

  it('stops at the start when it is already within the tolerance or past the bound', () => {
    const g = games[0]!;
    const converged = g.module.trajectory('simultaneous', [1e-12, 0], { h: 0.1, steps: 10 }, g.params);
    expect([converged.status, converged.steps, [...converged.path]]).toEqual(['converged', 0, [1e-12, 0]]);
    const diverged = g.module.trajectory('simultaneous', [2e6, 0], { h: 0.1, steps: 10 }, g.params);
    expect([diverged.status, diverged.steps]).toEqual(['diverged', 0]);
    expect(diverged.message).toContain('diverged at step 0');
  });

  it('records every step of a run of 2^20 + 3 steps, across each growth of its path', () => {
    const g = games.find((x) => x.id === 'gan')!;
    const steps = 2 ** 20 + 3;
    // The standard GAN's simultaneous steps spiral out slowly: no limit is met in 2^20 steps at h = 1e-4.
    const t = g.module.trajectory('simultaneous', [0.5, 0.5], { h: 1e-4, steps, tolerance: 0, divergenceBound: 1e6 }, g.params);
    expect([t.status, t.steps, t.path.length]).toEqual(['running', steps, 2 * (steps + 1)]);
    // Either side of each power of two from the first path's 1024 points, and the last step.
    for (const k of [1, ...Array.from({ length: 11 }, (_, i) => 2 ** (10 + i)).flatMap((n) => [n - 1, n, n + 1]), steps]) {
      const next = g.module.simultaneousStep(t.path[2 * k - 2]!, t.path[2 * k - 1]!, 1e-4, g.params);
      expect([t.path[2 * k], t.path[2 * k + 1]], `step ${k}`).toEqual([next[0], next[1]]);
    }
  });

  it('allocates the path as it goes: a long run that stops early returns only its steps', () => {
    const [, g, method] = pairs('never-converges')[0] ?? pairs('converges-below-bound')[0]!;
    const t = g.module.trajectory(method, [0.01, 0.01], { ...rateOptions(method, 0.5), steps: MAX_STEPS, divergenceBound: 0.03, tolerance: 1e-3 }, g.params);
    expect(t.steps).toBeLessThan(MAX_STEPS);
    expect(t.path.length).toBe(2 * (t.steps + 1));
    expect(t.path.buffer.byteLength).toBe(t.path.byteLength);
  });
});

describe('steps', () => {
  it.each(games.map((g) => [g.id, g] as const))('%s: optimisticStep with the current field as the previous one is simultaneousStep, exactly', (_, { module: m, params: p }) => {
    for (const [theta, phi] of POINTS) {
      for (const h of [1e-3, 0.1, 0.7]) {
        const [vTheta, vPhi] = m.vectorField(theta, phi, p);
        const optimistic = m.optimisticStep(theta, phi, vTheta!, vPhi!, h, p);
        expect([...optimistic]).toEqual([...m.simultaneousStep(theta, phi, h, p), vTheta, vPhi]);
      }
    }
  });

  it.each(games.map((g) => [g.id, g] as const))('%s: extragradientStep steps from x with the field at the simultaneous step from x', (_, g) => {
    const { module: m, params: p } = g;
    const project = projection(g);
    for (const [theta, phi] of POINTS) {
      const h = 0.1;
      const [aheadTheta, aheadPhi] = m.simultaneousStep(theta, phi, h, p);
      const [vTheta, vPhi] = m.vectorField(aheadTheta!, aheadPhi!, p);
      const actual = m.extragradientStep(theta, phi, h, p);
      const [expectedTheta, expectedPhi] = project(theta + h * vTheta!, phi + h * vPhi!);
      expect(actual[0]).toBeCloseTo(expectedTheta, 12);
      expect(actual[1]).toBeCloseTo(expectedPhi, 12);
    }
  });
});

describe('constraints', () => {
  const constrained = games.filter((g) => g.record.constraints.length > 0);
  const byId = (id: string): Game => {
    const game = games.find((g) => g.id === id);
    if (!game) throw new Error(`no generated module for ${id}`);
    return game;
  };

  it('are exercised: wgan-clip clips phi', () => {
    expect(constrained.map((g) => g.id)).toContain('wgan-clip');
    expect(byId('wgan-clip').record.constraints.map((c) => c.parameter)).toEqual(['phi']);
  });

  it.each(constrained.map((g) => [g.id, g] as const))('%s: every iterate of every method satisfies the constraints, from a start that does not', (_, g) => {
    const project = projection(g);
    // Each constrained parameter starts at three times its bound.
    const [boundTheta, boundPhi] = project(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    const start = [Number.isFinite(boundTheta) ? 3 * boundTheta : 0.7, Number.isFinite(boundPhi) ? 3 * boundPhi : 0.7] as const;
    expect(project(...start)).not.toEqual([...start]);
    for (const method of METHODS) {
      for (const h of [0.05, 0.5]) {
        const t = g.module.trajectory(method, start, { ...rateOptions(method, h), steps: 500, tolerance: 0 }, g.params);
        expectWellFormed(t, start);
        expect(t.steps, t.message).toBe(500);
        for (let k = 1; k <= t.steps; k++) {
          const point = [t.path[2 * k]!, t.path[2 * k + 1]!];
          expect(project(point[0]!, point[1]!), `${method} h = ${h} step ${k}`).toEqual(point);
        }
      }
    }
  });

  it('wgan-clip from |phi| > c: |phi| <= c at every step', () => {
    const g = byId('wgan-clip');
    const c = g.params['c'] as number;
    const start = [0.3, 5 * c] as const;
    for (const method of METHODS) {
      const t = g.module.trajectory(method, start, { ...rateOptions(method, 0.2), steps: 2000, tolerance: 0 }, g.params);
      for (let k = 1; k <= t.steps; k++) expect(Math.abs(t.path[2 * k + 1]!), `${method} step ${k}`).toBeLessThanOrEqual(c);
      // The clip is active: phi reaches the bound.
      expect([...t.path].some((x, i) => i % 2 === 1 && i > 1 && Math.abs(x) === c), method).toBe(true);
    }
  });

  it('wgan-clip near the equilibrium (|phi| << c): the steps are those of WGAN', () => {
    const clip = byId('wgan-clip');
    const wgan = byId('wgan');
    const c = clip.params['c'] as number;
    const schedule = { hG: 0.1, hD: 0.2, nG: 2, nD: 3 };
    for (const [theta, phi] of [[1e-3, -2e-3], [-5e-3, 1e-3], [1e-4, 1e-4]] as const) {
      expect(Math.abs(phi)).toBeLessThan(c / 10);
      for (const h of [0.05, 0.3]) {
        const [vTheta, vPhi] = wgan.module.vectorField(theta, phi, wgan.params);
        expect([...clip.module.vectorField(theta, phi, clip.params)]).toEqual([vTheta, vPhi]);
        expect([...clip.module.simultaneousStep(theta, phi, h, clip.params)]).toEqual([...wgan.module.simultaneousStep(theta, phi, h, wgan.params)]);
        expect([...clip.module.alternatingStep(theta, phi, schedule, clip.params)]).toEqual([...wgan.module.alternatingStep(theta, phi, schedule, wgan.params)]);
        expect([...clip.module.extragradientStep(theta, phi, h, clip.params)]).toEqual([...wgan.module.extragradientStep(theta, phi, h, wgan.params)]);
        expect([...clip.module.optimisticStep(theta, phi, vTheta!, -vPhi!, h, clip.params)]).toEqual([...wgan.module.optimisticStep(theta, phi, vTheta!, -vPhi!, h, wgan.params)]);
      }
      // And so are the runs, while they stay near it.
      const t = clip.module.trajectory('extragradient', [theta, phi], { h: 0.1, steps: 50, tolerance: 0 }, clip.params);
      expect([...t.path]).toEqual([...wgan.module.trajectory('extragradient', [theta, phi], { h: 0.1, steps: 50, tolerance: 0 }, wgan.params).path]);
    }
  });

  it('wgan-clip: the field is not projected', () => {
    const g = byId('wgan-clip');
    const c = g.params['c'] as number;
    // v = (-phi, theta), also at |phi| far beyond c.
    expect([...g.module.vectorField(2, 10 * c, g.params)]).toEqual([-10 * c, 2]);
  });
});

describe('eigenvalues and bounds', () => {
  it.each(differentiable.flatMap((g) => g.analyses.map((a) => [`${g.id} ${a.method}`, g, a] as const)))(
    "%s: learningRateBound is the record's verdict and bound",
    (_, g, analysis) => {
      const result = g.module.learningRateBound!(analysis.method, g.params);
      expect(result.verdict).toBe(analysis.verdict);
      if (analysis.bound === undefined) expect(result.bound).toBeUndefined();
      else {
        // The closed form is the same formula; bisection the same search on another arrangement of rho.
        const tolerance = analysis.bound.kind === 'closed-form' ? 1e-14 : 1e-9;
        expect(Math.abs(result.bound! - analysis.bound.atDefaults)).toBeLessThanOrEqual(tolerance * analysis.bound.atDefaults);
      }
    },
  );

  it.each(differentiable.map((g) => [g.id, g] as const))('%s: two eigenvalues, four for the optimistic map, in conjugate pairs; the spectral radius is the largest modulus', (_, g) => {
    for (const method of METHODS) {
      for (const h of [1e-6, 0.01, 0.5, 3]) {
        const e = g.module.updateEigenvalues!(method, rates(method, h), g.params);
        expect(e.re).toHaveLength(method === 'optimistic' ? 4 : 2);
        expect(e.im).toHaveLength(e.re.length);
        const values = e.re.map((re, i) => [re, e.im[i]!] as const);
        for (const [re, im] of values) {
          expect(Number.isFinite(re) && Number.isFinite(im)).toBe(true);
          // Non-real eigenvalues of a real map come with their conjugates.
          if (im !== 0) expect(values.some(([r, i]) => Math.abs(r - re) <= 1e-12 * Math.max(1, Math.abs(re)) && Math.abs(i + im) <= 1e-12 * Math.max(1, Math.abs(im)))).toBe(true);
        }
        const radius = g.module.spectralRadius!(method, rates(method, h), g.params);
        // The largest modulus, to rounding (the runtime takes sqrt(re^2 + im^2) where Math.hypot is not needed).
        const largest = Math.max(...values.map(([re, im]) => Math.hypot(re, im)));
        expect(Math.abs(radius - largest)).toBeLessThanOrEqual(4 * Number.EPSILON * largest);
      }
    }
  });

  it.each(differentiable.map((g) => [g.id, g] as const))('%s: one learning rate h is the schedule hG = hD = h, nG = nD = 1', (_, g) => {
    for (const h of [0.01, 0.3, 2]) {
      expect(g.module.updateEigenvalues!('alternating', { h }, g.params)).toEqual(g.module.updateEigenvalues!('alternating', { hG: h, hD: h, nG: 1, nD: 1 }, g.params));
    }
  });
});
