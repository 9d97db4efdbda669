/**
 * IR -> TypeScript expression text, for the generated evaluators (generator/emit).
 *
 * Two steps, like SymPy's code printers: `shapeOf` reads a node as the TypeScript operation
 * that computes it, with IR nodes as operands, and `render` writes that operation around
 * its operands' text, parenthesised by the precedence table shared with the other printers
 * (shape.ts). CSE (emit/cse.ts) counts the same operands, so a temporary stands for exactly
 * a sub-expression the printed code would otherwise compute twice.
 *
 * The rules:
 * - a negative term or product is unary minus on its magnitude: -phi * theta. IEEE negation
 *   is exact, so (-a) * b and -(a * b) are the same number and the parentheses can go;
 * - x^2 .. x^4 are repeated products (x * x), faster and exact where Math.pow need not be;
 *   a negative power is a denominator (x^-2 -> 1 / (x * x)); x^(1/2) is Math.sqrt(x);
 *   every other power is Math.pow;
 * - constants are exact: a rational whose decimal expansion terminates prints as that decimal
 *   (0.5, 0.25), any other as a quotient of integers (1 / 3), so the only rounding is the
 *   one to the nearest double; in a product, such a coefficient divides (gamma / 3), which
 *   rounds once where multiplying by a rounded 1 / 3 would round twice;
 * - exp, log, abs, sign are Math.exp, Math.log, Math.abs, Math.sign; softplus and sigmoid
 *   call the stable helpers the evaluator emits next to the code (see evaluator.ts);
 * - f^{(k)}(u), the activation kept abstract, is `p.activation.d<k>(u)`: the evaluator's
 *   Params then carries f and its derivatives as functions d0, d1, ... (see evaluator.ts).
 */
import * as Q from '../ir/rational.js';
import * as E from '../ir/expr.js';
import type { Rational } from '../ir/rational.js';
import type { Expr, FunctionName } from '../ir/expr.js';
import { PRECEDENCE, fraction, termsOf } from './shape.js';

/** The TypeScript operation that computes a node; its operands are IR nodes. */
export type Shape =
  | { readonly op: 'literal'; readonly value: Rational }
  | { readonly op: 'name'; readonly text: string }
  | { readonly op: 'negate'; readonly operand: Expr }
  | { readonly op: 'sum'; readonly terms: readonly { readonly negative: boolean; readonly operand: Expr }[] }
  /** numerator / denominator, numeric coefficients included as the first operand of either. */
  | { readonly op: 'product'; readonly numerator: readonly Expr[]; readonly denominator: readonly Expr[] }
  /** base * base * ... (`times` factors). */
  | { readonly op: 'power'; readonly base: Expr; readonly times: number }
  /** callee(args); `name` is the function's short name, for naming temporaries. */
  | { readonly op: 'call'; readonly callee: string; readonly name: string; readonly args: readonly Expr[] };

/** Highest integer power written as a repeated product. */
const MAX_REPEATED_POWER = 4n;
const HALF = Q.rational(1n, 2n);

const CALLEES: Readonly<Record<FunctionName, string>> = {
  exp: 'Math.exp', log: 'Math.log', abs: 'Math.abs', sign: 'Math.sign', softplus: 'softplus', sigmoid: 'sigmoid',
};

/** The property of `Params.activation` holding f^{(order)}. */
export const activationProperty = (order: number): string => `d${order}`;
/** f, df, d2f, ...: the names the derivation records give f^{(order)} (nerdamer.ts). */
const activationName = (order: number): string => (order === 0 ? 'f' : order === 1 ? 'df' : `d${order}f`);

