/**
 * The expression IR: one small tagged union that every stage after nerdamer works on.
 *
 * Nodes are built only through the constructors below, which put every expression in a
 * canonical form (flattened sums and products, constants folded, like terms and like
 * powers collected, operands sorted by a stable key) and hash-cons it: two structurally
 * equal expressions are the same object, so `a === b` is structural equality and a
 * sub-expression that appears twice is one node (what CSE later relies on).
 *
 * The canonical order is our own and independent of nerdamer's operand order, so the
 * printed output does not change when nerdamer's does (Symbolics.jl's lesson).
 */
import * as Q from './rational.js';
import type { Rational } from './rational.js';
import { functionNamed } from '../vocabulary/functions.js';
import type { FunctionName } from '../vocabulary/functions.js';
import { absoluteValueRules, complementRules, positiveSums, stepRules } from './rules.js';

export type { FunctionName };

export type Expr = Num | Sym | Add | Mul | Pow | Call | Activation;
export interface Num { readonly kind: 'num'; readonly value: Rational; readonly key: string }
export interface Sym { readonly kind: 'sym'; readonly name: string; readonly key: string }
export interface Add { readonly kind: 'add'; readonly terms: readonly Expr[]; readonly key: string }
export interface Mul { readonly kind: 'mul'; readonly factors: readonly Expr[]; readonly key: string }
export interface Pow { readonly kind: 'pow'; readonly base: Expr; readonly exponent: Expr; readonly key: string }
export interface Call { readonly kind: 'call'; readonly fn: FunctionName; readonly arg: Expr; readonly key: string }
/** f^{(order)}(arg): the activation kept abstract; order 0 is f itself. */
export interface Activation { readonly kind: 'activation'; readonly order: number; readonly arg: Expr; readonly key: string }

const table = new Map<string, Expr>();
function intern<T extends Expr>(node: T): T {
  const existing = table.get(node.key);
  if (existing) return existing as T;
  const frozen = Object.freeze(node) as T;
  table.set(node.key, frozen);
  return frozen;
}

// Sort rank by kind keeps numbers first in products and sums, then symbols, then the rest.
const RANK: Record<Expr['kind'], string> = { num: '0', sym: '1', pow: '2', mul: '3', call: '4', activation: '5', add: '6' };
const byKey = (a: Expr, b: Expr): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export const num = (value: Rational | number | bigint): Num => {
  const q = typeof value === 'object' ? value : typeof value === 'bigint' ? Q.rational(value) : Q.parseRational(String(value));
  return intern({ kind: 'num', value: q, key: `${RANK.num}${Q.toText(q)}` });
};
export const sym = (name: string): Sym => intern({ kind: 'sym', name, key: `${RANK.sym}${name}` });
export const ZERO = num(0n);
export const ONE = num(1n);
export const MINUS_ONE = num(-1n);

export const isNum = (e: Expr): e is Num => e.kind === 'num';
export const isZero = (e: Expr): boolean => e === ZERO;
export const isOne = (e: Expr): boolean => e === ONE;

/** Splits a term into its numeric coefficient and the rest: 3*x*y -> [3, x*y]. */
export function splitCoefficient(e: Expr): [Rational, Expr] {
  if (e.kind === 'num') return [e.value, ONE];
  if (e.kind === 'mul' && e.factors[0]!.kind === 'num') {
    const rest = e.factors.slice(1);
    return [e.factors[0]!.value, rest.length === 1 ? rest[0]! : makeMul(rest)];
  }
  return [Q.ONE, e];
}

/** Splits a factor into base and exponent: x^3 -> [x, 3], x -> [x, 1]. */
function splitPower(e: Expr): [Expr, Expr] {
  return e.kind === 'pow' ? [e.base, e.exponent] : [e, ONE];
}

function makeMul(factors: readonly Expr[]): Expr {
  return intern({ kind: 'mul', factors, key: `${RANK.mul}(${factors.map((f) => f.key).join('*')})` });
}

/** A pure function of two interned nodes, its results kept by the pair: the algebra (series,
 * polynomials, expansions) forms the same sums and products of the same nodes many times. */
function pairMemo(compute: (a: Expr, b: Expr) => Expr): (a: Expr, b: Expr) => Expr {
  const results = new WeakMap<Expr, WeakMap<Expr, Expr>>();
  return (a, b) => {
    let byB = results.get(a);
    if (!byB) results.set(a, (byB = new WeakMap()));
    let result = byB.get(b);
    if (!result) byB.set(b, (result = compute(a, b)));
    return result;
  };
}

