/**
 * The canonical form of the IR (generator/ir/expr.ts), read through the CAS text printer:
 * each identity the constructors apply, with the exact text it must print. Equal values
 * built two ways must be the same node (the hash-consing promise that CSE relies on).
 */
import { describe, it, expect } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { nodesOf } from '../generator/ir/traverse.js';
import type { Expr } from '../generator/ir/expr.js';
import { toNerdamer } from '../generator/cas/text.js';
import { toTex } from '../generator/print/tex.js';
import { evaluate, numericFunction, numericFunctions } from '../generator/ir/evaluate.js';
import { quotient } from '../generator/ir/polynomial.js';
import { portablePower } from '../runtime/portable.js';

const [u, x, y, a, b] = ['u', 'x', 'y', 'a', 'b'].map(E.sym) as [Expr, Expr, Expr, Expr, Expr];
const n = (value: number | bigint): Expr => E.num(value);
const text = (e: Expr): string => toNerdamer(e);

describe('products of the vocabulary functions', () => {
  it('keeps sigmoid(u) sigmoid(-u), the derivative of sigmoid, as a product of sigmoids', () => {
    expect(text(E.mul(E.call('sigmoid', u), E.call('sigmoid', E.neg(u))))).toBe('sigmoid(u)*sigmoid(-u)');
  });
  it('reads relu(u) step(u) as relu(u)', () => expect(E.mul(E.call('relu', u), E.call('step', u))).toBe(E.call('relu', u)));
  it('reads a power of step(u) as step(u), in a product and as a power', () => {
    expect(E.mul(E.call('step', u), E.call('step', u))).toBe(E.call('step', u));
    expect(E.pow(E.call('step', u), n(3))).toBe(E.call('step', u));
  });
  it('drops even powers of sign(x) beside step(|x| - c) or relu(|x| - c), c >= 0, where x != 0', () => {
    const beyond = (fn: 'step' | 'relu', c: number): Expr => E.call(fn, E.add(E.call('abs', x), n(-c)));
    const sign = E.call('sign', x);
    expect(text(E.mul(a, E.pow(sign, n(2)), beyond('step', 1)))).toBe('a*step(abs(x)-1)');
    expect(text(E.mul(E.pow(sign, n(3)), beyond('relu', 2)))).toBe('relu(abs(x)-2)*sign(x)');
    expect(text(E.mul(E.pow(sign, n(2)), E.call('step', E.call('abs', x))))).toBe('step(abs(x))');
    // Not where the factor is nonzero at x = 0 (|x| + 1 > 0), is not about |x|, or divides.
    expect(text(E.div(E.pow(sign, n(2)), beyond('relu', 1)))).toBe('sign(x)^2/relu(abs(x)-1)');
    expect(text(E.mul(E.pow(sign, n(2)), E.call('step', E.add(E.call('abs', x), n(1)))))).toBe('sign(x)^2*step(abs(x)+1)');
    expect(text(E.mul(E.pow(sign, n(2)), E.call('step', E.add(x, n(-1)))))).toBe('sign(x)^2*step(x-1)');
    // Exact on both sides of the kinks, x = 0 included: against the product as written, in doubles.
    const simplified = numericFunction(E.mul(E.pow(sign, n(2)), beyond('step', 1)), ['x'], { symbols: {} });
    for (const value of [-2, -1, -0.5, 0, 0.5, 1, 1 + 2 ** -52, 3]) expect(simplified([value])).toBe(Math.sign(value) ** 2 * (Math.abs(value) - 1 > 0 ? 1 : 0));
  });
  it('reads sign(u) |u| as u', () => expect(E.mul(E.call('sign', u), E.call('abs', u))).toBe(u));
  it('reads u^3 / |u| as u^2 sign(u), without the pole at 0', () => {
    expect(text(E.div(E.pow(u, n(3)), E.call('abs', u)))).toBe('u^2*sign(u)');
  });
  it('reads |u| u^2 as |u|^3', () => expect(text(E.mul(E.call('abs', u), E.pow(u, n(2))))).toBe('abs(u)^3'));
  it('reads log(1 + e^u) as softplus(u)', () => expect(E.call('log', E.add(E.ONE, E.call('exp', u)))).toBe(E.call('softplus', u)));
  it('cancels exp and log', () => {
    expect(E.call('exp', E.call('log', x))).toBe(x);
    expect(E.call('log', E.call('exp', x))).toBe(x);
  });
  it('reads a power of exp as exp of a product', () => expect(text(E.pow(E.call('exp', u), n(2)))).toBe('exp(2*u)'));
});

