/**
 * The hand-written runtime, tested on its own against independent oracles: ml-matrix's
 * eigenvalues of the update maps built as explicit matrices, Math.hypot for the trajectory
 * limits, direct products for matrix powers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { LEARNING_RATES, searchStabilityBound } from '../runtime/bound.js';
import { checkedMap, checkedObjective } from '../runtime/checked.js';
import type { ParameterTable } from '../runtime/checked.js';
import { checkTrajectory } from '../runtime/checks.js';
import { complexSqrt, eigenvalues2, largestModulus, updateMapEigenvalues, updateMapRadius } from '../runtime/linear.js';
import { MAX_STEPS, METHODS } from '../runtime/methods.js';
import type { Method } from '../runtime/methods.js';
import { noiseRule, normalHermiteRule } from '../runtime/quadrature.js';
import { defineSteps } from '../runtime/steps.js';
import { runTrajectory } from '../runtime/trajectory.js';
import { wide } from '../runtime/wide.js';
import { portablePower, powerOfTen } from '../runtime/portable.js';
import { PROPERTY_RUNS } from './support/games.js';
import { exportsOf } from '../generator/runtime.js';
import { HP, exactly } from './oracles/high-precision.js';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
const sqrt = (re: number, im: number): [number, number] => {
  const out = new Float64Array(2);
  complexSqrt(re, im, out);
  return [out[0]!, out[1]!];
};

describe('complex and 2x2 arithmetic', () => {
  it('complexSqrt is the principal square root', () => {
    fc.assert(fc.property(finite, finite, (re, im) => {
      const [a, b] = sqrt(re, im);
      expect(a).toBeGreaterThanOrEqual(0);
      const scale = Math.hypot(re, im);
      expect(Math.abs(a * a - b * b - re)).toBeLessThanOrEqual(4 * Number.EPSILON * scale + Number.MIN_VALUE);
      expect(Math.abs(2 * a * b - im)).toBeLessThanOrEqual(4 * Number.EPSILON * scale + Number.MIN_VALUE);
    }), PROPERTY_RUNS);
  });

  it('complexSqrt on the axes and the cut, near overflow, and without cancellation', () => {
    expect(sqrt(4, 0)).toEqual([2, 0]);
    expect(sqrt(-4, 0)).toEqual([0, 2]);
    expect(sqrt(-4, -0)).toEqual([0, -2]);
    expect(sqrt(0, 2)).toEqual([1, 1]);
    expect(sqrt(0, 0)).toEqual([0, 0]);
    const [a, b] = sqrt(1e300, 1e300);
    expect((a * a - b * b) / 1e300).toBeCloseTo(1, 14);
    expect((2 * a * b) / 1e300).toBeCloseTo(1, 14);
    const [re, im] = sqrt(-1, 1e-20);
    expect(re).toBeCloseTo(5e-21, 30);
    expect(im).toBe(1);
  });

  it('eigenvalues2 keeps tiny and huge entries, whose squares a double cannot hold', () => {
    const out = new Float64Array(4);
    const cases: [number[], number[]][] = [
      [[1e-170, 1, 0, 0], [1e-170, 0, 0, 0]],
      [[-3e-200, 0, 0, 2e-200], [2e-200, 0, -3e-200, 0]],
      [[1e-200, 4e-200, -1e-200, 1e-200], [1e-200, 2e-200, 1e-200, -2e-200]],
      [[1e300, 1e300, -1e300, 1e300], [1e300, 1e300, 1e300, -1e300]],
      [[1e300, 0, 1, -1e300], [1e300, 0, -1e300, 0]],
      [[2, 0, 0, 2], [2, 0, 2, 0]],
      // A double eigenvalue whose terms cancel exactly: -1/2 twice, real (J(0, 0) of R1 at gamma = 1).
      [[0, -0.5, 0.5, -1], [-0.5, 0, -0.5, 0]],
    ];
    for (const [[a, b, c, d], expected] of cases) {
      eigenvalues2(a!, b!, c!, d!, out);
      expected.forEach((value, i) => expect(Math.abs(out[i]! - value), `[[${a}, ${b}], [${c}, ${d}]]: entry ${i}, ${out[i]}`).toBeLessThanOrEqual(1e-15 * Math.max(...expected.map(Math.abs))));
    }
  });

  it('eigenvalues2: a real eigenvalue far smaller than the other keeps its digits (60-digit oracle)', () => {
    // J(0, 0) of a damped Dirac-GAN, [[0, -b], [b, -g]]: eigenvalues -g/2 +- sqrt(g^2/4 - b^2),
    // the smaller about -b^2/g (at g = 1e8, b = 1/2: -2.5e-9, which tr/2 + root cancels to 0).
    const out = new Float64Array(4);
    const exponent = (low: number, high: number) => fc.double({ min: low, max: high, noNaN: true });
    fc.assert(fc.property(exponent(-40, 40), exponent(0.5, 60), fc.boolean(), (bExponent, ratioExponent, negative) => {
      const b = powerOfTen(bExponent);
      const g = (negative ? -1 : 1) * b * powerOfTen(ratioExponent);
      eigenvalues2(0, -b, b, -g, out);
      // Exactly, in 60 digits (and by det / larger root there too: tr/2 + root would cancel even those).
      const half = exactly(-g).div(2);
      const root = half.pow(2).minus(exactly(b).pow(2)).sqrt();
      const larger = half.isNegative() ? half.minus(root) : half.plus(root);
      const smaller = exactly(b).pow(2).div(larger);
      const exact = half.isNegative() ? [smaller, larger] : [larger, smaller];
      exact.forEach((value, i) => {
        expect(out[2 * i + 1], `g = ${g}, b = ${b}`).toBe(0);
        expect(new HP(out[2 * i]!).minus(value).abs().div(value.abs()).toNumber(), `g = ${g}, b = ${b}: eigenvalue ${i}`).toBeLessThanOrEqual(4 * Number.EPSILON);
      });
    }), PROPERTY_RUNS);
  });

  it('eigenvalues2 agrees with ml-matrix', () => {
    const entry = fc.double({ min: -10, max: 10, noNaN: true });
    const out = new Float64Array(4);
    fc.assert(fc.property(entry, entry, entry, entry, (a, b, c, d) => {
      eigenvalues2(a, b, c, d, out);
      const oracle = new EigenvalueDecomposition(new Matrix([[a, b], [c, d]]));
      const ours = [[out[0]!, out[1]!], [out[2]!, out[3]!]].sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
      const theirs = oracle.realEigenvalues.map((re, i) => [re, oracle.imaginaryEigenvalues[i]!]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
      // A double eigenvalue is sensitive to rounding like sqrt(eps): compare at that scale there.
      const scale = Math.max(1, Math.abs(a), Math.abs(b), Math.abs(c), Math.abs(d));
      ours.forEach(([re, im], i) => {
        expect(Math.abs(re! - theirs[i]![0]!)).toBeLessThanOrEqual(1e-7 * scale);
        expect(Math.abs(Math.abs(im!) - Math.abs(theirs[i]![1]!))).toBeLessThanOrEqual(1e-7 * scale);
      });
    }), PROPERTY_RUNS);
  });
});

/** The update map of a method for the numeric Jacobian j, as an explicit matrix (the oracle's own construction). */
function explicitMap(method: Method, j: number[], hG: number, hD: number, nG: number, nD: number): Matrix {
  // ml-matrix's add and mul work in place: every use starts from a fresh matrix.
  const J = (): Matrix => new Matrix([[j[0]!, j[1]!], [j[2]!, j[3]!]]);
  const I = Matrix.eye(2);
  switch (method) {
    case 'simultaneous': return I.add(J().mul(hG));
    case 'extragradient': return I.add(J().mul(hG)).add(J().mmul(J()).mul(hG * hG));
    case 'alternating': {
      const D = new Matrix([[1, 0], [hD * j[2]!, 1 + hD * j[3]!]]);
      const G = new Matrix([[1 + hG * j[0]!, hG * j[1]!], [0, 1]]);
      let M = I;
      for (let i = 0; i < nD; i++) M = D.mmul(M);
      for (let i = 0; i < nG; i++) M = G.mmul(M);
      return M;
    }
    case 'optimistic': {
      const upper = I.add(J().mul(2 * hG));
      const lower = J().mul(-hG);
      return new Matrix([[upper.get(0, 0), upper.get(0, 1), lower.get(0, 0), lower.get(0, 1)], [upper.get(1, 0), upper.get(1, 1), lower.get(1, 0), lower.get(1, 1)], [1, 0, 0, 0], [0, 1, 0, 0]]);
    }
  }
}

