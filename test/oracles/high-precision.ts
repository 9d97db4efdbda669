/**
 * A high-precision reading of the IR: every node evaluated with decimal.js at 60
 * significant digits, each function straight from its definition (softplus(u) =
 * log(1 + e^u), sigmoid(u) = 1/(1 + e^-u)), so that the value is the exact value of the
 * derived formula for all double-precision purposes and owes nothing to the rewrites
 * that make the generated code stable in double precision. Decimal's exponent range is
 * about 1e±9e15, so e^1000 does not overflow here.
 *
 * Alongside the value, `roundingBound` gives the error that evaluating an expression as
 * written in double precision may make, to first order: the condition-number-aware scale
 * against which the stability tests measure the generated code's error.
 */
import { Decimal } from 'decimal.js';
import type { Expr, FunctionName } from '../../generator/ir/expr.js';

export const DIGITS = 60;
/** Our own Decimal constructor: the global one's settings are left alone. */
export const HP = Decimal.clone({ precision: DIGITS, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
export type HP = InstanceType<typeof HP>;

/** The double x exactly (as mantissa * 2^exponent), not its shortest decimal reading. */
export function exactly(x: number): HP {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite double: ${x}`);
  if (x === 0) return new HP(0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  return new HP(mantissa.toString()).times(powerOfTwo(exponent)).times(x < 0 ? -1 : 1);
}

/** 2^e, remembered: the same few exponents come back at every point. */
const powersOfTwo = new Map<number, HP>();
const powerOfTwo = (e: number): HP => powersOfTwo.get(e) ?? powersOfTwo.set(e, new HP(2).pow(e)).get(e)!;

/** log(1 + e^u) from the definition, with enough extra digits that 1 + e^u keeps all of
 * e^u's 60 (for u far below 0, e^u is far below 1e-60). */
function softplus(u: HP): HP {
  // Below, e^u < 1e-61: log(1 + e^u) is e^u to 60 digits (and the extra digits would not end).
  if (u.lt(-141)) return HP.exp(u);
  // Above, log(1 + e^u) = u + log(1 + e^-u), whose e^u would be out of even Decimal's range.
  if (u.gt(141)) return u.plus(softplus(u.neg()));
  const extra = u.isNegative() ? Math.ceil(-u.toNumber() / Math.LN10) : 0;
  const Wide = HP.clone({ precision: DIGITS + extra });
  return new HP(Wide.ln(Wide.exp(u).plus(1))).toSignificantDigits(DIGITS);
}

const DEFINITIONS: Readonly<Record<FunctionName, (x: HP) => HP>> = {
  exp: (x) => HP.exp(x),
  log: (x) => HP.ln(x),
  abs: (x) => x.abs(),
  sign: (x) => new HP(x.isZero() ? 0 : x.isNegative() ? -1 : 1),
  softplus,
  sigmoid: (u) => new HP(1).div(HP.exp(u.neg()).plus(1)),
  relu: (x) => (x.isPositive() && !x.isZero() ? x : new HP(0)),
  step: (x) => new HP(x.isPositive() && !x.isZero() ? 1 : 0),
};

/** Function values by argument, for all evaluations: the same sigmoids come back at every
 * point, in every game and in every formula, and each costs a 60-digit exponential. */
const calls = new Map<string, HP>();
function call(fn: FunctionName, x: HP): HP {
  const key = `${fn} ${x.toString()}`;
  const known = calls.get(key);
  if (known) return known;
  const value = DEFINITIONS[fn](x);
  calls.set(key, value);
  return value;
}

/** d fn / dx, for the rounding bound. */
const DERIVATIVES: Readonly<Record<FunctionName, (x: HP) => HP>> = {
  exp: (x) => call('exp', x),
  log: (x) => new HP(1).div(x),
  abs: (x) => call('sign', x),
  sign: () => new HP(0),
  softplus: (x) => call('sigmoid', x),
  sigmoid: (x) => call('sigmoid', x).times(call('sigmoid', x.neg())),
  relu: (x) => call('step', x),
  step: () => new HP(0),
};

export interface HighPrecisionEnvironment {
  /** Values of the symbols; doubles are read exactly. */
  readonly symbols: Readonly<Record<string, number | HP>>;
  /** f^(order)(x), for expressions that keep the activation abstract. */
  readonly activation?: (order: number, x: HP) => HP;
}

/** Numbers of the IR, by node: the same in every environment, worked out once. */
const constants = new Map<Expr, HP>();
function constant(node: Extract<Expr, { kind: 'num' }>): HP {
  const known = constants.get(node);
  if (known) return known;
  const value = new HP(node.value.num.toString()).div(node.value.den.toString());
  constants.set(node, value);
  return value;
}

/** An evaluator for one environment; it remembers every node it has evaluated, so the
 * outputs of one point share their sub-expressions (the IR is hash-consed). */
export function highPrecision(env: HighPrecisionEnvironment): (e: Expr) => HP {
  const memo = new Map<Expr, HP>();
  const visit = (node: Expr): HP => {
    const cached = memo.get(node);
    if (cached) return cached;
    let value: HP;
    switch (node.kind) {
      case 'num': value = constant(node); break;
      case 'sym': {
        const v = env.symbols[node.name];
        if (v === undefined) throw new Error(`no value for symbol '${node.name}'`);
        value = typeof v === 'number' ? exactly(v) : new HP(v);
        break;
      }
      case 'add': value = node.terms.reduce((sum, t) => sum.plus(visit(t)), new HP(0)); break;
      case 'mul': value = node.factors.reduce((product, f) => product.times(visit(f)), new HP(1)); break;
      // decimal.js raises to an integer power by repeated multiplication (a negative base is fine).
      case 'pow': value = visit(node.base).pow(visit(node.exponent)); break;
      case 'call': value = call(node.fn, visit(node.arg)); break;
      case 'activation': {
        if (!env.activation) throw new Error('the expression keeps f abstract: give the environment an activation');
        value = env.activation(node.order, visit(node.arg));
        break;
      }
    }
    memo.set(node, value);
    return value;
  };
  return visit;
}

/** The bound is a scale, needed to a few digits: its arithmetic keeps 12 (a fraction of the
 * cost of 60), with the same exponent range. */
const Bound = HP.clone({ precision: 12 });
const EPSILON = new Bound(Number.EPSILON);
/** Smallest subnormal double: the absolute error of a result that underflows. */
const TINY = new Bound(exactly(Number.MIN_VALUE));
const ZERO = new Bound(0);
const ONE = new Bound(1);
/** A number of the IR is rounded once if it is not a double, in every environment alike. */
const constantRoundings = new Map<Expr, HP>();
function constantRounding(node: Extract<Expr, { kind: 'num' }>): HP {
  const known = constantRoundings.get(node);
  if (known) return known;
  const v = constant(node);
  const bound = exactly(v.toNumber()).eq(v) ? ZERO : new Bound(v).abs().times(EPSILON).plus(TINY);
  constantRoundings.set(node, bound);
  return bound;
}

/**
 * For one environment, like `highPrecision`: the first-order bound on the error of
 * evaluating an expression as written in double precision, where every operation (and
 * every f^(k), and every constant that is not a double) is rounded once, to eps relative
 * or to the smallest subnormal absolute (underflow; a sum of doubles never underflows),
 * and the symbols are exact:
 *
 *   B = sum over operations of (eps |value| + tiny) * |d output / d value|,
 *
 * computed forward: a node's bound is its own rounding plus its operands' bounds times the
 * node's sensitivity to each. A sum's rounding is counted as eps times the sum of its
 * terms' magnitudes, so terms that cancel to ~0 because the formula says so are allowed
 * their rounding errors; the argument of a steep function (phi*theta in sigmoid(-phi*theta)
 * at phi*theta = 1e3) passes on its rounding times the slope.
 */
export function roundingBound(env: HighPrecisionEnvironment, value: (e: Expr) => HP = highPrecision(env)): (e: Expr) => HP {
  const memo = new Map<Expr, HP>();
  const magnitudes = new Map<Expr, HP>();
  /** |value| at the bound's precision. */
  const magnitude = (node: Expr): HP => magnitudes.get(node) ?? magnitudes.set(node, new Bound(value(node)).abs()).get(node)!;
  const rounding = (node: Expr): HP => magnitude(node).times(EPSILON).plus(TINY);
  const visit = (node: Expr): HP => {
    const cached = memo.get(node);
    if (cached) return cached;
    let bound: HP;
    switch (node.kind) {
      case 'num': bound = constantRounding(node); break;
      case 'sym': bound = ZERO; break;
      case 'add':
        bound = node.terms.reduce((sum, t) => sum.plus(visit(t)).plus(magnitude(t).times(EPSILON)), ZERO);
        break;
      case 'mul': {
        // Each factor's bound times the product of the others: prefix and suffix products.
        const values = node.factors.map(magnitude);
        const after: HP[] = [ONE];
        for (let i = values.length - 1; i > 0; i--) after.unshift(after[0]!.times(values[i]!));
        let before = ONE;
        bound = rounding(node);
        node.factors.forEach((f, i) => {
          bound = bound.plus(visit(f).times(before).times(after[i]!));
          before = before.times(values[i]!);
        });
        break;
      }
      case 'pow': {
        const [base, exponent, v] = [new Bound(value(node.base)), new Bound(value(node.exponent)), magnitude(node)];
        // d b^x / db = x b^(x-1), d b^x / dx = b^x log b (only when the exponent varies).
        const dBase = base.isZero() ? ZERO : v.times(exponent).div(base).abs();
        const dExponent = node.exponent.kind === 'num' ? ZERO : v.times(Bound.ln(base.abs())).abs();
        bound = rounding(node).plus(visit(node.base).times(dBase)).plus(visit(node.exponent).times(dExponent));
        break;
      }
      case 'call': {
        const slope = new Bound(DERIVATIVES[node.fn](value(node.arg))).abs();
        bound = rounding(node).plus(visit(node.arg).times(slope));
        break;
      }
      case 'activation': {
        if (!env.activation) throw new Error('the expression keeps f abstract: give the environment an activation');
        const slope = new Bound(env.activation(node.order + 1, value(node.arg))).abs();
        bound = rounding(node).plus(visit(node.arg).times(slope));
        break;
      }
    }
    memo.set(node, bound);
    return bound;
  };
  return visit;
}