const addPair = pairMemo((a, b) => addOf([a, b]));
const mulPair = pairMemo((a, b) => mulOf([a, b]));

export const add = (...operands: Expr[]): Expr => (operands.length === 2 ? addPair(operands[0]!, operands[1]!) : addOf(operands));
export const mul = (...operands: Expr[]): Expr => (operands.length === 2 ? mulPair(operands[0]!, operands[1]!) : mulOf(operands));

function addOf(operands: readonly Expr[]): Expr {
  let constant = Q.ZERO;
  const coefficients = new Map<Expr, Rational>();
  const visit = (e: Expr): void => {
    if (e.kind === 'add') return e.terms.forEach(visit);
    if (e.kind === 'num') return void (constant = Q.add(constant, e.value));
    const [c, rest] = splitCoefficient(e);
    if (rest.kind === 'add') return rest.terms.forEach((t) => visit(mul(num(c), t)));
    coefficients.set(rest, Q.add(coefficients.get(rest) ?? Q.ZERO, c));
  };
  operands.forEach(visit);
  constant = complementRules(coefficients, constant);
  const terms: Expr[] = [];
  for (const [rest, c] of coefficients) if (!Q.isZero(c)) terms.push(mul(num(c), rest));
  terms.sort(byKey);
  if (!Q.isZero(constant)) terms.unshift(num(constant));
  if (terms.length === 0) return ZERO;
  if (terms.length === 1) return terms[0]!;
  return intern({ kind: 'add', terms, key: `${RANK.add}(${terms.map((t) => t.key).join('+')})` });
}

function mulOf(operands: readonly Expr[]): Expr {
  let coefficient = Q.ONE;
  const exponents = new Map<Expr, Expr>();
  const visit = (e: Expr): void => {
    if (e.kind === 'mul') return e.factors.forEach(visit);
    if (e.kind === 'num') return void (coefficient = Q.mul(coefficient, e.value));
    const [base, exponent] = splitPower(e);
    const previous = exponents.get(base);
    exponents.set(base, previous ? add(previous, exponent) : exponent);
  };
  operands.forEach(visit);
  if (Q.isZero(coefficient)) return ZERO;
  absoluteValueRules(exponents);
  stepRules(exponents);
  if (positiveSums(exponents) < 0) coefficient = Q.neg(coefficient);
  const factors: Expr[] = [];
  for (const [base, exponent] of exponents) {
    const factor = pow(base, exponent);
    if (factor.kind === 'num') coefficient = Q.mul(coefficient, factor.value);
    else if (factor.kind === 'mul') factors.push(...factor.factors); // a distributed power
    else factors.push(factor);
  }
  // A distributed power may have contributed a numeric factor or a repeated base: rebuild once.
  if (factors.some((f) => f.kind === 'num') || new Set(factors.map((f) => splitPower(f)[0])).size !== factors.length) {
    return mul(num(coefficient), ...factors);
  }
  factors.sort(byKey);
  // A number times a single sum distributes (-(a + b) = -a - b), so sums cancel term by term.
  if (factors.length === 1 && factors[0]!.kind === 'add' && !Q.isOne(coefficient)) {
    return add(...factors[0]!.terms.map((t) => mul(num(coefficient), t)));
  }
  if (!Q.isOne(coefficient)) factors.unshift(num(coefficient));
  if (factors.length === 0) return ONE;
  if (factors.length === 1) return factors[0]!;
  return makeMul(factors);
}

/** sqrt(c * u^2k * ...) = sqrt(c) |u|^k ... when c is a rational square and every power is
 * even; undefined otherwise. */
function squareRoot(e: Expr): Expr | undefined {
  const [coefficient, rest] = splitCoefficient(e);
  const rootCoefficient = Q.exactSqrt(coefficient);
  if (!rootCoefficient) return undefined;
  const factors = rest === ONE ? [] : rest.kind === 'mul' ? rest.factors : [rest];
  const roots: Expr[] = [];
  for (const factor of factors) {
    const [base, exponent] = splitPower(factor);
    if (exponent.kind !== 'num' || !Q.isInteger(exponent.value) || exponent.value.num % 2n !== 0n) return undefined;
    roots.push(pow(call('abs', base), num(exponent.value.num / 2n)));
  }
  return mul(num(rootCoefficient), ...roots);
}

