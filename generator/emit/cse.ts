/**
 * Common-subexpression elimination, a stage of its own between the derivation and the
 * printer: which sub-expressions of a function's outputs become local constants.
 *
 * The IR is hash-consed, so a repeated sub-expression is one node reached along several
 * edges. The edges counted are those of the printed code (ts.ts `operandsOf`: -phi*theta is
 * the negation of phi*theta, x^2 is x * x), so a temporary is exactly a computation the
 * printed code would otherwise repeat. A node reached along one edge stays inline in its
 * only user, which is itself computed once: every non-trivial node is computed once.
 *
 * Not worth a temporary: numbers, symbols and negations (a sign flip costs nothing; the
 * negated operand gets the temporary instead).
 *
 * The order is designed, not hoped for (SymPy's cse documentation warns that it otherwise
 * varies by machine): temporaries come in depth-first post-order over the outputs in their
 * order, operands in printed order, which depends only on the canonical IR. Names are read
 * off the expression (phi*theta -> phiTheta, sigmoid(-phi*theta) -> sigmoidMinusPhiTheta)
 * when that is short, else t0, t1, ...; a clash with a reserved or earlier name gets a
 * numeric suffix.
 *
 * Loops: with `invariant` (what a quadrature loop's body does not depend on), a maximal
 * invariant sub-expression -- one whose user is not invariant -- becomes a temporary even
 * when used once, and every temporary says whether it is invariant, so that the caller can
 * compute those before the loop (their operands are invariant too, so the order holds).
 */
import * as Q from '../ir/rational.js';
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { definitionToTs, operandsOf, shapeOf, toTs } from '../print/ts.js';
import type { Names } from '../print/ts.js';
import { definitionToWideTs, toWideTs } from '../print/wide.js';

export interface Temporary {
  readonly name: string;
  readonly value: Expr;
  /** Present, true, when `invariant` holds for the value. */
  readonly invariant?: true;
}

export interface Cse {
  /** In the order they must be computed: each uses only earlier ones. */
  readonly temporaries: readonly Temporary[];
  /** The temporaries by node, for the printer. */
  readonly names: Names;
}

export interface CseOptions {
  /** false: no temporaries, every output printed in full (the benchmark's baseline). */
  readonly enabled?: boolean;
  /** Names the temporaries must not take: parameters, locals, helpers. */
  readonly reserved?: Iterable<string>;
  /** The nodes a loop does not change (see the module comment); none by default. */
  readonly invariant?: (e: Expr) => boolean;
}

/** Longest name read off an expression; longer ones become t0, t1, ... */
const MAX_NAME_LENGTH = 32;

const worthATemporary = (e: Expr): boolean => !['literal', 'name', 'negate'].includes(shapeOf(e).op);