describe('functions at exact constants', () => {
  it('folds where the value is exact', () => {
    expect(text(E.call('abs', n(-0.75)))).toBe('3/4');
    expect(text(E.call('sign', n(-5)))).toBe('-1');
    expect(text(E.call('sigmoid', E.ZERO))).toBe('1/2');
    expect(text(E.call('softplus', E.ZERO))).toBe('log(2)');
    expect(text(E.add(E.call('relu', n(-2)), E.call('relu', n(3)), E.call('step', E.ZERO)))).toBe('3');
    expect(E.mul(E.call('exp', E.ZERO), x)).toBe(x);
    expect(E.call('log', E.ONE)).toBe(E.ZERO);
  });
  it('keeps a call where the value is not rational', () => {
    expect(text(E.call('exp', E.ONE))).toBe('exp(1)');
    expect(toTex(E.call('exp', E.ONE))).toBe('e');
    expect(text(E.call('sigmoid', E.ONE))).toBe('sigmoid(1)');
  });
});

describe('powers', () => {
  it('collects like factors, symbols before powers', () => expect(text(E.mul(x, x, y))).toBe('y*x^2'));
  it('distributes an integer power over a product', () => expect(text(E.pow(E.mul(x, y), n(2)))).toBe('x^2*y^2'));
  it('multiplies nested integer exponents', () => expect(text(E.pow(E.pow(x, n(2)), n(3)))).toBe('x^6'));
  it('cancels x / x and sqrt(x) sqrt(x)', () => {
    expect(E.div(x, x)).toBe(E.ONE);
    expect(E.mul(E.sqrt(x), E.sqrt(x))).toBe(x);
  });
  it('takes the root of a square as an absolute value', () => expect(text(E.sqrt(E.mul(n(4), E.pow(x, n(2)))))).toBe('2*abs(x)'));
  it('keeps the root of a non-square', () => expect(text(E.sqrt(E.mul(n(2), x)))).toBe('(2*x)^(1/2)'));
  it('writes a negative power as a denominator', () => expect(text(E.div(a, E.pow(b, n(2))))).toBe('a/b^2'));
});

describe('rational constants and sums', () => {
  it('adds exactly', () => expect(text(E.add(E.div(E.ONE, n(3)), E.div(E.ONE, n(6))))).toBe('1/2'));
  it('reads decimals as exact rationals', () => expect(text(E.add(E.mul(n(0.1), x), E.mul(n(0.2), x)))).toBe('3*x/10'));
  it('folds coefficients', () => expect(text(E.div(E.mul(n(2), x, n(3), y), n(4)))).toBe('3*x*y/2'));
  it('cancels like terms', () => expect(E.sub(E.mul(a, b), E.mul(b, a))).toBe(E.ZERO));
  it('distributes a number over a sum', () => expect(text(E.neg(E.add(a, b)))).toBe('-a-b'));
  it('writes minus a positive sum for a negative one in a denominator', () => expect(text(E.div(E.ONE, E.sub(E.neg(a), b)))).toBe('-1/(a+b)'));
  it('orders operands by its own key, whatever the order of construction', () => {
    expect(E.add(y, x, n(1))).toBe(E.add(n(1), x, y));
    expect(text(E.add(y, x, n(1)))).toBe('x+y+1');
  });
});

