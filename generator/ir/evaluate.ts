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

/** How numericFunctions' program computes a node. */
const Op = { Value: 0, Variable: 1, Add: 2, Mul: 3, Power: 4, Call: 5 } as const;

/**
 * Several expressions as one function of the named variables, returning their values in order:
 * a node the expressions share is computed once a call (a map's coefficients share most of
 * theirs). Interpreted from a flat program, not compiled: the generator makes some two hundred
 * of these (a map's coefficients along h, for every game, method and variant), each called a
 * few thousand times, and V8 compiling each into optimised code took more CPU than running it.
 * The same operations in the same order as numericFunction's code: the same numbers.
 */
export function numericFunctions(es: readonly Expr[], variables: readonly string[], env: Environment): (values: readonly number[]) => number[] {
  const order = [...new Set(es.flatMap((e) => nodesOf(e)))];
  const slot = new Map(order.map((node, i) => [node, i]));
  const ops = new Int32Array(order.length);
  /** Per node: its variable's index, or its operands' range in `operands` (start, end). */
  const first = new Int32Array(order.length);
  const last = new Int32Array(order.length);
  const operands: number[] = [];
  const values = new Float64Array(order.length);
  const calls: ((x: number) => number)[] = [];
  order.forEach((node, i) => {
    const take = (children: readonly Expr[]): void => {
      first[i] = operands.length;
      for (const child of children) operands.push(slot.get(child)!);
      last[i] = operands.length;
    };
    switch (node.kind) {
      case 'num': ops[i] = Op.Value; values[i] = Q.toNumber(node.value); break;
      case 'sym': {
        const index = variables.indexOf(node.name);
        if (index >= 0) [ops[i], first[i]] = [Op.Variable, index];
        else {
          const known = env.symbols[node.name];
          if (known === undefined) throw new Error(`no value for symbol '${node.name}'`);
          [ops[i], values[i]] = [Op.Value, known];
        }
        break;
      }
      case 'add': ops[i] = Op.Add; take(node.terms); break;
      case 'mul': ops[i] = Op.Mul; take(node.factors); break;
      case 'pow': ops[i] = Op.Power; take([node.base, node.exponent]); break;
      case 'call': ops[i] = Op.Call; take([node.arg]); calls[i] = functionNamed(node.fn).value; break;
      case 'activation': {
        const f = env.activation;
        if (!f) throw new Error('the expression keeps f abstract: give the environment an activation');
        const activationOrder = node.order;
        ops[i] = Op.Call;
        take([node.arg]);
        calls[i] = (x) => f(activationOrder, x);
        break;
      }
    }
  });
  const from = Int32Array.from(operands);
  const outputs = es.map((e) => slot.get(e)!);
  return (v) => {
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case Op.Variable: values[i] = v[first[i]!]!; break;
        case Op.Add: {
          let sum = values[from[first[i]!]!]!;
          for (let k = first[i]! + 1; k < last[i]!; k++) sum += values[from[k]!]!;
          values[i] = sum;
          break;
        }
        case Op.Mul: {
          let product = values[from[first[i]!]!]!;
          for (let k = first[i]! + 1; k < last[i]!; k++) product *= values[from[k]!]!;
          values[i] = product;
          break;
        }
        case Op.Power: values[i] = portablePower(values[from[first[i]!]!]!, values[from[first[i]! + 1]!]!); break;
        case Op.Call: values[i] = calls[i]!(values[from[first[i]!]!]!); break;
      }
    }
    return outputs.map((o) => values[o]!);
  };
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