/** The exact decimal digits of q >= 0 when its denominator is 2^a 5^b, else undefined. */
function decimal(q: Rational): string | undefined {
  let rest = q.den;
  let twos = 0;
  let fives = 0;
  for (; rest % 2n === 0n; rest /= 2n) twos++;
  for (; rest % 5n === 0n; rest /= 5n) fives++;
  if (rest !== 1n) return undefined;
  const scale = Math.max(twos, fives);
  if (scale === 0) return `${q.num}`;
  const digits = `${(q.num * 10n ** BigInt(scale)) / q.den}`.padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const literalText = (q: Rational): string => decimal(q) ?? `${q.num} / ${q.den}`;

function productShape(e: Expr): Shape {
  const f = fraction(e);
  if (f.negative) return { op: 'negate', operand: E.neg(e) };
  const coefficient = Q.rational(f.numeratorCoefficient, f.denominatorCoefficient);
  const exact = decimal(coefficient) !== undefined;
  const top = exact ? coefficient : Q.rational(f.numeratorCoefficient);
  const numerator = Q.isOne(top) ? f.numerator : [E.num(top), ...f.numerator];
  const denominator = exact ? f.denominator : [E.num(f.denominatorCoefficient), ...f.denominator];
  return { op: 'product', numerator, denominator };
}

function powerShape(e: E.Pow): Shape {
  if (fraction(e).denominator.length > 0) return productShape(e);
  const { base, exponent } = e;
  // Canonical powers have no exponent 0 or 1 and negative ones went to the denominator above.
  if (exponent.kind === 'num' && Q.isInteger(exponent.value) && exponent.value.num <= MAX_REPEATED_POWER) {
    return { op: 'power', base, times: Number(exponent.value.num) };
  }
  if (exponent.kind === 'num' && Q.equals(exponent.value, HALF)) return { op: 'call', callee: 'Math.sqrt', name: 'sqrt', args: [base] };
  return { op: 'call', callee: 'Math.pow', name: 'pow', args: [base, exponent] };
}

const shapes = new WeakMap<Expr, Shape>();

export function shapeOf(e: Expr): Shape {
  const cached = shapes.get(e);
  if (cached) return cached;
  let shape: Shape;
  switch (e.kind) {
    case 'num': shape = Q.sign(e.value) < 0 ? { op: 'negate', operand: E.num(Q.neg(e.value)) } : { op: 'literal', value: e.value }; break;
    case 'sym': shape = { op: 'name', text: e.name }; break;
    case 'add': shape = { op: 'sum', terms: termsOf(e).map((t) => ({ negative: t.negative, operand: t.magnitude })) }; break;
    case 'mul': shape = productShape(e); break;
    case 'pow': shape = powerShape(e); break;
    case 'call': shape = { op: 'call', callee: CALLEES[e.fn], name: e.fn, args: [e.arg] }; break;
    case 'activation': shape = { op: 'call', callee: `p.activation.${activationProperty(e.order)}`, name: activationName(e.order), args: [e.arg] }; break;
  }
  shapes.set(e, shape);
  return shape;
}

/** The sub-expressions the printed code evaluates to compute e, once per occurrence. */
export function operandsOf(e: Expr): readonly Expr[] {
  const shape = shapeOf(e);
  switch (shape.op) {
    case 'literal': case 'name': return [];
    case 'negate': return [shape.operand];
    case 'sum': return shape.terms.map((t) => t.operand);
    case 'product': return [...shape.numerator, ...shape.denominator];
    case 'power': return Array<Expr>(shape.times).fill(shape.base);
    case 'call': return shape.args;
  }
}

function precedenceOfShape(shape: Shape): number {
  switch (shape.op) {
    case 'literal': return decimal(shape.value) === undefined ? PRECEDENCE.product : PRECEDENCE.atom;
    case 'name': case 'call': return PRECEDENCE.atom;
    case 'negate': return PRECEDENCE.negation;
    case 'sum': return PRECEDENCE.sum;
    case 'product': case 'power': return PRECEDENCE.product;
  }
}

/** Names of sub-expressions already computed into local constants (the temporaries of CSE). */
export type Names = ReadonlyMap<Expr, string>;
const NO_NAMES: Names = new Map();

function render(shape: Shape, operand: (e: Expr, level: number) => string): string {
  switch (shape.op) {
    case 'literal': return literalText(shape.value);
    case 'name': return shape.text;
    // Unary minus binds tighter than * and /, and (-a) * b = -(a * b) exactly: only sums need parentheses.
    case 'negate': return `-${operand(shape.operand, PRECEDENCE.product)}`;
    case 'sum':
      // termsOf starts with a positive term when there is one; an all-negative sum starts with unary minus.
      return shape.terms
        .map((t, i) => (i === 0 ? (t.negative ? `-${operand(t.operand, PRECEDENCE.product)}` : operand(t.operand, PRECEDENCE.sum)) : `${t.negative ? ' - ' : ' + '}${operand(t.operand, PRECEDENCE.sum + 1)}`))
        .join('');
    case 'product': {
      const top = shape.numerator.length === 0 ? '1' : shape.numerator.map((x) => operand(x, PRECEDENCE.product)).join(' * ');
      if (shape.denominator.length === 0) return top;
      const bottom = shape.denominator.length === 1
        ? operand(shape.denominator[0]!, PRECEDENCE.atom)
        : `(${shape.denominator.map((x) => operand(x, PRECEDENCE.product)).join(' * ')})`;
      return `${top} / ${bottom}`;
    }
    case 'power': return Array<string>(shape.times).fill(operand(shape.base, PRECEDENCE.atom)).join(' * ');
    case 'call': return `${shape.callee}(${shape.args.map((x) => operand(x, 0)).join(', ')})`;
  }
}

function printer(names: Names): (e: Expr, level: number) => string {
  const operand = (e: Expr, level: number): string => {
    const name = names.get(e);
    if (name !== undefined) return name;
    const shape = shapeOf(e);
    const text = render(shape, operand);
    return precedenceOfShape(shape) < level ? `(${text})` : text;
  };
  return operand;
}

/** e as a TypeScript expression; a node (e itself included) that has a name prints as it. */
export const toTs = (e: Expr, names: Names = NO_NAMES): string => printer(names)(e, 0);

/** The definition of e: its own operation, with the named sub-expressions printed as their names. */
export const definitionToTs = (e: Expr, names: Names): string => render(shapeOf(e), printer(names));