/** The spectral radius of a 2x2 update map built entry by entry at 60 digits (exponents
 * unbounded), from its trace and determinant. */
function explicitRadius(method: Method, j: readonly number[], h: number, nG: number, nD: number): HP {
  type M2 = [HP, HP, HP, HP];
  const times = (x: M2, y: M2): M2 => [x[0].times(y[0]).plus(x[1].times(y[2])), x[0].times(y[1]).plus(x[1].times(y[3])), x[2].times(y[0]).plus(x[3].times(y[2])), x[2].times(y[1]).plus(x[3].times(y[3]))];
  const plus = (x: M2, y: M2): M2 => x.map((v, i) => v.plus(y[i]!)) as M2;
  const scaled = (x: M2, k: HP): M2 => x.map((v) => v.times(k)) as M2;
  const H = exactly(h);
  const I: M2 = [new HP(1), new HP(0), new HP(0), new HP(1)];
  const J = j.map((v) => exactly(v)) as M2;
  let M: M2;
  if (method === 'simultaneous') M = plus(I, scaled(J, H));
  else if (method === 'extragradient') M = plus(plus(I, scaled(J, H)), scaled(times(J, J), H.times(H)));
  else {
    const G = plus(I, scaled([J[0], J[1], new HP(0), new HP(0)], H));
    const D = plus(I, scaled([new HP(0), new HP(0), J[2], J[3]], H));
    M = I;
    for (let i = 0; i < nD; i++) M = times(D, M);
    for (let i = 0; i < nG; i++) M = times(G, M);
  }
  const half = M[0].plus(M[3]).div(2);
  const det = M[0].times(M[3]).minus(M[1].times(M[2]));
  const discriminant = half.times(half).minus(det);
  if (discriminant.isNegative()) return det.sqrt();
  const root = discriminant.sqrt();
  return HP.max(half.plus(root).abs(), half.minus(root).abs());
}

