/**
 * The elementary functions of the expression language, each defined once, in the spirit of
 * KaTeX's `defineFunction`: one small definition per function and an explicit list, with
 * everything a stage needs to know about it (no registration by side effect). The IR
 * (expr.ts, evaluate.ts), the CAS bridge (cas/), the printers (print/), the sign analysis
 * and the kink detection (derive/) all read this table instead of keeping one of their own.
 * What relates several functions stays where it acts: the canonical form's identities
 * (sign(u) |u| = u, relu(u) step(u) = relu(u), log(1 + e^u) = softplus(u)) in ir/expr.ts,
 * the sigmoid pairs in print/ts.ts.
 *
 * ir/expr.ts reads this module (to fold constants) and this module builds IR: each uses the
 * other only inside functions, never while the modules load, so the cycle is harmless.
 *
 * Every elementary function takes one argument (an IR `call` node has one); the spellings
 * of several arguments (max, min) and sqrt are in spellings.ts. The activation f and its
 * derivatives are not elementary: they are kept abstract (activation.ts).
 *
 * relu(u) = max(0, u) and its derivative step(u) carry hinge losses and one-sided
 * penalties. softplus(u) = log(1 + e^u) and sigmoid(u) = 1/(1 + e^-u) are primitives, not
 * sums of exponentials, so that derivatives stay products of sigmoids (no cancellation)
 * and the generated code evaluates them without overflow.
 */
import * as Q from '../ir/rational.js';
import type { Rational } from '../ir/rational.js';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';

/** What the sign analysis knows of a value: 'nonzero' is a sign it could not decide. */
export type Sign = 'positive' | 'negative' | 'zero' | 'nonzero' | 'unknown';

/** The argument as the TeX printer hands it to a definition. */
export interface TexArgument {
  readonly expr: Expr;
  readonly tex: string;
  /** As a function's argument: (x) for a symbol or an integer, else \left(...\right). */
  readonly applied: string;
}

/** The smooth forms of a function on either side of its kink at u = 0. */
export interface Kink {
  readonly negative: (u: Expr) => Expr;
  readonly positive: (u: Expr) => Expr;
}

/** The names, in the order messages list them; each is the function's spelling in
 * derivations, in the records' text and in nerdamer's output. */
