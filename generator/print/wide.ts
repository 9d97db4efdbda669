/**
 * IR -> TypeScript in unbounded-exponent arithmetic (runtime/wide.ts): the checked
 * evaluators' fallback where the double-precision formula overflows on the way to its value.
 *
 * The same shapes as ts.ts (the same operations in the same order, so each rounds where the
 * double code rounds), each written as a call of the runtime's `wide`: a + b ->
 * wide.add(a, b), a * b / c -> wide.div(wide.mul(a, b), c). A named sub-expression (a
 * temporary of CSE, a sum over the noise) holds a wide value; a symbol (theta, phi, a
 * hyperparameter, the noise at a node) holds a double, converted where it is used.
 */
import type { Expr } from '../ir/expr.js';
import type { wide } from '../../runtime/wide.js';
import { ACTIVATION_NAMES } from '../vocabulary/activation.js';
import type { FunctionName } from '../vocabulary/functions.js';
import { literalText, shapeOf } from './ts.js';
import type { Names, Shape } from './ts.js';

type WideOperation = keyof typeof wide;

/** The runtime's operation for each call the double code makes: every elementary function
 * (a new one fails to compile here until it has a wide form), and the printer's own calls. */
const WIDE_CALLS: Readonly<Record<FunctionName | 'sqrt' | 'pow' | 'sigmoidDifference', WideOperation>> = {
  exp: 'exp', log: 'log', abs: 'abs', sign: 'sign', softplus: 'softplus', sigmoid: 'sigmoid', relu: 'relu', step: 'step',
  sqrt: 'sqrt', pow: 'pow', sigmoidDifference: 'sigmoidDifference',
};

const call = (operation: WideOperation, ...args: string[]): string => `wide.${operation}(${args.join(', ')})`;

function render(shape: Shape, operand: (e: Expr) => string): string {
  switch (shape.op) {
    case 'literal': return call('of', literalText(shape.value));
    case 'name': return call('of', shape.text);
    case 'negate': return call('neg', operand(shape.operand));
    case 'sum': return shape.terms.reduce((sum, t, i) => {
      const term = operand(t.operand);
      if (i === 0) return t.negative ? call('neg', term) : term;
      return call(t.negative ? 'sub' : 'add', sum, term);
    }, '');
    case 'product': {
      const product = (factors: readonly Expr[]): string => (factors.length === 1 ? operand(factors[0]!) : call('mul', ...factors.map(operand)));
      const top = shape.numerator.length === 0 ? call('of', '1') : product(shape.numerator);
      return shape.denominator.length === 0 ? top : call('div', top, product(shape.denominator));
    }
    case 'power': return call('mul', ...Array<string>(shape.times).fill(operand(shape.base)));
    // The same choice as the double code's, on the wide condition.
    case 'select': {
      const [condition, value, zero] = [operand(shape.condition), operand(shape.value), call('of', '0')];
      return shape.keepsNaN ? `${call('notPositive', condition)} ? ${zero} : ${value}` : `${call('positive', condition)} ? ${value} : ${zero}`;
    }
    case 'call': {
      const args = shape.args.map(operand);
      // f^(k) of an abstract activation: the caller's function of a double.
      if (ACTIVATION_NAMES.includes(shape.name)) return call('apply', shape.callee, ...args);
      const operation = WIDE_CALLS[shape.name as keyof typeof WIDE_CALLS];
      if (operation === undefined) throw new Error(`no wide form of the call ${shape.callee}`);
      return call(operation, ...args);
    }
  }
}

/** `wideNames`: the symbols that hold wide values (sums over the noise). */
function printer(names: Names, wideNames: ReadonlySet<string>): (e: Expr) => string {
  const operand = (e: Expr): string => {
    const name = names.get(e);
    if (name !== undefined) return name;
    if (e.kind === 'sym' && wideNames.has(e.name)) return e.name;
    return render(shapeOf(e), operand);
  };
  return operand;
}

/** e as a wide value. */
export const toWideTs = (e: Expr, names: Names, wideNames: ReadonlySet<string> = new Set()): string => printer(names, wideNames)(e);

/** The definition of a temporary: its own operation, on the named sub-expressions. */
export const definitionToWideTs = (e: Expr, names: Names, wideNames: ReadonlySet<string> = new Set()): string => render(shapeOf(e), printer(names, wideNames));