export function eliminateCommonSubexpressions(outputs: readonly Expr[], options: CseOptions = {}): Cse {
  if (options.enabled === false) return { temporaries: [], names: new Map() };
  const uses = new Map<Expr, number>();
  const order: Expr[] = [];
  const invariant = options.invariant ?? (() => false);
  // Maximal invariant nodes, hoisted out of the loop even when used once.
  const hoisted = new Set<Expr>();
  const visit = (node: Expr, inLoop: boolean): void => {
    const count = (uses.get(node) ?? 0) + 1;
    uses.set(node, count);
    // A repeated node worth a temporary is computed once; any other is printed at each use,
    // so its operands are used again (-phi*theta twice uses phi*theta twice).
    if (count > 1 && worthATemporary(node)) return;
    // Whether the operands are computed in the loop: this node is, or it is printed inline
    // (a negation, a symbol) in a user that is.
    const operandsInLoop = !invariant(node) || (inLoop && !worthATemporary(node));
    for (const operand of operandsOf(node)) {
      if (operandsInLoop && worthATemporary(operand) && invariant(operand)) hoisted.add(operand);
      visit(operand, operandsInLoop);
    }
    if (count === 1) order.push(node);
  };
  for (const output of outputs) {
    if (worthATemporary(output) && invariant(output)) hoisted.add(output);
    visit(output, true);
  }

  const taken = new Set(options.reserved);
  const names = new Map<Expr, string>();
  const temporaries: Temporary[] = [];
  let numbered = 0;
  for (const node of order) {
    if ((uses.get(node)! < 2 && !hoisted.has(node)) || !worthATemporary(node)) continue;
    let name = descriptiveName(node);
    if (name === undefined) {
      while (taken.has(`t${numbered}`)) numbered++;
      name = `t${numbered++}`;
    }
    const base = name;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}${suffix}`;
    taken.add(name);
    names.set(node, name);
    temporaries.push({ name, value: node, ...(invariant(node) ? { invariant: true as const } : {}) });
  }
  return { temporaries, names };
}

export interface PrintedTemporary {
  readonly name: string;
  readonly definition: string;
  readonly invariant?: true;
}

/** Temporaries and outputs as TypeScript text: `const <name> = <definition>;` and expressions. */
export interface PrintedBlock {
  /** `invariant`: as the temporary's (see Temporary), for the caller to hoist out of a loop. */
  readonly temporaries: readonly PrintedTemporary[];
  readonly outputs: readonly string[];
}

export interface PrintOptions extends CseOptions {
  /** Print in unbounded-exponent arithmetic (print/wide.ts), these symbols holding wide values. */
  readonly wide?: ReadonlySet<string>;
}

export function printBlock(outputs: readonly Expr[], options: PrintOptions = {}): PrintedBlock {
  const { temporaries, names } = eliminateCommonSubexpressions(outputs, options);
  const { wide } = options;
  if (wide) {
    // No sigmoid pairs: they exist to save an exponential, and wide.sigmoid cannot overflow.
    const printed = temporaries.map((t) => ({ name: t.name, definition: definitionToWideTs(t.value, names, wide), ...(t.invariant ? { invariant: t.invariant } : {}) }));
    return { temporaries: printed, outputs: outputs.map((e) => toWideTs(e, names, wide)) };
  }
  const taken = new Set([...(options.reserved ?? []), ...temporaries.map((t) => t.name)]);
  const printed = temporaries.flatMap((t) => sigmoidPair(t, temporaries, names, taken) ?? [{ name: t.name, definition: definitionToTs(t.value, names), ...(t.invariant ? { invariant: t.invariant } : {}) }]);
  return { temporaries: printed, outputs: outputs.map((e) => toTs(e, names)) };
}

/**
 * sigmoid(w) and sigmoid(-w) from one exponential: with e = exp(-|w|) and r = 1/(1 + e),
 * the one of the pair on w's side of 0 is r and the other e*r -- as accurate as the
 * sigmoid helper (no overflow, no cancellation) at half the exponentials. Returns the
 * statements replacing the first of such a pair of temporaries, [] for the second, and
 * undefined for any other temporary.
 */
function sigmoidPair(t: Temporary, all: readonly Temporary[], names: Names, taken: Set<string>): PrintedTemporary[] | undefined {
  if (t.value.kind !== 'call' || t.value.fn !== 'sigmoid') return undefined;
  const w = t.value.arg;
  const positive = w.kind === 'mul' && Q.sign(E.splitCoefficient(w)[0]) < 0 ? E.neg(w) : w;
  const pair = [E.call('sigmoid', positive), E.call('sigmoid', E.neg(positive))].map((v) => all.find((u) => u.value === v));
  if (pair.some((u) => u === undefined)) return undefined;
  const second = all.indexOf(pair[0]!) < all.indexOf(pair[1]!) ? pair[1] : pair[0];
  if (t === second) return [];
  const fresh = (base: string): string => {
    let name = base;
    for (let suffix = 2; taken.has(name); suffix++) name = `${base}${suffix}`;
    taken.add(name);
    return name;
  };
  const argument = toTs(positive, names);
  const simple = /^[A-Za-z_$][\w$]*$/.test(argument);
  const x = simple ? argument : fresh(`${pair[0]!.name}Argument`);
  const e = fresh(`${pair[0]!.name}Exp`);
  const r = fresh(`${pair[0]!.name}Reciprocal`);
  // Both of the pair are invariant or neither: they have the same operands.
  const invariant = t.invariant ? { invariant: t.invariant } : {};
  return [
    ...(simple ? [] : [{ name: x, definition: argument, ...invariant }]),
    { name: e, definition: `Math.exp(-Math.abs(${x}))`, ...invariant },
    { name: r, definition: `1 / (1 + ${e})`, ...invariant },
    { name: pair[0]!.name, definition: `${x} >= 0 ? ${r} : ${e} * ${r}`, ...invariant },
    { name: pair[1]!.name, definition: `${x} >= 0 ? ${e} * ${r} : ${r}`, ...invariant },
  ];
}

const NUMBER_WORDS: Readonly<Record<string, string>> = { '0': 'zero', '1': 'one', '2': 'two', '3': 'three', '4': 'four', '1/2': 'half', '1/4': 'quarter' };
const POWER_WORDS = ['', '', 'squared', 'cubed', 'fourth', 'fifth', 'sixth'];

/** Words describing e (phi*theta -> [phi, theta]), or undefined when some part has no word or
 * the words would make a name longer than MAX_NAME_LENGTH: the walk stops there, so that naming
 * the temporaries of a large expression does not walk each one whole (the methods' steps). */
function wordsOf(e: Expr): string[] | undefined {
  const words: string[] = [];
  let length = 0;
  const add = (word: string | undefined): boolean => {
    if (word === undefined) return false;
    words.push(word);
    length += word.length;
    return length <= MAX_NAME_LENGTH;
  };
  const visit = (e: Expr): boolean => {
    const shape = shapeOf(e);
    switch (shape.op) {
      case 'literal': return add(NUMBER_WORDS[Q.toText(shape.value)]);
      case 'name': return /^[A-Za-z][A-Za-z0-9]*$/.test(shape.text) && add(shape.text);
      case 'negate': return add('minus') && visit(shape.operand);
      case 'sum': return shape.terms.every((t, i) => (t.negative ? add('minus') : i === 0 || add('plus')) && visit(t.operand));
      case 'product': return shape.numerator.every(visit) && (shape.denominator.length === 0 || (add('over') && shape.denominator.every(visit)));
      case 'power': return visit(shape.base) && add(POWER_WORDS[shape.times]);
      case 'select': return visit(shape.value) && add('where') && visit(shape.condition);
      case 'call': return add(shape.name) && shape.args.every(visit);
    }
  };
  return visit(e) ? words : undefined;
}

function descriptiveName(e: Expr): string | undefined {
  return wordsOf(e)?.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
}
