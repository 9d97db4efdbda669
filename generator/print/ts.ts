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
 * - x^2 .. x^6 are repeated products (x * x), faster than Math.pow and as accurate at these orders;
 *   a negative power is a denominator (x^-2 -> 1 / (x * x)); x^(1/2) is Math.sqrt(x);
 *   every other power is Math.pow;
 * - constants are exact: a rational whose decimal expansion terminates prints as that decimal
 *   (0.5, 0.25), any other as a quotient of integers (1 / 3), so the only rounding is the
 *   one to the nearest double; in a product, such a coefficient divides (gamma / 3), which
 *   rounds once where multiplying by a rounded 1 / 3 would round twice;
 * - an elementary function is called as the vocabulary spells it (vocabulary/functions.ts):
 *   a built-in (Math.exp, Math.log, Math.abs, Math.sign) or a stable helper the evaluator
 *   emits next to the code (softplus, sigmoid, relu: see evaluator.ts); step(u) is a choice (below);
 * - two terms P sigmoid(w) - P sigmoid(-w) of a sum are P * sigmoidDifference(w), a helper
 *   computing tanh(w / 2): the product rule writes f''' of the standard GAN as
 *   sigmoid(t)^2 sigmoid(-t) - sigmoid(-t)^2 sigmoid(t), whose two terms are nearly equal
 *   near t = 0, so that the difference would keep none of its digits there;
 * - step(u) is the choice u > 0 ? 1 : 0 (the vocabulary spells it so), a product with a factor
 *   step(u) is u > 0 ? rest : 0, and one with a factor relu(u) is u <= 0 ? 0 : u * rest: the rest
 *   is computed only where it counts, with no multiplication by 0 or 1 nor Math.max; a hinge's
 *   field then costs what a hand-written branch does. Where the factor is 0 the product is +0,
 *   whatever the rest (-0, Infinity or NaN: rest * 0 was -0 or NaN); a NaN u gives 0 for step, as
 *   step(NaN) is 0, and NaN for relu, as relu(NaN) is; the wide fallback chooses the same way;
 * - f^{(k)}(u), the activation kept abstract, is `p.activation.d<k>(u)`: the evaluator's
 *   Params then carries f and its derivatives as functions d0, d1, ... (see evaluator.ts).
 */
import * as Q from '../ir/rational.js';
import * as E from '../ir/expr.js';
import type { Rational } from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { PRECEDENCE, fraction, termsOf } from './shape.js';
import type { Fraction } from './shape.js';
import { typescriptCallee } from '../vocabulary/functions.js';
import { fixedSymbolTypescript } from '../vocabulary/symbols.js';
import { activationName, activationProperty } from '../vocabulary/activation.js';

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
  /** condition > 0 ? value : 0 (a product with the factor step(condition), value the rest), or
   * with `keepsNaN`, condition <= 0 ? 0 : value (relu(condition) times the rest: a NaN condition
   * gives the value, NaN). */
  | { readonly op: 'select'; readonly condition: Expr; readonly value: Expr; readonly keepsNaN: boolean }
  /** callee(args); `name` is the function's short name, for naming temporaries. */
  | { readonly op: 'call'; readonly callee: string; readonly name: string; readonly args: readonly Expr[] };

/** Highest integer power written as a repeated product. */
const MAX_REPEATED_POWER = 6n;
const HALF = Q.rational(1n, 2n);

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

/** Whether q's numerator and denominator are exact doubles, so that printing them is exact. */
const exactParts = (q: Rational): boolean => (q.num < 0n ? -q.num : q.num) <= 2n ** 53n && q.den <= 2n ** 53n;

/** An exact constant as TypeScript: its exact decimal, num / den (IEEE division rounds once),
 * or, when its parts are too long for a double, the nearest double (Q.toDouble refuses a
 * constant out of a double's range rather than print Infinity or 0). */
export const literalText = (q: Rational): string => (exactParts(q) ? (decimal(q) ?? `${q.num} / ${q.den}`) : String(Q.toDouble(q)));
const literalIsAtom = (q: Rational): boolean => !exactParts(q) || decimal(q) !== undefined;

/** A product with a factor the vocabulary spells as a choice (step(u)), or else relu(u) = step(u) u, as a choice on u. */
function choiceShape(e: Expr): Shape | undefined {
  if (e.kind !== 'mul') return undefined;
  const calls = e.factors.filter((f): f is E.Call => f.kind === 'call');
  const step = calls.find((f) => typescriptCallee(f.fn) === undefined);
  if (step) return { op: 'select', condition: step.arg, value: E.div(e, step), keepsNaN: false };
  const relu = calls.find((f) => f.fn === 'relu');
  return relu && { op: 'select', condition: relu.arg, value: E.mul(relu.arg, E.div(e, relu)), keepsNaN: true };
}

function productShape(e: Expr): Shape {
  const choice = choiceShape(e);
  if (choice) return choice;
  const f = fraction(e);
  return f.negative ? { op: 'negate', operand: E.neg(e) } : fractionShape(f);
}

/** A positive fraction, times `extra` factors. */
function fractionShape(f: Fraction, ...extra: Expr[]): Shape {
  const coefficient = Q.rational(f.numeratorCoefficient, f.denominatorCoefficient);
  // One literal when it is exact, or when its parts are not exact doubles (it is then rounded once).
  const exact = decimal(coefficient) !== undefined || !exactParts(coefficient);
  const top = exact ? coefficient : Q.rational(f.numeratorCoefficient);
  const numerator = [...(Q.isOne(top) ? [] : [E.num(top)]), ...f.numerator, ...extra];
  const denominator = exact ? f.denominator : [E.num(f.denominatorCoefficient), ...f.denominator];
  return { op: 'product', numerator, denominator };
}

/** Terms P sigmoid(w) and -P sigmoid(-w) of a sum, whose sum is P (sigmoid(w) - sigmoid(-w)). */
interface SigmoidPair {
  readonly terms: readonly [Expr, Expr];
  /** P, with a positive coefficient (the pair is also -P (sigmoid(-w) - sigmoid(w))). */
  readonly cofactor: Expr;
  readonly argument: Expr;
}

const sigmoidOf = (w: Expr): Expr => E.call('sigmoid', w);
const isPositiveInteger = (e: Expr): boolean => e.kind === 'num' && Q.isInteger(e.value) && Q.sign(e.value) > 0;

/** The pairs among a sum's terms, each term in at most one, found in the terms' order. */
function sigmoidPairs(terms: readonly Expr[]): SigmoidPair[] {
  const unpaired = new Set(terms);
  const pairs: SigmoidPair[] = [];
  for (const term of terms) {
    if (!unpaired.has(term)) continue;
    const rest = E.splitCoefficient(term)[1];
    for (const factor of rest.kind === 'mul' ? rest.factors : [rest]) {
      const sigmoid = factor.kind === 'pow' && isPositiveInteger(factor.exponent) ? factor.base : factor;
      if (sigmoid.kind !== 'call' || sigmoid.fn !== 'sigmoid') continue;
      const cofactor = E.div(term, sigmoid);
      const partner = E.neg(E.mul(cofactor, sigmoidOf(E.neg(sigmoid.arg))));
      if (partner === term || !unpaired.has(partner)) continue;
      unpaired.delete(term);
      unpaired.delete(partner);
      const positive = Q.sign(E.splitCoefficient(cofactor)[0]) > 0;
      pairs.push({ terms: [term, partner], cofactor: positive ? cofactor : E.neg(cofactor), argument: positive ? sigmoid.arg : E.neg(sigmoid.arg) });
      break;
    }
  }
  return pairs;
}

function pairShape({ cofactor, argument }: SigmoidPair): Shape {
  if (cofactor === E.ONE) return { op: 'call', callee: 'sigmoidDifference', name: 'sigmoidDifference', args: [argument] };
  return fractionShape(fraction(cofactor), E.add(sigmoidOf(argument), E.neg(sigmoidOf(E.neg(argument)))));
}

/** A sum's terms in reading order, each pair of terms P sigmoid(w) - P sigmoid(-w) as one. */
function sumShape(e: E.Add): Shape {
  const pairs = sigmoidPairs(e.terms);
  if (pairs.length === 1 && e.terms.length === 2) return pairShape(pairs[0]!);
  const pairOf = new Map(pairs.flatMap((pair) => pair.terms.map((t) => [t, pair] as const)));
  const written = new Set<SigmoidPair>();
  const terms: { negative: boolean; operand: Expr }[] = [];
  for (const { negative, magnitude } of termsOf(e)) {
    const pair = pairOf.get(negative ? E.neg(magnitude) : magnitude);
    if (!pair) terms.push({ negative, operand: magnitude });
    else if (!written.has(pair)) {
      written.add(pair);
      terms.push({ negative: false, operand: E.add(...pair.terms) });
    }
  }
  // As termsOf does: start with a positive term when there is one.
  const firstPositive = terms.findIndex((t) => !t.negative);
  if (firstPositive > 0) terms.unshift(...terms.splice(firstPositive, 1));
  return { op: 'sum', terms };
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
    case 'sym': shape = { op: 'name', text: fixedSymbolTypescript(e.name) ?? e.name }; break;
    case 'add': shape = sumShape(e); break;
    case 'mul': shape = productShape(e); break;
    case 'pow': shape = powerShape(e); break;
    case 'call': {
      const callee = typescriptCallee(e.fn);
      shape = callee === undefined ? { op: 'select', condition: e.arg, value: E.ONE, keepsNaN: false } : { op: 'call', callee, name: e.fn, args: [e.arg] };
      break;
    }
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
    case 'select': return [shape.condition, shape.value];
    case 'call': return shape.args;
  }
}

function precedenceOfShape(shape: Shape): number {
  switch (shape.op) {
    case 'literal': return literalIsAtom(shape.value) ? PRECEDENCE.atom : PRECEDENCE.product;
    case 'name': case 'call': return PRECEDENCE.atom;
    case 'negate': return PRECEDENCE.negation;
    case 'sum': return PRECEDENCE.sum;
    case 'product': case 'power': return PRECEDENCE.product;
    case 'select': return PRECEDENCE.conditional;
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
    // Sums bind tighter than > and <=, and a nested choice is parenthesised.
    case 'select': {
      const [condition, value] = [operand(shape.condition, PRECEDENCE.sum), operand(shape.value, PRECEDENCE.sum)];
      return shape.keepsNaN ? `${condition} <= 0 ? 0 : ${value}` : `${condition} > 0 ? ${value} : 0`;
    }
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
