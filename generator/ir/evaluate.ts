/**
 * Numeric evaluation of the IR in double precision: the generator uses it for figures at
 * the default hyperparameters (summary, records) and the tests use it to read derived
 * formulas; the generated evaluators are what programs should call.
 */
import * as Q from './rational.js';
import type { Expr } from './expr.js';
import { functionNamed } from '../vocabulary/functions.js';
import { nodesOf } from './traverse.js';
import { portablePower } from '../../runtime/portable.js';

const POWER = portablePower as (...xs: number[]) => number;

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
      case 'pow': value = portablePower(visit(node.base), visit(node.exponent)); break;
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

/**
 * e as a function of the named variables (in that order), every other symbol and f taken from
 * `env`: compiled once into straight-line JavaScript, one constant per distinct node, so that a
 * node shared by many parents (the products a method's k steps build) is computed once a call
 * and V8 optimises the whole. For the loops that evaluate one expression many times (a training
 * method's stability along h).
 */
export function numericFunction(e: Expr, variables: readonly string[], env: Environment): (values: readonly number[]) => number {
  return compiled([e], variables, env, (names) => names[0]!) as (values: readonly number[]) => number;
}

/** Several expressions as one function of the named variables, returning their values in order:
 * a node the expressions share is computed once a call (a map's coefficients share most of theirs). */
export function numericFunctions(es: readonly Expr[], variables: readonly string[], env: Environment): (values: readonly number[]) => number[] {
  return compiled(es, variables, env, (names) => `[${names.join(', ')}]`) as (values: readonly number[]) => number[];
}

/** The straight-line code of numericFunction(s): one constant per distinct node, in an order
 * where each comes after its operands; `result` writes the returned value from the outputs' names. */
function compiled(es: readonly Expr[], variables: readonly string[], env: Environment, result: (names: string[]) => string): (values: readonly number[]) => unknown {
  const order = [...new Set(es.flatMap((e) => nodesOf(e)))];
  const name = new Map(order.map((node, i) => [node, `t${i}`]));
  const constants: number[] = [];
  const calls: ((x: number) => number)[] = [];
  const constant = (value: number): string => `k[${constants.push(value) - 1}]`;
  const lines = order.map((node) => {
    const at = (child: Expr): string => name.get(child)!;
    let value: string;
    switch (node.kind) {
      case 'num': value = constant(Q.toNumber(node.value)); break;
      case 'sym': {
        const index = variables.indexOf(node.name);
        if (index >= 0) value = `v[${index}]`;
        else {
          const known = env.symbols[node.name];
          if (known === undefined) throw new Error(`no value for symbol '${node.name}'`);
          value = constant(known);
        }
        break;
      }
      case 'add': value = node.terms.map(at).join(' + '); break;
      case 'mul': value = node.factors.map(at).join(' * '); break;
      case 'pow': value = `f[${calls.push(POWER) - 1}](${at(node.base)}, ${at(node.exponent)})`; break;
      case 'call': value = `f[${calls.push(functionNamed(node.fn).value) - 1}](${at(node.arg)})`; break;
      case 'activation': {
        const f = env.activation;
        if (!f) throw new Error('the expression keeps f abstract: give the environment an activation');
        const order = node.order;
        value = `f[${calls.push((x) => f(order, x)) - 1}](${at(node.arg)})`;
        break;
      }
    }
    return `const ${name.get(node)} = ${value};`;
  });
  const body = `return (v) => {\n${lines.join('\n')}\nreturn ${result(es.map((e) => name.get(e)!))};\n};`;
  return new Function('k', 'f', body)(constants, calls) as (values: readonly number[]) => unknown;
}
