/**
 * Infix text -> syntax tree -> IR.
 *
 * One grammar serves the two sources of text: what a derivation's author writes and what
 * nerdamer prints back. The syntax tree is kept apart from the IR so that the caller
 * decides what names mean (a `Scope`): the specialiser gives D(x) its Dirac-GAN meaning,
 * the CAS bridge turns nerdamer's `diff(g(u), x)` placeholders into known derivatives.
 *
 * Grammar: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
 * unary := '-' unary | power; power := atom ('^' unary)?; atom := number | name |
 * name '(' args ')' | '(' sum ')'. Two atoms side by side are an error, never an implicit
 * product (nerdamer's `f(x)` = f*x trap).
 */
import * as E from './expr.js';
import { nodesOf } from './traverse.js';
import type { Expr } from './expr.js';
import * as Q from './rational.js';
import { parseRational } from './rational.js';
import { spellingNamed } from '../vocabulary/spellings.js';

export type Syntax =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Syntax[] }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly left: Syntax; readonly right: Syntax }
  | { readonly kind: 'negate'; readonly operand: Syntax };

/** A parse or meaning error, with the column (1-based) where it was found. */
export class ExpressionError extends Error {
  /** `hint`: what the author can do about it, said after where the error is. */
  constructor(message: string, readonly text: string, readonly column?: number, readonly hint?: string) {
    super(column === undefined ? message : `${message} (column ${column})`);
  }
}

/** The name of `known` nearest `name`, one or two edits away (a typo), if there is one. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  return known.map((k) => [k, editDistance(k, name)] as const).filter(([, d]) => d >= 1 && d <= 2).sort((a, b) => a[1] - b[1])[0]?.[0];
}

/** Levenshtein's distance: insertions, deletions and substitutions of one character. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

type Token = { kind: 'number' | 'name' | 'op' | 'end'; text: string; column: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^(),]))/y;
  let position = 0;
  while (position < text.length) {
    if (/^\s*$/.test(text.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(text);
    if (!match) {
      const column = position + text.slice(position).search(/\S/) + 1;
      throw new ExpressionError(`unexpected character '${text[column - 1]}'`, text, column);
    }
    const column = match.index + match[0].length - (match[1] ?? match[2] ?? match[3])!.length + 1;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1], column });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', text: match[2], column });
    else tokens.push({ kind: 'op', text: match[3]!, column });
    position = pattern.lastIndex;
  }
  tokens.push({ kind: 'end', text: 'end of text', column: text.length + 1 });
  return tokens;
}

/** How deeply parentheses, calls, signs and powers may nest. The parser and every later
 * stage recurse once per level, so without a bound a long enough run of '(' overflows the
 * stack; nerdamer's own output nests a few dozen levels at most. */
export const MAX_NESTING = 200;

export function parseSyntax(text: string): Syntax {
  const tokens = tokenize(text);
  let index = 0;
  let depth = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const expect = (op: string): void => {
    const token = next();
    if (token.text !== op || token.kind !== 'op') throw new ExpressionError(`expected '${op}' but found '${token.text}'`, text, token.column);
  };
  const sum = (): Syntax => {
    let left = product();
    while (peek().kind === 'op' && (peek().text === '+' || peek().text === '-')) {
      const op = next().text as '+' | '-';
      left = { kind: 'binary', op, left, right: product() };
    }
    return left;
  };
  const product = (): Syntax => {
    let left = unary();
    for (;;) {
      const token = peek();
      if (token.kind === 'op' && (token.text === '*' || token.text === '/')) {
        next();
        left = { kind: 'binary', op: token.text, left, right: unary() };
      } else if (token.kind === 'number' || token.kind === 'name' || (token.kind === 'op' && token.text === '(')) {
        throw new ExpressionError(`missing operator before '${token.text}' (write products with '*')`, text, token.column);
      } else return left;
    }
  };
  // Every level of nesting passes through unary, so the depth is counted here.
  const unary = (): Syntax => {
    if (++depth > MAX_NESTING) throw new ExpressionError(`nested more than ${MAX_NESTING} levels deep`, text, peek().column);
    try {
      if (peek().kind === 'op' && peek().text === '-') {
        next();
        return { kind: 'negate', operand: unary() };
      }
      if (peek().kind === 'op' && peek().text === '+') next();
      return power();
    } finally {
      depth--;
    }
  };
  const power = (): Syntax => {
    const base = atom();
    if (peek().kind === 'op' && peek().text === '^') {
      next();
      return { kind: 'binary', op: '^', left: base, right: unary() };
    }
    return base;
  };
  const atom = (): Syntax => {
    const token = next();
    if (token.kind === 'number') return { kind: 'number', text: token.text };
    if (token.kind === 'name') {
      if (peek().kind === 'op' && peek().text === '(') {
        next();
        const args: Syntax[] = [sum()];
        while (peek().kind === 'op' && peek().text === ',') {
          next();
          args.push(sum());
        }
        expect(')');
        return { kind: 'call', name: token.text, args };
      }
      return { kind: 'name', name: token.text };
    }
    if (token.kind === 'op' && token.text === '(') {
      const inner = sum();
      expect(')');
      return inner;
    }
    throw new ExpressionError(`unexpected '${token.text}'`, text, token.column);
  };
  const tree = sum();
  const rest = peek();
  if (rest.kind !== 'end') throw new ExpressionError(`unexpected '${rest.text}'`, text, rest.column);
  return tree;
}

