/**
 * How an expression changes when some of its symbols all change sign: it stays the same (even),
 * changes sign (odd), or neither (undefined); as double-precision arithmetic computes it, not
 * only as real numbers, up to the sign of a zero. Negation commutes exactly with +, -, *,
 * integer powers and square roots (rounding to nearest is symmetric), and with the elementary
 * functions the vocabulary marks even or odd (|u|, sign u); any function of an even argument is
 * even. A literal 0 is both. A sum that cancels is +0 at both points, not +0 and -0, and only a
 * division can turn that into a different value (1/+0 and 1/-0): so a power with a negative
 * exponent counts only where `nonzero` says its base cannot be zero (a strict sign), and then
 * nothing depends on a zero's sign. The simulations use it to run one start of each
 * mirror-image pair: a Dirac-GAN's field is odd in (theta, phi), the data being at 0
 * (methods/simulate.ts).
 */
import type { Expr } from './expr.js';
import * as Q from './rational.js';
import { functionNamed } from '../vocabulary/functions.js';

export type Parity = 'zero' | 'even' | 'odd';

/** The parity of a sum of terms of these parities (0 adds nothing). */
function sumParity(parities: readonly (Parity | undefined)[]): Parity | undefined {
  let sum: Parity = 'zero';
  for (const p of parities) {
    if (p === undefined) return undefined;
    if (p === 'zero') continue;
    if (sum === 'zero') sum = p;
    else if (sum !== p) return undefined;
  }
  return sum;
}

/** The parity of a product: odd when an odd number of its factors are. */
function productParity(parities: readonly (Parity | undefined)[]): Parity | undefined {
  if (parities.some((p) => p === undefined)) return undefined;
  if (parities.includes('zero')) return 'zero';
  return parities.filter((p) => p === 'odd').length % 2 === 1 ? 'odd' : 'even';
}

/** e's parity, given each symbol's (`symbols` answers undefined for a symbol that is neither);
 * `nonzero` tells the base of a negative power that cannot be zero (by default none can). */
export function parityOf(e: Expr, symbols: (name: string) => Parity | undefined, nonzero: (base: Expr) => boolean = () => false): Parity | undefined {
  const memo = new Map<Expr, Parity | undefined>();
  const visit = (node: Expr): Parity | undefined => {
    if (memo.has(node)) return memo.get(node);
    let parity: Parity | undefined;
    switch (node.kind) {
      case 'num': parity = Q.isZero(node.value) ? 'zero' : 'even'; break;
      case 'sym': parity = symbols(node.name); break;
      case 'add': parity = sumParity(node.terms.map(visit)); break;
      case 'mul': parity = productParity(node.factors.map(visit)); break;
      case 'pow': {
        const [base, exponent] = [visit(node.base), visit(node.exponent)];
        const division = !(node.exponent.kind === 'num' && Q.sign(node.exponent.value) >= 0);
        if (base === undefined || (exponent !== 'even' && exponent !== 'zero') || (division && !nonzero(node.base))) parity = undefined;
        else if (base !== 'odd') parity = base === 'zero' ? undefined : 'even';
        // An odd base keeps its sign through an integer power (computed by multiplication) only.
        else if (node.exponent.kind === 'num' && Q.isInteger(node.exponent.value)) parity = node.exponent.value.num % 2n === 0n ? 'even' : 'odd';
        else parity = undefined;
        break;
      }
      case 'call': {
        const argument = visit(node.arg);
        parity = argument === 'even' || argument === 'zero' ? 'even' : argument === 'odd' ? functionNamed(node.fn).parity : undefined;
        break;
      }
      case 'activation': {
        const argument = visit(node.arg);
        parity = argument === 'even' || argument === 'zero' ? 'even' : undefined;
        break;
      }
    }
    memo.set(node, parity);
    return parity;
  };
  return visit(e);
}
