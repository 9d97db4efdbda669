/**
 * Numeric evaluation of the IR in double precision: the generator uses it for figures at
 * the default hyperparameters (summary, records) and the tests use it to read derived
 * formulas; the generated evaluators are what programs should call.
 */
import * as Q from './rational.js';
import type { Expr } from './expr.js';
import { functionNamed } from '../vocabulary/functions.js';
import { fixedSymbolValue } from '../vocabulary/symbols.js';
import { nodesOf } from './traverse.js';
import { LARGEST_MULTIPLIED, portablePower } from '../../runtime/portable.js';

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
        const v = env.symbols[node.name] ?? fixedSymbolValue(node.name);
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

/** How a program computes a node. */
const Op = { Value: 0, Variable: 1, Add: 2, Mul: 3, Power: 4, Call: 5 } as const;

/**
 * Expressions as a flat program over the named variables, one slot per distinct node in an
 * order where each comes after its operands (a node the expressions share is computed once):
 * every other symbol and f read from `env` once, here. numericFunction compiles it,
 * numericFunctions interprets it; both do the same operations in the same order.
 */
interface Program {
  readonly ops: Int32Array;
  /** Per slot: a variable's index, or its operands' range [first, last) in `operands`. */
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly operands: Int32Array;
  /** Per slot: a constant's value (Value slots). */
  readonly constants: Float64Array;
  /** Per slot: the function a Call slot applies. */
  readonly calls: readonly ((x: number) => number)[];
  readonly outputs: readonly number[];
}

function programOf(es: readonly Expr[], variables: readonly string[], env: Environment): Program {
  const order = [...new Set(es.flatMap((e) => nodesOf(e)))];
  const slot = new Map(order.map((node, i) => [node, i]));
  const [ops, first, last] = [new Int32Array(order.length), new Int32Array(order.length), new Int32Array(order.length)];
  const constants = new Float64Array(order.length);
  const operands: number[] = [];
  const calls: ((x: number) => number)[] = [];
  order.forEach((node, i) => {
    const take = (children: readonly Expr[]): void => {
      first[i] = operands.length;
      for (const child of children) operands.push(slot.get(child)!);
      last[i] = operands.length;
    };
    switch (node.kind) {
      case 'num': [ops[i], constants[i]] = [Op.Value, Q.toNumber(node.value)]; break;
      case 'sym': {
        const index = variables.indexOf(node.name);
        if (index >= 0) [ops[i], first[i]] = [Op.Variable, index];
        else {
          const known = env.symbols[node.name] ?? fixedSymbolValue(node.name);
          if (known === undefined) throw new Error(`no value for symbol '${node.name}'`);
          [ops[i], constants[i]] = [Op.Value, known];
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
  return { ops, first, last, operands: Int32Array.from(operands), constants, calls, outputs: es.map((e) => slot.get(e)!) };
}

/**
 * `const target = base ** n;` for a whole n up to portablePower's limit, as the statements of
 * portablePower's own products in its order (so the same number, bit for bit), each square
 * computed once; undefined for any other n. The Schur conditions raise the characteristic
 * polynomial's coefficients to such powers, and calling portablePower for each took most of
 * their time.
 */
function integerPowerLines(target: string, base: string, n: number): string[] | undefined {
  if (!Number.isInteger(n) || Math.abs(n) > LARGEST_MULTIPLIED) return undefined;
  const lines: string[] = [];
  let square = base;
  if (n < 0) {
    lines.push(`const ${target}_s0 = 1 / ${base};`);
    square = `${target}_s0`;
  }
  let result: string | undefined;
  for (let m = Math.abs(n), k = 1; m > 0; m >>= 1, k++) {
    if (m & 1) result = result === undefined ? square : `${result} * ${square}`;
    if (m > 1) {
      lines.push(`const ${target}_s${k} = ${square} * ${square};`);
      square = `${target}_s${k}`;
    }
  }
  return [...lines, `const ${target} = ${result === undefined ? '1' : result};`];
}

/**
 * e as a function of the named variables (in that order), every other symbol and f taken from
 * `env`: its program compiled once into straight-line JavaScript, so that V8 optimises the
 * whole. For the few expressions evaluated millions of times (the Schur conditions of a degree).
 */
export function numericFunction(e: Expr, variables: readonly string[], env: Environment): (values: readonly number[]) => number {
  const { ops, first, last, operands, constants, calls, outputs } = programOf([e], variables, env);
  const of = (k: number): string => `t${operands[k]}`;
  const lines = Array.from(ops, (op, i) => {
    const range = Array.from({ length: last[i]! - first[i]! }, (_, k) => of(first[i]! + k));
    switch (op) {
      case Op.Value: return `const t${i} = k[${i}];`;
      case Op.Variable: return `const t${i} = v[${first[i]}];`;
      case Op.Add: return `const t${i} = ${range.join(' + ')};`;
      case Op.Mul: return `const t${i} = ${range.join(' * ')};`;
      case Op.Power: {
        const exponent = operands[first[i]! + 1]!;
        const power = ops[exponent] === Op.Value ? integerPowerLines(`t${i}`, range[0]!, constants[exponent]!) : undefined;
        return power?.join('\n') ?? `const t${i} = pow(${range.join(', ')});`;
      }
      default: return `const t${i} = f[${i}](${range[0]});`;
    }
  });
  const body = `return (v) => {\n${lines.join('\n')}\nreturn t${outputs[0]};\n};`;
  return new Function('k', 'f', 'pow', body)(constants, calls, portablePower) as (values: readonly number[]) => number;
}

/**
 * Several expressions as one function of the named variables, returning their values in order,
 * their program interpreted, not compiled: the generator makes some two hundred of these (a
 * map's coefficients along h, for every game, method and variant), each called a few thousand
 * times, and V8 compiling and optimising each took more CPU than running it. Not reentrant (its
 * slots are one buffer): f must not call the function it is part of.
 */
export function numericFunctions(es: readonly Expr[], variables: readonly string[], env: Environment): (values: readonly number[]) => number[] {
  const { ops, first, last, operands, constants, calls, outputs } = programOf(es, variables, env);
  const values = Float64Array.from(constants);
  return (v) => {
    for (let i = 0; i < ops.length; i++) {
      switch (ops[i]) {
        case Op.Variable: values[i] = v[first[i]!]!; break;
        case Op.Add: {
          let sum = values[operands[first[i]!]!]!;
          for (let k = first[i]! + 1; k < last[i]!; k++) sum += values[operands[k]!]!;
          values[i] = sum;
          break;
        }
        case Op.Mul: {
          let product = values[operands[first[i]!]!]!;
          for (let k = first[i]! + 1; k < last[i]!; k++) product *= values[operands[k]!]!;
          values[i] = product;
          break;
        }
        case Op.Power: values[i] = portablePower(values[operands[first[i]!]!]!, values[operands[first[i]! + 1]!]!); break;
        case Op.Call: values[i] = calls[i]!(values[operands[first[i]!]!]!); break;
      }
    }
    return outputs.map((o) => values[o]!);
  };
}
