/**
 * runtime/schur.ts against an eigenvalue solver: the roots of random real polynomials, as the
 * eigenvalues of their companion matrices by ml-matrix.
 */
import fc from 'fast-check';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { polynomialRadius, schurStable } from '../runtime/schur.js';

/** The roots' largest modulus, and the smallest distance between two roots (where it is small,
 * the eigenvalues of a nearly defective matrix are only good to its square root). */
function roots(c: readonly number[]): { radius: number; closest: number } {
  const n = c.length - 1;
  const companion = Matrix.zeros(n, n);
  for (let i = 0; i < n; i++) {
    companion.set(0, i, -c[n - 1 - i]! / c[n]!);
    if (i > 0) companion.set(i, i - 1, 1);
  }
  const e = new EigenvalueDecomposition(companion);
  const zs = e.realEigenvalues.map((re, i) => [re, e.imaginaryEigenvalues[i]!] as const);
  let closest = Infinity;
  zs.forEach((a, i) => zs.slice(i + 1).forEach((b) => { closest = Math.min(closest, Math.hypot(a[0] - b[0], a[1] - b[1])); }));
  return { radius: Math.max(...zs.map(([re, im]) => Math.hypot(re, im))), closest };
}

const polynomial = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.tuple(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.boolean())
    .map(([rest, leading, negative]) => [...rest, negative ? -leading : leading]));

describe('the Schur-Cohn test of the runtime', () => {
  it('says stable exactly when every root is inside the unit circle (random polynomials of degree 1 to 6, away from the circle)', () => {
    let decided = 0;
    fc.assert(fc.property(polynomial, (c) => {
      const { radius } = roots(c);
      if (Math.abs(radius - 1) < 1e-6) return;
      decided++;
      expect(schurStable(c), `${c} (roots up to ${radius})`).toBe(radius < 1);
    }), { numRuns: 800, seed: 15 });
    expect(decided).toBeGreaterThan(750);
  });

  it('finds the spectral radius the eigenvalues have, to 1e-7 relative where the roots are simple', () => {
    let compared = 0;
    fc.assert(fc.property(polynomial, (c) => {
      const { radius: expected, closest } = roots(c);
      if (closest < 1e-2) return;
      compared++;
      expect(Math.abs(polynomialRadius(c) - expected), `${c}`).toBeLessThan(1e-7 * Math.max(1, expected));
    }), { numRuns: 500, seed: 16 });
    expect(compared).toBeGreaterThan(150);
  });

  it('gives the radius of degree 1 and 2 in closed form, to rounding, a double root and a zero root included', () => {
    expect(polynomialRadius([0.25, -1, 1])).toBe(0.5); // (z - 1/2)^2: bisection is only good to its tolerance there
    expect(polynomialRadius([-0.25, 0, 1])).toBe(0.5); // z = +-1/2
    expect(polynomialRadius([0, 0.3, -1])).toBeCloseTo(0.3, 15); // z (0.3 - z)
    expect(polynomialRadius([0, 0, 2])).toBe(0);
    expect(polynomialRadius([-1.5, 3])).toBe(0.5);
    expect(polynomialRadius([0.5, -1, 1])).toBeCloseTo(Math.SQRT1_2, 15); // 1/2 +- i/2
    expect(polynomialRadius([-0.5, 1, -1])).toBeCloseTo(Math.SQRT1_2, 15); // the same, times -1
    // Coefficients of any common scale: the roots of z^2 + 3z + 1, the larger (3 + sqrt 5)/2.
    for (const scale of [1e-200, 1, 1e200]) expect(polynomialRadius([scale, 3 * scale, scale])).toBeCloseTo((3 + Math.sqrt(5)) / 2, 12);
    // b^2 overflows: bisection answers (the roots -1e-200 and -1e200).
    expect(polynomialRadius([1, 1e200, 1]) / 1e200).toBeCloseTo(1, 12);
  });

  it('names the roots on the circle unstable, and a polynomial with a non-finite coefficient of infinite radius', () => {
    expect(schurStable([1, -2, 1])).toBe(false); // (z - 1)^2
    expect(schurStable([1, 0, 1])).toBe(false); // z = +-i
    expect(schurStable([0.25, 0, 1])).toBe(true); // z = +-i/2
    expect(polynomialRadius([0.25, 0, 1])).toBeCloseTo(0.5, 12);
    expect(polynomialRadius([Number.NaN, 1])).toBe(Infinity);
  });
});
