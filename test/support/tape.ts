/**
 * Derived formulas read in double precision, fast: a list of IR expressions compiled once
 * into a tape, every distinct node once with its children before it, so that evaluating
 * all the entries of a field or a Jacobian at a point is one pass over an array that
 * shares their sub-expressions. It computes what generator/ir/evaluate.ts computes (the
 * same stable sigmoid and softplus), without a Map and closures per call: the tests read
 * formulas at a million points (quadratures over noise at every point of a grid).
 */
import type { Expr, FunctionName } from '../../generator/ir/expr.js';
import { childrenOf } from '../../generator/ir/traverse.js';
import * as Q from '../../generator/ir/rational.js';

export type Activation = (order: number, x: number) => number;

const FUNCTIONS: Readonly<Record<FunctionName, (x: number) => number>> = {
  exp: Math.exp,
  log: Math.log,
  abs: Math.abs,
  sign: Math.sign,
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  relu: (x) => Math.max(0, x),
  step: (x) => (x > 0 ? 1 : 0),
};

/** One tape step: computes its node's value from the values before it. */
type Step = (values: Float64Array, symbols: Readonly<Record<string, number>>, activation: Activation | undefined) => number;

/** The entries' values at a point, in order. */
export type Tape = (symbols: Readonly<Record<string, number>>, activation?: Activation) => number[];

export function compileTape(entries: readonly Expr[]): Tape {
  const slot = new Map<Expr, number>();
  const steps: Step[] = [];
  const place = (node: Expr): number => {
    const known = slot.get(node);
    if (known !== undefined) return known;
    const children = childrenOf(node).map(place);
    steps.push(stepOf(node, children));
    slot.set(node, steps.length - 1);
    return steps.length - 1;
  };
  const outputs = entries.map(place);
  return (symbols, activation) => {
    const values = new Float64Array(steps.length);
    for (let i = 0; i < steps.length; i++) values[i] = steps[i]!(values, symbols, activation);
    return outputs.map((i) => values[i]!);
  };
}

function stepOf(node: Expr, children: readonly number[]): Step {
  switch (node.kind) {
    case 'num': {
      const value = Q.toNumber(node.value);
      return () => value;
    }
    case 'sym': {
      const { name } = node;
      return (_, symbols) => {
        const value = symbols[name];
        if (value === undefined) throw new Error(`no value for symbol '${name}'`);
        return value;
      };
    }
    case 'add': return (values) => children.reduce((sum, i) => sum + values[i]!, 0);
    case 'mul': return (values) => children.reduce((product, i) => product * values[i]!, 1);
    case 'pow': {
      const [base, exponent] = children as [number, number];
      return (values) => Math.pow(values[base]!, values[exponent]!);
    }
    case 'call': {
      const [fn, arg] = [FUNCTIONS[node.fn], children[0]!];
      return (values) => fn(values[arg]!);
    }
    case 'activation': {
      const [order, arg] = [node.order, children[0]!];
      return (values, _, activation) => {
        if (!activation) throw new Error('the expression keeps f abstract: give the environment an activation');
        return activation(order, values[arg]!);
      };
    }
  }
}