/** The optimistic map's radius: ml-matrix on the map over h, whose entries are of order 1,
 * times h; undefined where that map is itself of order 1/h (ml-matrix's tolerances are absolute). */
function optimisticRadiusOverH(j: readonly number[], h: number): HP | undefined {
  const eigen = new EigenvalueDecomposition(new Matrix([[j[0]!, j[1]!], [j[2]!, j[3]!]]));
  if (Math.max(...eigen.realEigenvalues.map((re, i) => Math.hypot(re, eigen.imaginaryEigenvalues[i]!))) < 1e-3) return undefined;
  const scaled = new Matrix([[1 / h + 2 * j[0]!, 2 * j[1]!, -j[0]!, -j[1]!], [2 * j[2]!, 1 / h + 2 * j[3]!, -j[2]!, -j[3]!], [1 / h, 0, 0, 0], [0, 1 / h, 0, 0]]);
  const oracle = new EigenvalueDecomposition(scaled);
  return exactly(Math.max(...oracle.realEigenvalues.map((re, i) => Math.hypot(re, oracle.imaginaryEigenvalues[i]!)))).times(exactly(h));
}

describe('updateMapEigenvalues', () => {
  const entry = fc.double({ min: -3, max: 3, noNaN: true });
  // fc.double leans to the extremes (1e-300 and the like); entries of order 1 too, so that
  // products of them (the h^2 terms of the maps) count.
  const either = fc.oneof(fc.integer({ min: -3000, max: 3000 }).map((k) => k / 1000), entry);
  const rate = fc.double({ min: 1e-3, max: 2, noNaN: true });
  const count = fc.integer({ min: 1, max: 6 });
  const out = new Float64Array(8);

  it.each(METHODS.map((m) => [m]))('%s: the spectral radius of the explicit map (ml-matrix), for any J and rates', (method) => {
    fc.assert(fc.property(fc.tuple(either, either, either, either), rate, rate, count, count, (j, hG, hD, nG, nD) => {
      const rates = method === 'alternating' ? [hG, hD, nG, nD] as const : [hG, hG, 1, 1] as const;
      const n = updateMapEigenvalues(method, j, ...rates, out);
      expect(n).toBe(method === 'optimistic' ? 4 : 2);
      const oracle = new EigenvalueDecomposition(explicitMap(method, j, ...rates));
      const expected = Math.max(...oracle.realEigenvalues.map((re, i) => Math.hypot(re, oracle.imaginaryEigenvalues[i]!)));
      // Near-defective maps (a double eigenvalue) move by sqrt(eps) under rounding, in either computation.
      expect(Math.abs(largestModulus(out, n) - expected)).toBeLessThanOrEqual(1e-7 * Math.max(1, expected));
    }), PROPERTY_RUNS);
  });

  it.each(METHODS.map((m) => [m]))('%s at rates from 1e20 to 1e300: the spectral radius of the explicit map at 60 digits (ml-matrix over h for the optimistic 4x4); Infinity only beyond a double', (method) => {
    const huge = fc.double({ min: 20, max: 300, noNaN: true }).map((u) => 10 ** u);
    const few = fc.integer({ min: 1, max: 3 });
    fc.assert(fc.property(fc.tuple(entry, entry, entry, entry), huge, few, few, (j, h, nG, nD) => {
      const rates = method === 'alternating' ? [h, h, nG, nD] as const : [h, h, 1, 1] as const;
      const computed = largestModulus(out, updateMapEigenvalues(method, j, ...rates, out));
      const expected = method === 'optimistic' ? optimisticRadiusOverH(j, h) : explicitRadius(method, j, h, nG, nD);
      if (expected === undefined) return;
      if (expected.gt(Number.MAX_VALUE * (1 + 1e-9))) expect(computed).toBe(Infinity);
      else if (expected.lt(Number.MAX_VALUE * (1 - 1e-9))) {
        const relative = exactly(computed).minus(expected).abs().div(expected).toNumber();
        expect(relative, `${computed} vs ${expected.toSignificantDigits(17)}`).toBeLessThanOrEqual(1e-9);
      }
    }), PROPERTY_RUNS);
  });

  it('alternating with nD = 1e9 discriminator steps takes no longer than a few (repeated squaring), and agrees with the closed form of D^n', () => {
    // J = [[0, -1], [1, -0.5]] (a damped discriminator): D = [[1, 0], [hD, 1 - 0.5 hD]] and D^n = [[1, 0], [2 (1 - w^n), w^n]] with w = 1 - 0.5 hD; nG = 0 generator moves with a = 0 cancel.
    const n = updateMapEigenvalues('alternating', [0, -1, 1, -0.5], 1e-12, 0.1, 1, 1e9, out);
    expect(n).toBe(2);
    // With hG -> 0, M -> D^n, whose eigenvalues are 1 and w^n = 0.95^1e9 = 0.
    const values = [out[0]!, out[2]!].sort((a, b) => a - b);
    expect(values[0]).toBeCloseTo(0, 10);
    expect(values[1]).toBeCloseTo(1, 10);
  });

  it.each(METHODS.map((m) => [m]))('%s: updateMapRadius, the scalar fast path, is the spectral radius of the explicit map (ml-matrix) for any J and h, and at h from 1e20 to 1e300 (60 digits)', (method) => {
    fc.assert(fc.property(fc.tuple(either, either, either, either), rate, (j, h) => {
      const oracle = new EigenvalueDecomposition(explicitMap(method, j, h, h, 1, 1));
      const expected = Math.max(...oracle.realEigenvalues.map((re, i) => Math.hypot(re, oracle.imaginaryEigenvalues[i]!)));
      expect(Math.abs(updateMapRadius(method, ...j, h) - expected)).toBeLessThanOrEqual(1e-7 * Math.max(1, expected));
    }), PROPERTY_RUNS);
    const huge = fc.double({ min: 20, max: 300, noNaN: true }).map((u) => 10 ** u);
    fc.assert(fc.property(fc.tuple(either, either, either, either), huge, (j, h) => {
      const computed = updateMapRadius(method, ...j, h);
      const expected = method === 'optimistic' ? optimisticRadiusOverH(j, h) : explicitRadius(method, j, h, 1, 1);
      if (expected === undefined) return;
      if (expected.gt(Number.MAX_VALUE * (1 + 1e-9))) expect(computed).toBe(Infinity);
      else if (expected.lt(Number.MAX_VALUE * (1 - 1e-9))) expect(exactly(computed).minus(expected).abs().div(expected).toNumber(), `${computed} vs ${expected.toSignificantDigits(17)}`).toBeLessThanOrEqual(1e-9);
    }), PROPERTY_RUNS);
    // Near the identity the radius keeps the order-h part: mu = 1 + h (-0.25 +- 0.5 i) at h = 1e-9.
    if (method === 'simultaneous') expect(updateMapRadius(method, -0.25, -0.5, 0.5, -0.25, 1e-9)).toBe(Math.sqrt((1 - 0.25e-9) ** 2 + 0.25e-18));
    // A radius whose squares underflow: M = I + J = [[0, 1e-170], [-1e-170, 0]] has rho = 1e-170.
    if (method === 'simultaneous') expect(Math.abs(updateMapRadius(method, -1, 1e-170, -1e-170, -1, 1) / 1e-170 - 1)).toBeLessThan(1e-12);
  });

  it('keeps the digits of a map near the identity: rho - 1 of order h, at h = 1e-9', () => {
    const h = 1e-9;
    updateMapEigenvalues('simultaneous', [-0.25, -0.5, 0.5, -0.25], h, h, 1, 1, out);
    // mu = 1 + h (-0.25 +- 0.5 i): the real part is exact, the imaginary part is 0.5 h.
    expect(out[0]).toBe(1 - 0.25 * h);
    expect(out[1]).toBeCloseTo(0.5 * h, 24);
  });
});