export const FUNCTION_NAMES = ['exp', 'log', 'abs', 'sign', 'softplus', 'sigmoid', 'relu', 'step'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface Definition {
  /** d/du f(u), as an IR builder; away from the kink, when there is one. */
  readonly derivative: (u: Expr) => Expr;
  /** f(c) for a rational c, when it has an exact form worth folding; else undefined (kept as a call). */
  readonly exact: (c: Rational) => Expr | undefined;
  /** f(x) in double precision (ir/evaluate.ts). */
  readonly value: (x: number) => number;
  /** The sign of f(u) from the sign of u. */
  readonly sign: (u: Sign) => Sign;
  /** f(-u) = f(u) (even) or -f(u) (odd), exactly as the generated code computes it; absent:
   * neither (ir/parity.ts). */
  readonly parity?: 'even' | 'odd';
  /** Where f is not differentiable: at u = 0 (all kinks of this vocabulary are there). */
  readonly kink?: Kink;
  readonly tex: (u: TexArgument) => string;
  /** The TeX already delimits the call (|u|, \sigma(u)): a power of it needs no parentheses. */
  readonly texDelimited: boolean;
  /** The generated TypeScript: a built-in such as Math.exp, the name of a runtime helper
   * the emitter writes next to the code (stable where the naive formula overflows), or a
   * choice, u > 0 ? 1 : 0, written out where it is used (print/ts.ts). */
  readonly typescript: { readonly inline: string } | { readonly helper: string } | { readonly choice: true };
}

export interface ElementaryFunction extends Definition {
  readonly name: FunctionName;
}

const paren = (tex: string): string => `\\left(${tex}\\right)`;
const always = (sign: Sign) => (): Sign => sign;
/** relu and step: 0 for u <= 0. */
const zeroUnlessPositive = (u: Sign): Sign => (u === 'positive' ? 'positive' : u === 'negative' || u === 'zero' ? 'zero' : 'unknown');
const HALF = Q.rational(1n, 2n);

const DEFINITIONS: Readonly<Record<FunctionName, Definition>> = {
  exp: {
    derivative: (u) => E.call('exp', u),
    exact: (c) => (Q.isZero(c) ? E.ONE : undefined),
    value: Math.exp,
    sign: always('positive'),
    tex: ({ expr, tex }) => (expr === E.ONE ? 'e' : `e^{${tex}}`),
    texDelimited: false,
    typescript: { inline: 'Math.exp' },
  },
  log: {
    derivative: (u) => E.pow(u, E.MINUS_ONE),
    exact: (c) => (Q.isOne(c) ? E.ZERO : undefined),
    value: Math.log,
    sign: always('unknown'),
    tex: ({ applied }) => `\\log${applied}`,
    texDelimited: false,
    typescript: { inline: 'Math.log' },
  },
  abs: {
    derivative: (u) => E.call('sign', u),
    exact: (c) => E.num(Q.sign(c) < 0 ? Q.neg(c) : c),
    value: Math.abs,
    sign: (u) => (u === 'zero' || u === 'unknown' ? u : 'positive'),
    parity: 'even',
    kink: { negative: (u) => E.neg(u), positive: (u) => u },
    tex: ({ tex }) => `\\left|${tex}\\right|`,
    texDelimited: true,
    typescript: { inline: 'Math.abs' },
  },
  sign: {
    derivative: () => E.ZERO,
    exact: (c) => E.num(BigInt(Q.sign(c))),
    value: Math.sign,
    sign: (u) => u,
    parity: 'odd',
    kink: { negative: () => E.MINUS_ONE, positive: () => E.ONE },
    tex: ({ applied }) => `\\operatorname{sign}${applied}`,
    texDelimited: false,
    typescript: { inline: 'Math.sign' },
  },
  softplus: {
    derivative: (u) => E.call('sigmoid', u),
    exact: (c) => (Q.isZero(c) ? E.call('log', E.num(2n)) : undefined),
    value: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
    sign: always('positive'),
    tex: ({ tex }) => `\\log${paren(`1 + e^{${tex}}`)}`,
    texDelimited: false,
    typescript: { helper: 'softplus' },
  },
  sigmoid: {
    derivative: (u) => E.mul(E.call('sigmoid', u), E.call('sigmoid', E.neg(u))),
    exact: (c) => (Q.isZero(c) ? E.num(HALF) : undefined),
    value: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    sign: always('positive'),
    tex: ({ applied }) => `\\sigma${applied}`,
    texDelimited: true,
    typescript: { helper: 'sigmoid' },
  },
  relu: {
    derivative: (u) => E.call('step', u),
    exact: (c) => (Q.sign(c) > 0 ? E.num(c) : E.ZERO),
    value: (x) => Math.max(0, x),
    sign: zeroUnlessPositive,
    kink: { negative: () => E.ZERO, positive: (u) => u },
    tex: ({ tex }) => `\\max${paren(`0, ${tex}`)}`,
    texDelimited: false,
    typescript: { helper: 'relu' },
  },
  step: {
    derivative: () => E.ZERO,
    exact: (c) => (Q.sign(c) > 0 ? E.ONE : E.ZERO),
    value: (x) => (x > 0 ? 1 : 0),
    sign: zeroUnlessPositive,
    kink: { negative: () => E.ZERO, positive: () => E.ONE },
    tex: ({ tex }) => `\\mathbb{1}${paren(`${tex} > 0`)}`,
    texDelimited: false,
    typescript: { choice: true },
  },
};

/** The vocabulary, in the order of FUNCTION_NAMES. */
export const ELEMENTARY_FUNCTIONS: readonly ElementaryFunction[] = FUNCTION_NAMES.map((name) => ({ name, ...DEFINITIONS[name] }));

const BY_NAME = new Map<string, ElementaryFunction>(ELEMENTARY_FUNCTIONS.map((f) => [f.name, f]));

export const functionNamed = (name: FunctionName): ElementaryFunction => BY_NAME.get(name)!;

/** Whether the function has a kink (abs, sign, relu, step: at an argument of 0). */
export const hasKink = (name: FunctionName): boolean => functionNamed(name).kink !== undefined;


/** The generated TypeScript callee: Math.exp, or a helper's name; undefined for a choice. */
export const typescriptCallee = (name: FunctionName): string | undefined => {
  const spelling = functionNamed(name).typescript;
  return 'inline' in spelling ? spelling.inline : 'helper' in spelling ? spelling.helper : undefined;
};
