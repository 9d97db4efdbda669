/**
 * What a function name means in every expression of a derivation (and in nerdamer's
 * output): the elementary functions under their own names, and the spellings that are not
 * IR nodes of their own: sqrt(u) is u^(1/2); max and min of two arguments are read through
 * relu, max(a, b) = b + relu(a - b) and min(a, b) = a - relu(a - b).
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { ELEMENTARY_FUNCTIONS } from './functions.js';

export interface Spelling {
  readonly name: string;
  readonly arity: number;
  readonly build: (args: readonly Expr[]) => Expr;
}

/** max(0, u) = relu(u) and min(0, u) = -relu(-u) directly: the common case, and simpler to
 * differentiate than the general max(a, b) = b + relu(a - b). */
const extremum = (which: 'max' | 'min') => ([a, b]: readonly Expr[]): Expr => {
  if (a === E.ZERO || b === E.ZERO) {
    const u = a === E.ZERO ? b! : a!;
    return which === 'max' ? E.call('relu', u) : E.neg(E.call('relu', E.neg(u)));
  }
  const excess = E.call('relu', E.sub(a!, b!));
  return which === 'max' ? E.add(b!, excess) : E.sub(a!, excess);
};

export const SPELLINGS: readonly Spelling[] = [
  ...ELEMENTARY_FUNCTIONS.map((f): Spelling => ({ name: f.name, arity: 1, build: ([u]) => E.call(f.name, u!) })),
  { name: 'sqrt', arity: 1, build: ([u]) => E.sqrt(u!) },
  { name: 'max', arity: 2, build: extremum('max') },
  { name: 'min', arity: 2, build: extremum('min') },
];

const BY_NAME = new Map(SPELLINGS.map((s) => [s.name, s]));

export const spellingNamed = (name: string): Spelling | undefined => BY_NAME.get(name);
