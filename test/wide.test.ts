/**
 * The unbounded-exponent arithmetic of the checked evaluators' fallback (runtime/wide.ts),
 * against decimal.js at 60 digits (whose exponent reaches 9e15): each operation within a
 * few roundings of the exact result of the same operation on the same (exact) operands,
 * at exponents far outside a double's range; `narrow` rounds to the double range.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { wide } from '../runtime/wide.js';
import type { Wide } from '../runtime/wide.js';
import { HP, exactly, highPrecision } from './oracles/high-precision.js';
import { PROPERTY_RUNS } from './support/games.js';

const EPS = Number.EPSILON;
const TWO = new HP(2);

/** The exact value of a wide number. */
const valueOf = (w: Wide): HP => exactly(w.m).times(TWO.pow(w.e));

/** m * 2^e built by the arithmetic itself from a double and an exact power of two. */
const make = (m: number, e: number): Wide => wide.mul(wide.of(m), wide.pow(wide.of(2), wide.of(e)));

/** Significands in +-[0.5, 1) (so that `exponent` alone sets the size), exponents far beyond a double's. */
const significand = fc.tuple(fc.double({ min: 0.5, max: 1, maxExcluded: true, noNaN: true }), fc.boolean()).map(([m, negative]) => (negative ? -m : m));
const exponent = fc.integer({ min: -6000, max: 6000 });
const wideNumber = fc.tuple(significand, exponent).map(([m, e]) => make(m, e));

/** |computed - exact| <= ulps * eps * scale. */
function within(computed: Wide, exact: HP, ulps: number, scale: HP = exact.abs()): void {
  const error = valueOf(computed).minus(exact).abs();
  if (!error.lte(scale.times(ulps * EPS))) expect.fail(`${valueOf(computed).toSignificantDigits(20)} vs ${exact.toSignificantDigits(20)}: error ${error.div(scale).toNumber() / EPS} eps`);
}

describe('wide arithmetic against 60 digits', () => {
  it('keeps its form: 0.5 <= |m| < 1 and an integer exponent', () => {
    fc.assert(fc.property(wideNumber, (w) => {
      expect(Math.abs(w.m)).toBeGreaterThanOrEqual(0.5);
      expect(Math.abs(w.m)).toBeLessThan(1);
      expect(Number.isInteger(w.e)).toBe(true);
    }), PROPERTY_RUNS);
  });

  it('adds, subtracts, multiplies and divides with one rounding each', () => {
    // Exponents apart by at most 120, where both terms of a sum count, or by any amount.
    const near = fc.tuple(significand, significand, exponent, fc.integer({ min: -120, max: 120 })).map(([m, n, e, d]) => [make(m, e), make(n, e + d)] as const);
    fc.assert(fc.property(fc.oneof(near, fc.tuple(wideNumber, wideNumber)), ([a, b]) => {
      const [x, y] = [valueOf(a), valueOf(b)];
      const magnitudes = x.abs().plus(y.abs());
      within(wide.add(a, b), x.plus(y), 2, magnitudes);
      within(wide.sub(a, b), x.minus(y), 2, magnitudes);
      within(wide.mul(a, b), x.times(y), 2);
      within(wide.div(a, b), x.div(y), 2);
      within(wide.mul(a, b, a, b), x.times(y).times(x).times(y), 4);
    }), PROPERTY_RUNS);
  });

  it('takes square roots, logarithms and integer powers', () => {
    fc.assert(fc.property(wideNumber, fc.integer({ min: -7, max: 7 }), (a, n) => {
      const x = valueOf(a);
      within(wide.sqrt(wide.abs(a)), x.abs().sqrt(), 2);
      within(wide.log(wide.abs(a)), HP.ln(x.abs()), 4);
      within(wide.pow(a, wide.of(n)), x.pow(n), 4 * Math.max(1, Math.abs(n)));
    }), PROPERTY_RUNS);
  });

  it('takes exponentials past the double range, to |x| = 1e5', () => {
    // Past +-700 (beyond a double's exponential), and anywhere in the range.
    const far = fc.tuple(fc.double({ min: 700, max: 1e5, noNaN: true }), fc.boolean()).map(([x, negative]) => (negative ? -x : x));
    fc.assert(fc.property(fc.oneof(far, fc.double({ min: -1e5, max: 1e5, noNaN: true })), (x) => {
      within(wide.exp(wide.of(x)), HP.exp(exactly(x)), 4);
    }), PROPERTY_RUNS);
    // Beyond any product of doubles' powers: 0 and Infinity.
    expect(wide.narrow(wide.exp(make(1, 100)))).toBe(Infinity);
    expect(wide.narrow(wide.exp(make(-1, 100)))).toBe(0);
  });

  it('takes sigmoid, softplus and their difference as their definitions, to |x| = 1e4', () => {
    const x = E.sym('x');
    const definitions = {
      sigmoid: E.call('sigmoid', x),
      softplus: E.call('softplus', x),
      sigmoidDifference: E.sub(E.call('sigmoid', x), E.call('sigmoid', E.neg(x))),
    } as const;
    // Below 1e-30, the 60-digit difference of two sigmoids near 1/2 keeps no digit of its own.
    const argument = fc.double({ min: -1e4, max: 1e4, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-30);
    fc.assert(fc.property(argument, (v) => {
      const value = highPrecision({ symbols: { x: v } });
      for (const [name, definition] of Object.entries(definitions)) {
        const exact = value(definition);
        // sigmoid(-1e4) = e^-1e4 is far below a double, not below a wide number.
        within(wide[name as keyof typeof definitions](wide.of(v)), exact, 4);
      }
    }), PROPERTY_RUNS);
  });

  it('narrows to the nearest double: +-Infinity past the largest, subnormals and 0 below the smallest', () => {
    fc.assert(fc.property(significand, fc.integer({ min: -1200, max: 1200 }), (m, e) => {
      const w = make(m, e);
      const exact = valueOf(w);
      const narrowed = wide.narrow(w);
      if (exact.abs().gt(Number.MAX_VALUE)) expect(narrowed).toBe(m > 0 ? Infinity : -Infinity);
      else expect(exactly(narrowed).minus(exact).abs().lte(HP.max(exact.abs().times(EPS / 2), exactly(Number.MIN_VALUE)))).toBe(true);
    }), PROPERTY_RUNS);
    expect(Object.is(wide.narrow(make(-1, -5000)), -0)).toBe(true);
  });

  it('keeps NaN, zero and infinity as doubles do', () => {
    expect(wide.narrow(wide.mul(wide.of(0), make(1, 4000)))).toBe(0);
    expect(wide.narrow(wide.div(wide.of(1), wide.of(0)))).toBe(Infinity);
    expect(wide.narrow(wide.sqrt(wide.of(-1)))).toBeNaN();
    expect(wide.narrow(wide.add(wide.of(NaN), wide.of(1)))).toBeNaN();
    expect(wide.narrow(wide.relu(make(-1, 3000)))).toBe(0);
    expect(wide.narrow(wide.step(make(1, -3000)))).toBe(1);
  });
});
