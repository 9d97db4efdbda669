/**
 * IR -> nerdamer's infix syntax, the CAS bridge's text. Used both to hand expressions to
 * nerdamer and to store each formula as text in the derivation records (readable, and
 * parseable again by nerdamer with the activation functions registered).
 */
import * as Q from '../ir/rational.js';
import type { Expr, FunctionName } from '../ir/expr.js';
import { PRECEDENCE, fraction, precedenceOf, termsOf } from '../print/shape.js';
import { activationName } from '../vocabulary/activation.js';

export interface NerdamerNames {
  /** Name of an elementary function: its own, or an opaque stand-in while differentiating. */
  function(fn: FunctionName): string;
  /** Name of the k-th derivative of the activation. */
  activation(order: number): string;
}

/** The names of the records' text and of the derivations (vocabulary/). */
export const RECORD_NAMES: NerdamerNames = { function: (fn) => fn, activation: activationName };

export function toNerdamer(e: Expr, names: NerdamerNames = RECORD_NAMES): string {
  const wrap = (child: Expr, level: number): string => {
    const text = print(child);
    return precedenceOf(child) < level ? `(${text})` : text;
  };
  const print = (node: Expr): string => {
    switch (node.kind) {
      case 'num': return Q.toText(node.value);
      case 'sym': return node.name;
      case 'call': return `${names.function(node.fn)}(${print(node.arg)})`;
      case 'activation': return `${names.activation(node.order)}(${print(node.arg)})`;
      case 'add':
        return termsOf(node)
          .map((t, i) => (i === 0 ? (t.negative ? '-' : '') : t.negative ? '-' : '+') + wrap(t.magnitude, PRECEDENCE.sum + 1))
          .join('');
      case 'pow': {
        if (fraction(node).denominator.length > 0) return printProduct(node);
        return `${wrap(node.base, PRECEDENCE.power + 1)}^${wrap(node.exponent, PRECEDENCE.atom)}`;
      }
      case 'mul': return printProduct(node);
    }
  };
  const printProduct = (node: Expr): string => {
    const f = fraction(node);
    const top = [...(f.numeratorCoefficient !== 1n || f.numerator.length === 0 ? [`${f.numeratorCoefficient}`] : []), ...f.numerator.map((x) => wrap(x, PRECEDENCE.product))];
    const bottom = [...(f.denominatorCoefficient !== 1n ? [`${f.denominatorCoefficient}`] : []), ...f.denominator.map((x) => wrap(x, PRECEDENCE.power))];
    const over = bottom.length === 0 ? '' : bottom.length === 1 ? `/${bottom[0]}` : `/(${bottom.join('*')})`;
    return `${f.negative ? '-' : ''}${top.join('*')}${over}`;
  };
  return print(e);
}