describe('searchStabilityBound', () => {
  it('finds the crossing of rho(h) = |1 - h + h^2 / 4| ... a map whose bound is known: rho(h) = |1 - 0.5 h|, bound 4', () => {
    const found = searchStabilityBound((h) => Math.abs(1 - 0.5 * h));
    expect(found.verdict).toBe('converges-below-bound');
    expect(found.bound).toBeCloseTo(4, 10);
    expect(found.closedForm).toBe(false);
    // A closed form that agrees is used; one that does not is not.
    expect(searchStabilityBound((h) => Math.abs(1 - 0.5 * h), { roots: [-1, Number.NaN, 4] })).toEqual({ verdict: 'converges-below-bound', bound: 4, closedForm: true });
    expect(searchStabilityBound((h) => Math.abs(1 - 0.5 * h), { roots: [3] }).closedForm).toBe(false);
  });

  it('says undecided, never-converges, converges-for-all-h and cycles where they hold', () => {
    expect(searchStabilityBound(() => 1).verdict).toBe('undecided');
    expect(searchStabilityBound((h) => 1 + h).verdict).toBe('never-converges');
    expect(searchStabilityBound((h) => 1 / (1 + h)).verdict).toBe('converges-for-all-h');
    // Eigenvalues on the unit circle until h = 2 (alternating steps on a centre).
    const cycling = searchStabilityBound((h) => (h < 2 ? 1 : 1 + (h - 2)), { cycles: true });
    expect(cycling.verdict).toBe('cycles-below-bound');
    expect(cycling.bound).toBeCloseTo(2, 8);
    expect(LEARNING_RATES[0]).toBeCloseTo(1e-6, 18);
  });
});

