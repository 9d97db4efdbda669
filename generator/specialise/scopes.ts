/**
 * What each kind of expression in a derivation may name. Every expression is converted
 * through one of these scopes, and the conversion error names the file and the field.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { ExpressionError, checkConstants, elementaryCall, parseSyntax, toExpr } from '../ir/parse.js';
import type { Scope, Syntax } from '../ir/parse.js';
import { DerivationError } from '../load/errors.js';
import { activationOrderOf } from '../vocabulary/activation.js';
import { SPELLINGS } from '../vocabulary/spellings.js';

/** Parses `text` in `scope`; any problem becomes a DerivationError naming file and field. */
export function expressionAt(file: string, field: string, text: string, scope: Scope): Expr {
  try {
    const expr = toExpr(parseSyntax(text), scope, text);
    checkConstants(expr, text);
    return expr;
  } catch (error) {
    if (error instanceof ExpressionError) throw new DerivationError(file, field, `${error.message} in "${text}"${error.hint ? `; ${error.hint}` : ''}`);
    throw error;
  }
}

export interface ScopeOptions {
  /** Bare names and what they stand for. */
  readonly symbols: ReadonlyMap<string, Expr>;
  /** Extra functions beyond the elementary ones (D, gradD, f, df, ...). */
  readonly functions?: (name: string, args: readonly Syntax[], convert: (s: Syntax) => Expr, text: string) => Expr | undefined;
  readonly functionNames?: readonly string[];
  /** Said after "unknown symbol": what the author can do about it. */
  readonly unknownSymbolHint?: string;
}

export function makeScope(options: ScopeOptions, text: string): Scope {
  return {
    known: { symbols: [...options.symbols.keys()], functions: [...(options.functionNames ?? []), ...SPELLINGS.map((s) => s.name)] },
    ...(options.unknownSymbolHint ? { unknownSymbolHint: options.unknownSymbolHint } : {}),
    symbol: (name) => options.symbols.get(name),
    call: (name, args, convert) => options.functions?.(name, args, convert, text) ?? elementaryCall(name, args, convert, text),
  };
}

/** f(u) in an objective: the activation, abstract until the concrete stage. */
export function activationCall(name: string, args: readonly Syntax[], convert: (s: Syntax) => Expr, text: string): Expr | undefined {
  const order = activationOrderOf(name);
  if (order === undefined) return undefined;
  if (args.length !== 1) throw new ExpressionError(`${name} takes one argument`, text);
  return E.activation(order, convert(args[0]!));
}

export const symbolMap = (names: Iterable<string>): Map<string, Expr> => new Map([...names].map((n) => [n, E.sym(n)]));
