/**
 * Numeric evaluation of the IR in double precision: the generator uses it for figures at
 * the default hyperparameters (summary, records) and the tests use it to read derived
 * formulas; the generated evaluators are what programs should call.
 */
import * as Q from './rational.js';
import type { Expr } from './expr.js';

export interface Environment {
  readonly symbols: Readonly<Record<string, number>>;
  /** f^(order)(x), for expressions that keep the activation abstract. */
  readonly activation?: (order: number, x: number) => number;
}

const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const relu = (x: number): number => Math.max(0, x);
const step = (x: number): number => (x > 0 ? 1 : 0);
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

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
      case 'call': {
        const x = visit(node.arg);
        value = { exp: Math.exp, log: Math.log, abs: Math.abs, sign: Math.sign, softplus, sigmoid, relu, step }[node.fn](x);
        break;
      }
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