describe('searchStabilityBound where small steps do not show it', () => {
  // The oracle: ml-matrix's eigenvalues of the explicit update map (explicitMap).
  const oracleRadius = (method: Method, j: number[], h: number): number => {
    const e = new EigenvalueDecomposition(explicitMap(method, j, h, h, 1, 1));
    return Math.max(...e.realEigenvalues.map((re, i) => Math.hypot(re, e.imaginaryEigenvalues[i]!)));
  };
  const search = (method: Method, j: number[]) =>
    searchStabilityBound((h) => updateMapRadius(method, j[0]!, j[1]!, j[2]!, j[3]!, h), { smallStepsConverge: j[0]! + j[3]! < 0 && j[0]! * j[3]! - j[1]! * j[2]! > 0 });

  it('converges only on intervals away from 0: extragradient and optimistic steps where J is slightly unstable', () => {
    // The Dirac-GAN with an R1 weight of -0.05: eigenvalues 0.025 +- 0.4994i.
    const j = [0, -0.5, 0.5, 0.05];
    for (const method of ['extragradient', 'optimistic'] as const) {
      const found = search(method, j);
      expect(found.verdict, method).toBe('converges-in-intervals');
      const intervals = found.verdict === 'converges-in-intervals' ? found.intervals : [];
      expect(intervals.length, method).toBe(1);
      const { from, to } = intervals[0]!;
      for (const [h, stable] of [[from * 0.99, false], [from * 1.01, true], [Math.sqrt(from * to), true], [to * 0.99, true], [to * 1.01, false]] as const) {
        expect(oracleRadius(method, j, h) < 1, `${method} at h = ${h} (${from}..${to})`).toBe(stable);
      }
    }
    // Simultaneous steps on it never converge (|1 + h lambda| > 1 for Re lambda > 0).
    expect(search('simultaneous', j).verdict).toBe('never-converges');
  });

  it('finds a bound below the scan where J is stable, and says undecided where rounding would decide', () => {
    // Eigenvalues -1e7 and a slower one: simultaneous steps converge for h < 2e-7, below the
    // scan's 1e-6 (at h = 1e-16, rho is 1 or 1 - 1e-16 by rounding: no start for the scan).
    for (const slow of [-1, -0.1, -1e-5]) {
      const stiff = [-1e7, 0, 0, slow];
      const found = search('simultaneous', stiff);
      expect(found.verdict, `slow ${slow}`).toBe('converges-below-bound');
      expect(Math.abs(found.bound! - 2e-7), `slow ${slow}`).toBeLessThanOrEqual(1e-9 * 2e-7);
      expect(oracleRadius('simultaneous', stiff, found.bound! * 0.99)).toBeLessThan(1);
      expect(oracleRadius('simultaneous', stiff, found.bound! * 1.01)).toBeGreaterThan(1);
    }
    // R1 on the Dirac-GAN, J = [[0, -1/2], [1/2, -gamma]]: simultaneous steps converge for h < 4 gamma.
    // At gamma = 3e-7, 1 - rho halfway is 4.5e-14, resolved; at gamma = 1e8 (eigenvalues -1e8 and
    // -2.5e-9, bound 2e-8) and 1e-8 it is under 5e-17, which a double does not hold.
    const r1 = (gamma: number): number[] => [0, -0.5, 0.5, -gamma];
    const resolved = search('simultaneous', r1(3e-7));
    expect(resolved.verdict).toBe('converges-below-bound');
    expect(Math.abs(resolved.bound! / 1.2e-6 - 1)).toBeLessThan(1e-2);
    expect(oracleRadius('simultaneous', r1(3e-7), resolved.bound! * 0.99)).toBeLessThan(1);
    expect(oracleRadius('simultaneous', r1(3e-7), resolved.bound! * 1.01)).toBeGreaterThan(1);
    for (const gamma of [1e8, 1e-8]) expect(search('simultaneous', r1(gamma)), `gamma = ${gamma}`).toMatchObject({ verdict: 'undecided', unresolved: true });
    // Not so where J is not stable: the old verdict stands.
    expect(search('simultaneous', [0, -0.5, 0.5, 0]).verdict).toBe('never-converges');
  });
});

