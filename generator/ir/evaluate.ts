/**
 * Numeric evaluation of the IR in double precision: the generator uses it for figures at
 * the default hyperparameters (summary, records) and the tests use it to read derived
 * formulas; the generated evaluators are what programs should call.
 */
import * as Q from './rational.js';
import type { Expr } from './expr.js';
import { functionNamed } from '../vocabulary/functions.js';

export interface Environment {
  readonly symbols: Readonly<Record<string, number>>;
  /** f^(order)(x), for expressions that keep the activation abstract. */
  readonly activation?: (order: number, x: number) => number;
}

export function evaluate(e: Expr, env: Environment): number {
  const memo = new Map<Expr, number>();
  const visit = (node: Expr): number => {
    const cached = memo.get(node);
    if (cached !== undefined) return cached;
    let value: number;
    switch (node.kind) {
      case 'num': value = Q.toNumber(node.value); break;
      case 'sym': {
        const v = env.symbols[node.name];
        if (v === undefined) throw new Error(`no value for symbol '${node.name}'`);
        value = v;
        break;
      }
      case 'add': value = node.terms.reduce((sum, t) => sum + visit(t), 0); break;
      case 'mul': value = node.factors.reduce((product, f) => product * visit(f), 1); break;
      case 'pow': value = Math.pow(visit(node.base), visit(node.exponent)); break;
      case 'call': value = functionNamed(node.fn).value(visit(node.arg)); break;
      case 'activation': {
        if (!env.activation) throw new Error('the expression keeps f abstract: give the environment an activation');
        value = env.activation(node.order, visit(node.arg));
        break;
      }
    }
    memo.set(node, value);
    return value;
  };
  return visit(e);
}