describe('quotients of polynomials', () => {
  const gamma = E.sym('gamma');
  const at = (e: Expr, value: number): number => evaluate(e, { symbols: { gamma: value } });

  it('cancel their common factors, so that a removable 0/0 has its limit', () => {
    // (gamma - 2) / (gamma^2/8 - 1/2) = 8 / (gamma + 2), which is 2 at gamma = 2.
    const q = quotient(E.sub(gamma, E.num(2)), E.sub(E.div(E.pow(gamma, E.num(2)), E.num(8)), E.num(0.5)));
    expect(at(q, 2)).toBe(2);
    for (const value of [0.3, 1, 5]) expect(at(q, value)).toBeCloseTo(8 / (value + 2), 14);
    // (gamma^3 - gamma) / (gamma^2 + gamma) = gamma - 1, at gamma = 0 and -1 too.
    const cubic = quotient(E.sub(E.pow(gamma, E.num(3)), gamma), E.add(E.pow(gamma, E.num(2)), gamma));
    expect([0, -1, 3].map((v) => at(cubic, v))).toEqual([-1, -2, 2]);
  });

  it('in two symbols too: the primitive remainder sequence finds the common factor', () => {
    // (gamma + phi)(gamma phi - 1) / (phi (gamma phi - 1)), both expanded.
    const numerator = E.add(E.mul(E.pow(gamma, n(2)), y), E.mul(gamma, E.pow(y, n(2))), E.neg(gamma), E.neg(y));
    const denominator = E.sub(E.mul(gamma, E.pow(y, n(2))), y);
    expect(text(quotient(numerator, denominator))).toBe('(gamma+y)/y');
  });

  it("with f'(0) through |f'(0)| and its even powers, as the generic records have it", () => {
    // (4 gamma f'(0)^2 - 4 |f'(0)|) / (2 gamma^2 f'(0)^4 - 2 f'(0)^2): 0/0 wherever gamma |f'(0)| = 1.
    const d = E.activation(1, E.ZERO);
    const q = quotient(E.sub(E.mul(n(4), gamma, E.pow(d, n(2))), E.mul(n(4), E.call('abs', d))), E.sub(E.mul(n(2), E.pow(gamma, n(2)), E.pow(d, n(4))), E.mul(n(2), E.pow(d, n(2)))));
    expect(text(q)).toBe('4/(2*gamma*df(0)^2+2*abs(df(0)))');
    const value = (g: number, slope: number): number => evaluate(q, { symbols: { gamma: g }, activation: () => slope });
    // There the limit is 2 / (|f'(0)| (gamma |f'(0)| + 1)) = 1/|f'(0)|.
    expect([value(2, 0.5), value(0.5, -2)]).toEqual([2, 0.5]);
    // f'(0) to an odd power outside |.|: its sign matters, and the quotient is left as written.
    expect(text(quotient(E.sub(E.mul(gamma, d), d), E.sub(gamma, E.ONE)))).toBe('(gamma*df(0)-df(0))/(gamma-1)');
  });

  it('leave any other quotient as written', () => {
    const phi = E.sym('phi');
    expect(quotient(E.sub(gamma, phi), E.sub(gamma, phi))).toBe(E.ONE);
    expect(quotient(E.sub(gamma, E.num(1)), E.add(gamma, E.num(1)))).toBe(E.div(E.sub(gamma, E.num(1)), E.add(gamma, E.num(1))));
    const root = E.sqrt(gamma);
    expect(quotient(E.sub(root, E.num(1)), E.sub(gamma, E.num(1)))).toBe(E.div(E.sub(root, E.num(1)), E.sub(gamma, E.num(1))));
  });
});