describe('the trajectory loop', () => {
  // The linear map x <- (1 - h) x on both coordinates: |x_k| = (1 - h)^k |x_0|.
  const linear = (scale: number) => ({
    vectorField: (theta: number, phi: number, _p: unknown, out: Float64Array) => { out[0] = -scale * theta; out[1] = -scale * phi; return out; },
    fieldTheta: (theta: number) => -scale * theta,
    fieldPhi: (_theta: number, phi: number) => -scale * phi,
  });

  it('stops exactly where Math.hypot crosses the limits, at any scale (no overflow or underflow of the squares)', () => {
    for (const [start, scale, tolerance, divergenceBound] of [[[1, 1], 0.5, 1e-3, 10], [[1e-200, 1e-200], 0.5, 1e-203, 1], [[1e200, 1e200], -0.5, 1, 1e203], [[3, 4], 0.1, 0, Infinity]] as const) {
      const steps = defineSteps({ ...linear(scale) });
      const run = checkTrajectory('simultaneous', start, { h: 1, steps: 300, tolerance, divergenceBound });
      const t = runTrajectory({ vectorField: linear(scale).vectorField, ...steps }, run, {});
      const distances = Array.from({ length: t.steps + 1 }, (_, k) => Math.hypot(t.path[2 * k]!, t.path[2 * k + 1]!));
      // Every point before the last is inside both limits; the last one is outside where the run stopped.
      distances.slice(0, -1).forEach((d) => expect(d >= tolerance && d <= divergenceBound).toBe(true));
      const last = distances.at(-1)!;
      if (t.status === 'converged') expect(last).toBeLessThan(tolerance);
      if (t.status === 'diverged') expect(last).toBeGreaterThan(divergenceBound);
      if (t.status === 'running') expect(t.steps).toBe(300);
    }
  });

  it('stops at the step the closed form says, past chunks and growths of the path, with or without a buffer', () => {
    // x_k = (1 - h scale)^k x_0, |x_0| = 5: the distance first falls below the tolerance at the
    // smallest k with (1 - scale)^k 5 < tolerance: 2,995 steps (six chunks) at scale 1e-3, and
    // 230,258 at 1e-5 (past the 131,072 points allocated before the run: the path grows).
    const buffer = new Float64Array(2 * 5001);
    const cases = [
      { scale: 1e-3, options: { h: 1, steps: 5000, tolerance: 0.25 } },
      { scale: 1e-3, options: { h: 1, steps: 5000, tolerance: 0.25, buffer } },
      { scale: 1e-5, options: { h: 1, steps: 300_000, tolerance: 0.5 } },
    ];
    for (const { scale, options } of cases) {
      const t = runTrajectory({ vectorField: linear(scale).vectorField, ...defineSteps({ ...linear(scale) }) }, checkTrajectory('simultaneous', [3, 4], options), {});
      const expected = Math.ceil(Math.log(options.tolerance / 5) / Math.log(1 - scale));
      expect([t.status, t.steps]).toEqual(['converged', expected]);
      expect(t.path.length).toBe(2 * (expected + 1));
      for (const k of [0, 511, 512, 513, 1023, 1024, 2047, 131_071, 131_072, 131_073, expected]) if (k <= expected) expect(t.path[2 * k]! / 3).toBeCloseTo((1 - scale) ** k, 9);
      // With a buffer, the path is a view of it: nothing was allocated for it.
      expect(t.path.buffer === buffer.buffer).toBe('buffer' in options);
    }
  });

  it('stops at the first step, and on either side of a chunk boundary (512)', () => {
    const scale = 1e-3;
    for (const stop of [1, 511, 512, 513]) {
      // Halfway between the distances of steps stop - 1 and stop: the run stops at `stop`.
      const tolerance = 5 * (1 - scale) ** (stop - 0.5);
      const t = runTrajectory({ vectorField: linear(scale).vectorField, ...defineSteps({ ...linear(scale) }) }, checkTrajectory('simultaneous', [3, 4], { h: 1, steps: 1000, tolerance }), {});
      expect([t.status, t.steps, t.path.length]).toEqual(['converged', stop, 2 * (stop + 1)]);
    }
  });

  it('ends a run at a step that is not finite, leaving that step out of the path', () => {
    // x <- x + h * x^2 from 1, h = 1: 1, 2, 6, 42, ... overflows to Infinity at step 10.
    const square = (theta: number, phi: number, _p: unknown, out: Float64Array) => { out[0] = theta * theta; out[1] = phi * phi; return out; };
    const steps = defineSteps({ vectorField: square, fieldTheta: (t: number) => t * t, fieldPhi: (_t: number, f: number) => f * f });
    const t = runTrajectory({ vectorField: square, ...steps }, checkTrajectory('simultaneous', [1, 1], { h: 1, steps: 100, divergenceBound: Infinity }), {});
    let x = 1;
    let finite = 0;
    while (Number.isFinite(x + x * x)) { x += x * x; finite++; }
    expect([t.status, t.steps]).toEqual(['diverged', finite]);
    expect(Array.from(t.path).every(Number.isFinite)).toBe(true);
    expect(t.message).toMatch(new RegExp(`diverged at step ${finite + 1}: .* is not finite`));
  });

  it('takes a buffer only when it holds every step', () => {
    expect(() => checkTrajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, buffer: new Float64Array(21) })).toThrow('buffer must be a Float64Array of at least 2 (steps + 1) = 22 numbers, got a Float64Array of 21 numbers');
    expect(() => checkTrajectory('simultaneous', [1, 1], { h: 0.1, steps: 10, buffer: [0, 0] as unknown as Float64Array })).toThrow('buffer must be a Float64Array of at least 2 (steps + 1) = 22 numbers, got [0, 0]');
  });

  it('bounds the work of alternating schedules, not only the steps', () => {
    expect(() => checkTrajectory('alternating', [1, 1], { steps: 10, schedule: { hG: 0.1, hD: 0.1, nG: 1, nD: 1e9 } })).toThrow(/steps x \(nG \+ nD\) must be at most 2 MAX_STEPS/);
    expect(() => checkTrajectory('alternating', [1, 1], { steps: MAX_STEPS, h: 0.1 })).not.toThrow();
  });
});

