/**
 * Training in discrete time: the generated update maps, simulated, against the predicted
 * spectral radius and learning-rate bound of every method; and the closed-form
 * eigenvalues of each update map against numeric eigenvalues (ml-matrix) of a
 * finite-difference Jacobian of the generated map.
 */
import { describe, expect, it } from 'vitest';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { derivative } from './oracles/finite-difference.js';
import { loadTestGames } from './support/games.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { defaultsOf, importEvaluator, parameterSets } from './support/evaluators.js';
import type { Params } from './support/evaluators.js';

type Method = 'simultaneous' | 'alternating' | 'extragradient' | 'optimistic';
type Rates = { h: number } | { hG: number; hD: number; nG: number; nD: number };
interface DiscreteEvaluator {
  vectorField(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  simultaneousStep(theta: number, phi: number, h: number, p: Params, out?: Float64Array): Float64Array;
  alternatingStep(theta: number, phi: number, schedule: { hG: number; hD: number; nG: number; nD: number }, p: Params, out?: Float64Array): Float64Array;
  extragradientStep(theta: number, phi: number, h: number, p: Params, out?: Float64Array): Float64Array;
  optimisticStep(theta: number, phi: number, previousVTheta: number, previousVPhi: number, h: number, p: Params, out?: Float64Array): Float64Array;
  updateEigenvalues(method: Method, rates: Rates, p: Params): { re: number[]; im: number[] };
  spectralRadius(method: Method, rates: Rates, p: Params): number;
  spectralRadiusUnchecked(method: Method, h: number, p: Params): number;
  learningRateBound(method: Method, p: Params): { verdict: string; bound: number | undefined };
}

const games = (await loadTestGames()).filter((g) => g.record.equilibrium.differentiable);
const METHODS: Method[] = ['simultaneous', 'alternating', 'extragradient', 'optimistic'];

/** The update map on the state: (theta, phi) for one-step methods, (x, x_prev) for optimistic. */
function stepper(evaluator: DiscreteEvaluator, method: Method, rates: Rates, p: Params): (state: number[]) => number[] {
  const h = 'h' in rates ? rates.h : 0;
  switch (method) {
    case 'simultaneous': return ([t, f]) => [...evaluator.simultaneousStep(t!, f!, h, p)];
    case 'extragradient': return ([t, f]) => [...evaluator.extragradientStep(t!, f!, h, p)];
    case 'alternating': return ([t, f]) => [...evaluator.alternatingStep(t!, f!, rates as { hG: number; hD: number; nG: number; nD: number }, p)];
    case 'optimistic': return ([t, f, tPrev, fPrev]) => {
      const previous = evaluator.vectorField(tPrev!, fPrev!, p);
      const next = evaluator.optimisticStep(t!, f!, previous[0]!, previous[1]!, h, p);
      return [next[0]!, next[1]!, t!, f!];
    };
  }
}

const oneRate = (method: Method, h: number): Rates => (method === 'alternating' ? { hG: h, hD: h, nG: 1, nD: 1 } : { h });
const norm = (state: readonly number[]): number => Math.hypot(...state);

/** The contraction per step, measured over the second half of a run started near (0, 0),
 * long enough for the largest eigenvalue to dominate a second one of nearly its modulus,
 * short enough to stay in the linear regime and away from underflow. */
function measuredContraction(step: (s: number[]) => number[], dimension: number, rho: number): number {
  const logRho = Math.abs(Math.log(rho)) || 1e-3;
  // Growing: from 1e-7 to 1e-2 at most. Shrinking: from 1e-4 to 1e-15 at most, above the
  // rounding of a quadrature over instance noise (~1e-16 absolute).
  const [start, budget] = rho > 1 ? [1e-7, Math.log(1e5)] : [1e-4, Math.log(1e11)];
  const steps = 2 * Math.ceil(Math.min(2000, Math.max(10, Math.min(60 / logRho, budget / logRho))) / 2);
  let state = Array.from({ length: dimension }, (_, i) => start * (1 + 0.37 * i));
  let middle = 0;
  for (let k = 1; k <= steps; k++) {
    state = step(state);
    if (k === steps / 2) middle = norm(state);
  }
  return (norm(state) / middle) ** (2 / steps);
}

/** The largest distance to (0, 0) in the second half of a long run over that in the first:
 * about 1 when the iterates cycle on a bounded orbit. */
function growthOfOrbit(step: (s: number[]) => number[], dimension: number): number {
  let state = Array.from({ length: dimension }, (_, i) => 1e-6 * (1 + 0.37 * i));
  const largest = [0, 0];
  for (let k = 0; k < 4000; k++) {
    state = step(state);
    largest[k < 2000 ? 0 : 1] = Math.max(largest[k < 2000 ? 0 : 1]!, norm(state));
  }
  return largest[1]! / largest[0]!;
}

/** Pairs each closed-form eigenvalue with the nearest numeric one (each used once). */
function largestMismatch(closed: readonly (readonly [number, number])[], numeric: readonly (readonly [number, number])[]): number {
  const unused = [...numeric];
  let worst = 0;
  for (const [re, im] of closed) {
    const distances = unused.map(([r, i]) => Math.hypot(r - re, i - im));
    const nearest = distances.indexOf(Math.min(...distances));
    worst = Math.max(worst, distances[nearest]!);
    unused.splice(nearest, 1);
  }
  return worst;
}

describe.each(games.map((g) => [g.record.id, g] as const))('%s', (id, { record }) => {
  const stage = record.discrete.concrete ?? record.discrete.generic;

  it.each(METHODS)('%s: simulations converge exactly below the predicted bound, at the predicted rate', async (method) => {
    const evaluator = (await importEvaluator(id)) as unknown as DiscreteEvaluator;
    const recorded = stage.find((m) => m.method === method)!;
    const dimension = method === 'optimistic' ? 4 : 2;
    for (const { params } of parameterSets(record, defaultsOf(record))) {
      // The bound for these parameters (for an abstract f the record's numbers are for f'(0) = 1).
      const { verdict, bound } = evaluator.learningRateBound(method, params);
      expect(verdict).toBe(recorded.verdict);
      const hs = bound ? [0.1, 0.98, 1.02].map((k) => k * bound) : [0.01, 0.1, 1];
      for (const h of hs) {
        const rho = evaluator.spectralRadius(method, oneRate(method, h), params);
        // The fast path's closed form (runtime/linear.ts, updateMapRadius) is the same radius.
        const unchecked = evaluator.spectralRadiusUnchecked(method, h, params);
        expect(Math.abs(unchecked - rho), `${method}, h = ${h}: spectralRadiusUnchecked ${unchecked}, spectralRadius ${rho}`).toBeLessThanOrEqual(1e-12 * Math.max(1, rho));
        const step = stepper(evaluator, method, oneRate(method, h), params);
        if (verdict === 'cycles-below-bound' && h < bound!) {
          // On the unit circle: the iterates stay on a bounded orbit, neither shrinking nor growing.
          const growth = growthOfOrbit(step, dimension);
          expect(Math.abs(rho - 1), `${method}, h = ${h}: rho ${rho}`).toBeLessThan(1e-9);
          expect(growth, `${method}, h = ${h}: orbit growth ${growth}`).toBeGreaterThan(0.99);
          expect(growth, `${method}, h = ${h}: orbit growth ${growth}`).toBeLessThan(1.01);
        } else {
          const measured = measuredContraction(step, dimension, rho);
          const where = `${method}, h = ${h}: predicted rho ${rho}, measured ${measured}`;
          expect(Math.abs(measured - rho) / rho, where).toBeLessThan(0.02);
          expect(measured < 1, where).toBe(bound ? h < bound : verdict === 'converges-for-all-h');
        }
      }
    }
  });

  it.each(METHODS)('%s: closed-form eigenvalues of the update map = numeric eigenvalues of its finite-difference Jacobian', async (method) => {
    const evaluator = (await importEvaluator(id)) as unknown as DiscreteEvaluator;
    const dimension = method === 'optimistic' ? 4 : 2;
    const schedules: Rates[] = method === 'alternating' ? [{ hG: 0.3, hD: 0.2, nG: 1, nD: 1 }, { hG: 0.1, hD: 0.25, nG: 2, nD: 3 }] : [{ h: 0.05 }, { h: 0.4 }];
    for (const { params } of parameterSets(record, defaultsOf(record))) {
      for (const rates of schedules) {
        const step = stepper(evaluator, method, rates, params);
        const columns = Array.from({ length: dimension }, (_, j) =>
          Array.from({ length: dimension }, (_, i) => derivative((x) => step(Array.from({ length: dimension }, (_, k) => (k === j ? x : 0)))[i]!, 0)));
        const jacobian = new Matrix(Array.from({ length: dimension }, (_, i) => columns.map((column) => column[i]!)));
        const numeric = new EigenvalueDecomposition(jacobian);
        const closed = evaluator.updateEigenvalues(method, rates, params);
        const pairs = (re: readonly number[], im: readonly number[]) => re.map((r, i) => [r, im[i]!] as const);
        const [a, b] = [pairs(closed.re, closed.im), pairs(numeric.realEigenvalues, numeric.imaginaryEigenvalues)];
        expect(a.length).toBe(b.length);
        expect(largestMismatch(a, b), `${method} ${JSON.stringify(rates)}: closed ${JSON.stringify(a)} vs numeric ${JSON.stringify(b)}`).toBeLessThan(1e-6);
      }
    }
  });
});

describe('the records’ spectral radius rho(h) of each 2x2 map, read as written', () => {
  /** "radicand < 0 ? complex : real", or one branch. */
  const rhoOf = (text: string): ((symbols: Record<string, number>) => number) => {
    const cases = /^(.*) < 0 \? (.*) : (.*)$/.exec(text);
    const [condition, complex, real] = cases ? cases.slice(1).map((t) => fromNerdamer(t)) : [undefined, fromNerdamer(text), fromNerdamer(text)];
    return (symbols) => evaluate(condition === undefined || evaluate(condition, { symbols }) < 0 ? complex! : real!, { symbols });
  };
  it.each(games.filter((g) => g.record.discrete.concrete).map((g) => [g.record.id, g] as const))('%s: the formula is the generated spectralRadius at h from 0.01 to 5', async (id, { record }) => {
    const evaluator = (await importEvaluator(id)) as unknown as DiscreteEvaluator;
    const p = defaultsOf(record);
    for (const m of record.discrete.concrete!.filter((m) => m.spectralRadius && m.method !== 'optimistic')) {
      const rho = rhoOf(m.spectralRadius!.text);
      for (const h of [0.01, 0.3, 1, 2.5, 5]) {
        const expected = evaluator.spectralRadius(m.method as Method, oneRate(m.method as Method, h), p);
        expect(Math.abs(rho({ ...p, h }) - expected), `${m.method}, h = ${h}: ${m.spectralRadius!.text}`).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));
      }
    }
  });
});