export function pow(base: Expr, exponent: Expr): Expr {
  if (exponent === ZERO) return ONE;
  if (exponent === ONE) return base;
  if (base === ONE) return ONE;
  if (exponent.kind === 'num' && Q.isInteger(exponent.value)) {
    const n = exponent.value.num;
    if (base.kind === 'num') {
      if (Q.isZero(base.value) && n < 0n) throw new RangeError('division by zero');
      return num(Q.powInteger(base.value, n));
    }
    // (a*b)^n = a^n*b^n and (a^m)^n = a^(m*n) for integer n: keeps like terms collectable.
    if (base.kind === 'mul') return mul(...base.factors.map((f) => pow(f, exponent)));
    if (base.kind === 'pow') return pow(base.base, mul(base.exponent, exponent));
    if (base.kind === 'call' && base.fn === 'exp') return call('exp', mul(base.arg, exponent));
    // As in a product (stepRules): step(u) takes the values 0 and 1.
    if (base.kind === 'call' && base.fn === 'step' && n > 0n) return base;
  }
  if (exponent.kind === 'num' && Q.equals(exponent.value, Q.rational(1n, 2n))) {
    const root = squareRoot(base);
    if (root) return root;
  }
  if (base === ZERO && exponent.kind === 'num' && Q.sign(exponent.value) > 0) return ZERO;
  return intern({ kind: 'pow', base, exponent, key: `${RANK.pow}(${base.key}^${exponent.key})` });
}

export const neg = (e: Expr): Expr => mul(MINUS_ONE, e);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, MINUS_ONE));
export const sqrt = (e: Expr): Expr => pow(e, num(Q.rational(1n, 2n)));

/** A call of an elementary function (vocabulary/functions.ts): folded where its argument
 * is a number with an exact value, and composed with exp and log where they cancel. */
export function call(fn: FunctionName, arg: Expr): Expr {
  if (arg.kind === 'num') {
    const exact = functionNamed(fn).exact(arg.value);
    if (exact) return exact;
  }
  if (fn === 'exp' && arg.kind === 'call' && arg.fn === 'log') return arg.arg;
  if (fn === 'log') {
    const u = exponentOfOnePlusExp(arg);
    if (u) return call('softplus', u);
  }
  if (fn === 'log' && arg.kind === 'call' && arg.fn === 'exp') return arg.arg;
  return intern({ kind: 'call', fn, arg, key: `${RANK.call}${fn}(${arg.key})` });
}

/** u when e is 1 + exp(u), else undefined: log(1 + e^u) is read as softplus(u). */
function exponentOfOnePlusExp(e: Expr): Expr | undefined {
  if (e.kind !== 'add' || e.terms.length !== 2 || e.terms[0] !== ONE) return undefined;
  const other = e.terms[1]!;
  return other.kind === 'call' && other.fn === 'exp' ? other.arg : undefined;
}

export const activation = (order: number, arg: Expr): Expr =>
  intern({ kind: 'activation', order, arg, key: `${RANK.activation}f${order}(${arg.key})` });

/** A node of a serialised expression table (ir/table.ts): children by their index in the table. */
export type TableNode =
  | readonly ['num', string, string]
  | readonly ['sym', string]
  | readonly ['add' | 'mul', readonly number[]]
  | readonly ['pow', number, number]
  | readonly ['call', FunctionName, number]
  | readonly ['activation', number, number];

/** The node a table row stands for, given its children: interned as written, not canonicalised
 * again, so that an expression read back is the very node it was (the same key). */
export function fromTableNode(row: TableNode, nodes: readonly Expr[]): Expr {
  const at = (i: number): Expr => nodes[i]!;
  switch (row[0]) {
    case 'num': return num(Q.rational(BigInt(row[1]), BigInt(row[2])));
    case 'sym': return sym(row[1]);
    case 'add': { const terms = row[1].map(at); return intern({ kind: 'add', terms, key: `${RANK.add}(${terms.map((t) => t.key).join('+')})` }); }
    case 'mul': return makeMul(row[1].map(at));
    case 'pow': { const [base, exponent] = [at(row[1]), at(row[2])]; return intern({ kind: 'pow', base, exponent, key: `${RANK.pow}(${base.key}^${exponent.key})` }); }
    case 'call': { const arg = at(row[2]); return intern({ kind: 'call', fn: row[1], arg, key: `${RANK.call}${row[1]}(${arg.key})` }); }
    case 'activation': return activation(row[1], at(row[2]));
  }
}