describe('quadrature rules', () => {
  it('list their nodes by pairs +-z with the same sums, and their reach', () => {
    // g with an odd part, so that a pair summed with the wrong sign or a lost centre shows.
    const g = (z: number): number => Math.exp(0.3 * z) + z * z * z;
    for (const sharpness of [0.05, 0.3, 0.75, 2, 40]) {
      const rule = noiseRule(sharpness);
      const byNode = rule.nodes.reduce((sum, z, i) => sum + rule.weights[i]! * g(z), 0);
      const byPair = rule.positive.reduce((sum, z, i) => sum + rule.pairWeights[i]! * (g(z) + g(-z)), rule.centreWeight * g(0));
      expect(Math.abs(byPair - byNode), `sharpness ${sharpness}`).toBeLessThanOrEqual(1e-14 * Math.abs(byNode));
      expect(rule.positive.length).toBe(Math.floor(rule.nodes.length / 2));
      expect(rule.reach).toBe(Math.max(...Array.from(rule.nodes, Math.abs)));
      expect(rule.centreWeight > 0).toBe(rule.nodes.length % 2 === 1);
    }
  });

  it('give the spacing of equally spaced positive nodes (the trapezoidal rules), 0 for Gauss-Hermite', () => {
    expect(noiseRule(0.5).spacing).toBe(0);
    for (const sharpness of [0.8, 3, 40]) {
      const rule = noiseRule(sharpness);
      expect(rule.spacing).toBeGreaterThan(0);
      rule.positive.forEach((z, k) => expect(Math.abs(z - (k + 1) * rule.spacing), `sharpness ${sharpness}, node ${k}`).toBeLessThanOrEqual(1e-15 * z));
    }
  });

  // The instance-noise field's integrands (sigmoids of phi (theta + e), e ~ N(0, sigma^2)), by a rule and by a 120-point one.
  const integrals = (rule: { nodes: Float64Array; weights: Float64Array }, theta: number, phi: number, sigma: number): [number, number] => {
    const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
    let a = 0;
    let b = 0;
    rule.nodes.forEach((z, k) => {
      const e = sigma * z;
      a += rule.weights[k]! * sigmoid(-phi * (e + theta));
      b += rule.weights[k]! * (sigmoid(-phi * (e + theta)) * (e + theta) - e * sigmoid(e * phi));
    });
    return [a, b];
  };

  it('keep the error below 2e-15 of max(1, |value|) against a 120-point rule, at every sharpness up to 0.75', () => {
    for (let s = 0.01; s <= 0.75; s += 0.01) {
      for (const sigma of [0.05, 0.5, 1, 3]) {
        for (const theta of [-10, -3, -1, 0, 0.5, 2, 7]) {
          const phi = s / sigma;
          const ours = integrals(noiseRule(s), theta, phi, sigma);
          const reference = integrals(normalHermiteRule(120), theta, phi, sigma);
          ours.forEach((v, i) => expect(Math.abs(v - reference[i]!), `s = ${s}, sigma = ${sigma}, theta = ${theta}`).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(reference[i]!))));
        }
      }
    }
  });

  it('are built once and reused, with fewer Gauss-Hermite nodes where the integrand is smoother', () => {
    expect(noiseRule(0.75)).toBe(normalHermiteRule(40));
    expect(noiseRule(0.5)).toBe(normalHermiteRule(36));
    expect(noiseRule(0.1)).toBe(normalHermiteRule(8));
    expect(noiseRule(Number.NaN)).toBe(normalHermiteRule(40));
    expect(noiseRule(3)).toBe(noiseRule(3));
    expect(noiseRule(3).nodes.length).toBe(2 * Math.ceil(23.75 * 3) + 1);
  });
});