/** What names mean while converting syntax to IR. */
export interface Scope {
  /** The IR for a bare name, or undefined when the name is unknown here. */
  symbol(name: string): Expr | undefined;
  /** The IR for name(args), or undefined when the function is unknown here. */
  call(name: string, args: readonly Syntax[], convert: (s: Syntax) => Expr): Expr | undefined;
  /** The symbols and the functions an "unknown symbol" or "unknown function" message lists,
   * to say what would have been accepted. */
  readonly known: { readonly symbols: readonly string[]; readonly functions: readonly string[] };
  /** Said after an unknown symbol's message. */
  readonly unknownSymbolHint?: string;
}

/** The longest exact constant (in bits, about 5,000 digits) an expression may build on the
 * way: constants are exact rationals, so 2^1e9 or 1e1000000000 would take minutes or all memory. */
export const MAX_CONSTANT_BITS = 16_384;
/** The longest numerator or denominator a finished expression may keep: 2^1024, a double's
 * range. Longer ones slow the algebra down by orders of magnitude (a sum of 40 such
 * constants took minutes) and cannot be printed as num / den in the evaluators. */
export const MAX_CONSTANT_PART_BITS = 1024;
const bits = (q: Q.Rational): number => Math.max((q.num < 0n ? -q.num : q.num).toString(2).length, q.den.toString(2).length);

/** A literal's size in bits before it is built: its digits and decimal exponent. */
function literalBits(literal: string): number {
  const [mantissa = '', exponent = '0'] = literal.toLowerCase().split('e');
  return (mantissa.length + Math.abs(Number(exponent))) * Math.log2(10);
}

export function toExpr(tree: Syntax, scope: Scope, text: string): Expr {
  const tooLong = (what: string): ExpressionError => new ExpressionError(`${what} has more than ${MAX_CONSTANT_BITS} bits (about ${Math.floor(MAX_CONSTANT_BITS * Math.log10(2))} digits); write a smaller constant`, text);
  const power = (base: Expr, exponent: Expr): Expr => {
    if (base.kind === 'num' && exponent.kind === 'num' && Q.isInteger(exponent.value)) {
      const n = exponent.value.num;
      if (bits(base.value) * Number(n < 0n ? -n : n) > MAX_CONSTANT_BITS) throw tooLong(`the constant ${Q.abbreviate(base.value)}^${n}`);
    }
    return E.pow(base, exponent);
  };
  const binary = (op: '+' | '-' | '*' | '/' | '^', left: Expr, right: Expr): Expr => {
    switch (op) {
      case '+': return E.add(left, right);
      case '-': return E.sub(left, right);
      case '*': return E.mul(left, right);
      case '^': return power(left, right);
      case '/':
        if (E.isZero(right)) throw new ExpressionError('division by zero', text);
        return E.div(left, right);
    }
  };
  const convert = (s: Syntax): Expr => {
    switch (s.kind) {
      case 'number':
        if (literalBits(s.text) > MAX_CONSTANT_BITS) throw tooLong(`the number ${s.text}`);
        return E.num(parseRational(s.text));
      case 'negate': return E.neg(convert(s.operand));
      case 'binary': return binary(s.op, convert(s.left), convert(s.right));
      case 'name': {
        const result = scope.symbol(s.name);
        if (result) return result;
        const guess = nearestName(s.name, scope.known.symbols);
        throw new ExpressionError(`unknown symbol '${s.name}'${guess ? ` (did you mean '${guess}'?)` : ''} (known: ${scope.known.symbols.join(', ')})`, text, undefined, scope.unknownSymbolHint);
      }
      case 'call': {
        const result = scope.call(s.name, s.args, convert);
        if (result) return result;
        const guess = nearestName(s.name, scope.known.functions);
        throw new ExpressionError(`unknown function '${s.name}'${guess ? ` (did you mean '${guess}'?)` : ''} (known: ${scope.known.functions.join(', ')})`, text);
      }
    }
  };
  return convert(tree);
}

/** Refuses an expression whose exact constants a double cannot hold (the evaluators would
 * get Infinity or 0) or whose parts are longer than MAX_CONSTANT_PART_BITS. */
export function checkConstants(expr: Expr, text: string): void {
  for (const node of nodesOf(expr)) {
    if (node.kind !== 'num') continue;
    if (bits(node.value) > MAX_CONSTANT_PART_BITS) {
      const value = Q.toNumber(node.value);
      throw new ExpressionError(`the exact constant ${Q.abbreviate(node.value)} has a numerator or denominator beyond 2^${MAX_CONSTANT_PART_BITS} (about 1.8e308); write its value${Number.isFinite(value) && value !== 0 ? ` (about ${Number(value.toPrecision(6))})` : ''} as a decimal`, text);
    }
    try {
      Q.toDouble(node.value);
    } catch (error) {
      if (error instanceof Q.DoubleRangeError) throw new ExpressionError(error.message, text);
      throw error;
    }
  }
}

/** The functions every scope knows (vocabulary/spellings.ts), or undefined for another name. */
export function elementaryCall(name: string, args: readonly Syntax[], convert: (s: Syntax) => Expr, text: string): Expr | undefined {
  const spelling = spellingNamed(name);
  if (!spelling) return undefined;
  if (args.length !== spelling.arity) {
    throw new ExpressionError(`${name} takes ${spelling.arity === 1 ? 'one argument' : 'two arguments'}, not ${args.length}`, text);
  }
  return spelling.build(args.map(convert));
}