describe('complements of sigmoid and softplus in a sum', () => {
  const [t, phi, theta] = ['t', 'phi', 'theta'].map(E.sym) as [Expr, Expr, Expr];
  const sigmoid = (u: Expr): Expr => E.call('sigmoid', u);
  const softplus = (u: Expr): Expr => E.call('softplus', u);

  it('1 - sigmoid(w) is sigmoid(-w), and P sigmoid(w) - P is -P sigmoid(-w)', () => {
    expect(E.sub(E.ONE, sigmoid(t))).toBe(sigmoid(E.neg(t)));
    const w = E.mul(phi, theta);
    expect(E.sub(E.mul(phi, sigmoid(w)), phi)).toBe(E.neg(E.mul(phi, sigmoid(E.neg(w)))));
    expect(E.add(E.num(3), E.mul(E.num(-3), sigmoid(w)))).toBe(E.mul(E.num(3), sigmoid(E.neg(w))));
  });

  it('softplus(w) - w is softplus(-w), and P softplus(w) - P w is P softplus(-w)', () => {
    expect(E.sub(t, softplus(t))).toBe(E.neg(softplus(E.neg(t))));
    const w = E.mul(phi, theta);
    expect(E.sub(E.mul(E.num(2), theta, softplus(w)), E.mul(E.num(2), theta, w))).toBe(E.mul(E.num(2), theta, softplus(E.neg(w))));
  });

  it('leave sums that are not complements as they are', () => {
    const sum = E.sub(E.num(2), sigmoid(t));
    expect(sum.kind).toBe('add');
    expect(nodesOf(sum)).toContain(sigmoid(t));
    expect(nodesOf(E.sub(softplus(t), E.mul(E.num(2), t)))).toContain(softplus(t));
    expect(nodesOf(E.add(sigmoid(t), sigmoid(E.neg(t))))).toContain(sigmoid(t));
  });
});

describe('numeric evaluation', () => {
  it('numericFunction writes whole powers out to the bit of portablePower, special bases and the limit of 64 included', () => {
    const bases = [Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, -2.5e-310, 1e160, -1e160, Number.MAX_VALUE, 1, -1, 1.0000001, -3.7, 0.3];
    for (const exponent of [-65, -64, -63, -13, -2, -1, 2, 3, 7, 63, 64, 65]) {
      const power = numericFunction(E.pow(x, n(exponent)), ['x'], { symbols: {} });
      for (const base of bases) expect(Object.is(power([base]), portablePower(base, exponent)), `${base} ** ${exponent}`).toBe(true);
    }
  });

  it('numericFunctions and numericFunction give what evaluate gives, bit for bit, for expressions sharing nodes (sums, products, powers, calls, f)', () => {
    const shared = E.add(E.mul(a, x), E.call('sigmoid', E.mul(x, y)));
    const es = [
      shared,
      E.mul(shared, E.pow(E.add(x, n(2)), n(3)), E.call('exp', E.neg(y))),
      E.add(E.sqrt(E.add(E.mul(x, x), E.mul(y, y))), E.div(b, E.add(n(1), E.mul(x, x))), E.activation(2, E.mul(a, y))),
      E.pow(E.add(E.call('abs', x), n(1)), E.mul(y, E.num(0.5))),
      // Whole powers written out by numericFunction: the same products as portablePower's, in its order.
      E.add(E.pow(E.add(x, n(2)), n(7)), E.pow(E.add(y, E.num(3.1)), n(-13)), E.pow(E.add(x, y), n(64))),
    ];
    const env = { symbols: { a: 1.7, b: -0.3 }, activation: (order: number, t: number) => Math.tanh(t) * (order + 1) };
    const f = numericFunctions(es, ['x', 'y'], env);
    const compiled = es.map((e) => numericFunction(e, ['x', 'y'], env));
    let seed = 7;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 6 - 3;
    for (let i = 0; i < 200; i++) {
      const [xv, yv] = [random(), random()];
      const expected = es.map((e) => evaluate(e, { ...env, symbols: { ...env.symbols, x: xv, y: yv } }));
      expect(f([xv, yv]), `(${xv}, ${yv})`).toEqual(expected);
      // And what numericFunction's compiled code gives, the same program's other reading.
      expect(compiled.map((g) => g([xv, yv])), `(${xv}, ${yv})`).toEqual(expected);
    }
  });
});
