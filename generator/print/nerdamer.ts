/**
 * IR -> nerdamer's infix syntax. Used both to hand expressions to nerdamer and to store
 * each formula as text in the derivation records (readable, and parseable again by
 * nerdamer with the activation functions registered).
 */
import * as Q from '../ir/rational.js';
import type { Expr, FunctionName } from '../ir/expr.js';
import { PRECEDENCE, fraction, precedenceOf, termsOf } from './shape.js';

export interface NerdamerNames {
  /** Name of exp: nerdamer's own `exp`, or an opaque stand-in while differentiating. */
  readonly exp: string;
  /** Name of the k-th derivative of the activation. */
  activation(order: number): string;
}

export const activationName = (order: number): string => (order === 0 ? 'f' : order === 1 ? 'df' : `d${order}f`);
export const RECORD_NAMES: NerdamerNames = { exp: 'exp', activation: activationName };

export function toNerdamer(e: Expr, names: NerdamerNames = RECORD_NAMES): string {
  const wrap = (child: Expr, level: number): string => {
    const text = print(child);
    return precedenceOf(child) < level ? `(${text})` : text;
  };
  const functionName = (fn: FunctionName): string => (fn === 'exp' ? names.exp : fn);
  const print = (node: Expr): string => {
    switch (node.kind) {
      case 'num': return Q.toText(node.value);
      case 'sym': return node.name;
      case 'call': return `${functionName(node.fn)}(${print(node.arg)})`;
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
