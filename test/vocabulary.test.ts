/**
 * The vocabulary (generator/vocabulary/): each elementary function's definition checked
 * against independent oracles (finite differences of its value, the 60-digit definition
 * of test/oracles/high-precision.ts, KaTeX in strict mode), and the tables every stage
 * reads (f^(k), spellings) against the stages that read them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import katex from 'katex';
import * as E from '../generator/ir/expr.js';
import * as Q from '../generator/ir/rational.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { toTex } from '../generator/print/tex.js';
import { differentiate, fromNerdamer } from '../generator/cas/differentiate.js';
import * as elementary from '../runtime/elementary.js';
import { ELEMENTARY_FUNCTIONS } from '../generator/vocabulary/functions.js';
import type { ElementaryFunction, Sign } from '../generator/vocabulary/functions.js';
import { MAX_ACTIVATION_ORDER, activationName, activationOrderOf, activationTex } from '../generator/vocabulary/activation.js';
import { derivative } from './oracles/finite-difference.js';
import { highPrecision } from './oracles/high-precision.js';

const RUNS = { numRuns: 200, seed: 20261129 } as const;
const x = E.sym('x');
const at = (e: E.Expr, value: number): number => evaluate(e, { symbols: { x: value } });
const close = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));

/** Where each function is defined (log: x > 0, with room for the stencil), away from overflow. */
const domain = (f: ElementaryFunction) =>
  f.name === 'log' ? fc.double({ min: 0.05, max: 50, noNaN: true }) : fc.double({ min: -30, max: 30, noNaN: true });

const signOfNumber = (value: number): Sign => (value > 0 ? 'positive' : value < 0 ? 'negative' : 'zero');
const hasSign = (value: number, sign: Sign): boolean =>
  sign === 'positive' ? value > 0 : sign === 'negative' ? value < 0 : sign === 'zero' ? value === 0 : sign === 'nonzero' ? value !== 0 : true;

describe.each(ELEMENTARY_FUNCTIONS)('$name', (f) => {
  it('its derivative agrees with a finite difference of its value', () => {
    fc.assert(fc.property(domain(f), (u) => {
      // The 5-point stencil spans u +- 1e-3: keep it on one side of a kink at 0.
      fc.pre(!f.kink || Math.abs(u) > 1e-2);
      expect(close(at(f.derivative(x), u), derivative(f.value, u), 1e-8), `at ${u}`).toBe(true);
    }), RUNS);
  });

  it('its value agrees with the 60-digit definition', () => {
    fc.assert(fc.property(domain(f), (u) => {
      const exact = highPrecision({ symbols: { x: u } })(E.call(f.name, x)).toNumber();
      expect(close(f.value(u), exact, 4e-16), `at ${u}`).toBe(true);
    }), RUNS);
  });

  it('folds exact constants to its value there', () => {
    for (const c of [-2, -0.5, 0, 0.5, 1, 3]) {
      if (f.name === 'log' && c <= 0) continue;
      const folded = f.exact(Q.parseRational(String(c)));
      if (folded) expect(close(evaluate(folded, { symbols: {} }), f.value(c), 1e-15), `${f.name}(${c})`).toBe(true);
    }
  });

  it("states a sign its value has, from its argument's", () => {
    fc.assert(fc.property(fc.oneof(fc.constant(0), fc.constant(1), fc.constant(-1), domain(f)), (u) => {
      fc.pre(f.name !== 'log' || u > 0);
      expect(hasSign(f.value(u), f.sign(signOfNumber(u))), `at ${u}`).toBe(true);
      expect(f.sign('unknown') === 'unknown' || hasSign(f.value(u), f.sign('unknown')), `at ${u}`).toBe(true);
    }), RUNS);
  });

  it('equals its smooth forms on either side of its kink', () => {
    if (!f.kink) return;
    const { negative, positive } = f.kink;
    fc.assert(fc.property(fc.double({ min: 1e-6, max: 30, noNaN: true }), (u) => {
      expect(at(positive(x), u)).toBe(f.value(u));
      expect(at(negative(x), -u)).toBe(f.value(-u));
    }), RUNS);
  });

  it('is differentiated by the CAS bridge through the chain rule with its own derivative', () => {
    const inner = E.mul(E.num(3), x);
    expect(differentiate(E.call(f.name, inner), 'x')).toBe(E.mul(E.num(3), f.derivative(inner)));
  });

  it('prints TeX that KaTeX renders in strict mode, also as a power base', () => {
    for (const arg of [x, E.neg(x), E.add(x, E.ONE), E.mul(E.sym('phi'), E.sym('theta'))]) {
      for (const tex of [toTex(E.call(f.name, arg)), toTex(E.pow(E.call(f.name, arg), E.num(3)))]) {
        expect(() => katex.renderToString(tex, { throwOnError: true, strict: 'error' }), tex).not.toThrow();
      }
    }
  });

  it('is spelt in TypeScript as a Math function, a helper of the runtime (runtime/elementary.ts) or a choice', () => {
    const spelling = f.typescript;
    if ('choice' in spelling) expect(f.name).toBe('step');
    else if ('inline' in spelling) {
      expect(spelling.inline).toMatch(/^Math\.\w+$/);
      expect(typeof (Math as unknown as Record<string, unknown>)[spelling.inline.slice('Math.'.length)]).toBe('function');
    } else expect(Object.keys(elementary)).toContain(spelling.helper);
  });

  it('reads back from its own name in the records', () => expect(fromNerdamer(`${f.name}(x)`)).toBe(E.call(f.name, x)));
});

describe('the activation and its derivatives', () => {
  const orders = Array.from({ length: MAX_ACTIVATION_ORDER + 1 }, (_, k) => k);
  it('has one name per order, read back to that order', () => {
    expect(orders.map(activationName)).toEqual(['f', 'df', 'd2f', 'd3f', 'd4f', 'd5f', 'd6f']);
    for (const k of orders) expect(activationOrderOf(activationName(k))).toBe(k);
    expect(activationOrderOf(`d${MAX_ACTIVATION_ORDER + 1}f`)).toBeUndefined();
  });
  it('prints f, primes, then a bracketed order, as the TeX printer writes it', () => {
    expect(orders.map(activationTex)).toEqual(['f', "f'", "f''", 'f^{(3)}', 'f^{(4)}', 'f^{(5)}', 'f^{(6)}']);
    for (const k of orders) expect(toTex(E.activation(k, x))).toBe(`${activationTex(k)}(x)`);
  });
});

describe('spellings that are not functions of their own', () => {
  it('reads max and min of two arguments through relu', () => {
    const [max, min] = [fromNerdamer('max(x, y)'), fromNerdamer('min(x, y)')];
    fc.assert(fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true }), (u, v) => {
      expect(evaluate(max, { symbols: { x: u, y: v } })).toBeCloseTo(Math.max(u, v), 12);
      expect(evaluate(min, { symbols: { x: u, y: v } })).toBeCloseTo(Math.min(u, v), 12);
    }), RUNS);
    expect(fromNerdamer('max(0, x)')).toBe(E.call('relu', x));
  });
  it('reads sqrt as a power', () => expect(fromNerdamer('sqrt(x)')).toBe(E.pow(x, E.num(0.5))));
  it('names the arity in an error', () => expect(() => fromNerdamer('max(x)')).toThrow(/max takes two arguments, not 1/));
});