describe('the checked entry points (runtime/checked.ts)', () => {
  // A toy game: the value theta * phi * a * b * c, whose double-precision product loses what
  // unbounded exponents keep when the factors are extreme but the value is not.
  type Toy = { readonly a: number; readonly b: number; readonly c: number };
  const table: ParameterTable<Toy> = { hyperparameters: ['a', 'b', 'c'], ranges: [[0, 1e300], [0, 1e300], [0, 1e300]], activationOrder: -1, defaults: { a: 1, b: 1, c: 1 } };
  const fast = (theta: number, phi: number, p: Toy): number => theta * phi * p.a * p.b * p.c;
  const exact = (theta: number, phi: number, p: Toy): number => wide.narrow(wide.mul(wide.of(theta), wide.of(phi), wide.of(p.a), wide.of(p.b), wide.of(p.c)));
  const objective = checkedObjective(table, fast, exact);
  const map = checkedMap(table, 2, (theta, phi, p, out) => { out[0] = fast(theta, phi, p); out[1] = -out[0]; return out; }, (theta, phi, p, out) => { out[0] = exact(theta, phi, p); out[1] = -out[0]; return out; });

  it('falls back on unbounded exponents where a hyperparameter is extreme, even at a moderate point', () => {
    // 1e-200 * 1e-200 underflows to 0 in doubles; times 1e300 the value is 1e-100.
    const p = { a: 1e-200, b: 1e-200, c: 1e300 };
    expect(fast(1, 1, p)).toBe(0);
    expect(objective(1, 1, p)).toBeCloseTo(1e-100, 115);
    expect(Array.from(map(1, 1, p))).toEqual([objective(1, 1, p), -objective(1, 1, p)]);
  });

  it('falls back where the point is extreme, and keeps the fast value elsewhere', () => {
    expect(objective(1e-200, 1e-200, { a: 1, b: 1e200, c: 1e200 })).toBeCloseTo(1, 12);
    expect(objective(3, 5)).toBe(15);
    expect(map(3, 5, { a: 2, b: 1, c: 1 })[1]).toBe(-30);
  });

  it('checks the point and the parameters, naming them', () => {
    expect(() => objective(Number.NaN, 1)).toThrow(/theta/);
    expect(() => map(1, Infinity)).toThrow(/phi/);
    expect(() => objective(1, 1, { a: -1, b: 1, c: 1 })).toThrow(/hyperparameter a/);
  });

  it('asks the special case first and answers with it where it answers', () => {
    const special = checkedMap(table, 1, (theta, phi, p, out) => { out[0] = 1; return out; }, (theta, phi, p, out) => { out[0] = 2; return out; },
      (theta, phi, p, out) => { if (phi !== 0) return undefined; out[0] = 3; return out; });
    expect([special(1, 0)[0], special(1, 1)[0]]).toEqual([3, 1]);
  });
});

describe('powers V8 computes alike wherever it runs (runtime/portable.ts)', () => {
  // The oracle: the power in 60 digits (decimal.js), rounded once.
  const exact = (base: number, exponent: number): number => HP.pow(exactly(base), exactly(exponent)).toNumber();
  const error = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

  it('is within its stated error of the exact power: |n| + 2 units in the last place for an integer n, |y log x| + 4 otherwise', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.integer({ min: -64, max: 64 }), (base, exponent) => {
        const want = exact(base, exponent);
        if (!Number.isFinite(want) || want === 0) return;
        expect(error(portablePower(base, exponent), want)).toBeLessThanOrEqual((Math.abs(exponent) + 2) * Number.EPSILON);
      }),
      PROPERTY_RUNS,
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), fc.double({ min: -8, max: 8, noNaN: true }), (base, exponent) => {
        expect(error(portablePower(base, exponent), exact(base, exponent))).toBeLessThanOrEqual((Math.abs(exponent * Math.log(base)) + 4) * Number.EPSILON);
      }),
      PROPERTY_RUNS,
    );
  });

  it('takes zeros, infinities, NaN, negative bases and underflowing reciprocals as Math.pow does', () => {
    for (const [base, exponent] of [[-2, 3], [-0.5, -4], [0, 2], [0, -1], [-0, -1], [-0, -2], [0, 0.5], [-0, 0.5], [-Infinity, 0.5], [-8, 1 / 3], [Infinity, 2], [-Infinity, 3], [NaN, 2], [2, NaN], [2, 0], [0, 0], [1e160, -2], [1e-160, 2]] as const) {
      expect(portablePower(base, exponent), `${base} ** ${exponent}`).toBe(Math.pow(base, exponent));
    }
  });

  it('gives the grids of learning rates 10 ** x within 4 units in the last place, whole decades exactly', () => {
    for (const [k, h] of LEARNING_RATES.entries()) {
      const x = -6 + k * 0.075;
      expect(error(h, exact(10, x)), `h ${k}`).toBeLessThanOrEqual(4 * Number.EPSILON);
      expect(powerOfTen(x)).toBe(h);
    }
    expect([LEARNING_RATES[0], LEARNING_RATES[LEARNING_RATES.length - 1], powerOfTen(1), powerOfTen(-3)]).toEqual([1e-6, 1e3, 10, 1e-3]);
  });
});

describe('the runtime as the emitter reads it', () => {
  it('finds the exports the compiler’s parser finds in every file of runtime/, types apart from values', () => {
    const folder = fileURLToPath(new URL('../runtime/', import.meta.url));
    const files = new Map(readdirSync(folder).filter((name) => name.endsWith('.ts')).map((name) => [name, readFileSync(path.join(folder, name), 'utf8')]));
    const parsed = new Map<string, { module: string; typeOnly: boolean }>();
    for (const [name, text] of files) {
      for (const statement of ts.createSourceFile(name, text, ts.ScriptTarget.Latest).statements) {
        if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
        const typeOnly = ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement);
        const names = ts.isVariableStatement(statement) ? statement.declarationList.declarations.map((d) => d.name) : [(statement as ts.DeclarationStatement).name];
        for (const exported of names) if (exported && ts.isIdentifier(exported)) parsed.set(exported.text, { module: name.slice(0, -3), typeOnly });
      }
    }
    expect(parsed.size).toBeGreaterThan(50);
    expect(new Map([...exportsOf(files)].sort())).toEqual(new Map([...parsed].sort()));
  });
});
