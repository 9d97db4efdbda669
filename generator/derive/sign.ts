/**
 * A small sign analysis, enough to decide verdicts symbolically: the hyperparameters are
 * positive (their ranges start above 0), an even power is non-negative, and the
 * activation's derivatives at the equilibrium are assumed non-zero (the verdict states
 * this assumption; f'(0) = 0 would make the discriminator blind at the equilibrium). The
 * sign of an elementary function from its argument's is the vocabulary's.
 */
import * as Q from '../ir/rational.js';
import type { Expr } from '../ir/expr.js';
import { functionNamed } from '../vocabulary/functions.js';
import type { Sign } from '../vocabulary/functions.js';

export function signOf(e: Expr, positiveSymbols: ReadonlySet<string>): Sign {
  switch (e.kind) {
    case 'num': return Q.sign(e.value) > 0 ? 'positive' : Q.sign(e.value) < 0 ? 'negative' : 'zero';
    case 'sym': return positiveSymbols.has(e.name) ? 'positive' : 'unknown';
    case 'activation': return e.arg.kind === 'num' ? 'nonzero' : 'unknown';
    case 'call': return functionNamed(e.fn).sign(signOf(e.arg, positiveSymbols));
    case 'pow': {
      const base = signOf(e.base, positiveSymbols);
      if (e.exponent.kind === 'num' && Q.isInteger(e.exponent.value)) {
        const even = e.exponent.value.num % 2n === 0n;
        if (base === 'positive' || base === 'zero') return base;
        if (base === 'nonzero' || base === 'negative') return even ? 'positive' : base;
        return 'unknown';
      }
      return base === 'positive' ? 'positive' : 'unknown';
    }
    case 'mul': {
      let negative = false;
      let signUnknown = false;
      for (const factor of e.factors) {
        const s = signOf(factor, positiveSymbols);
        if (s === 'zero' || s === 'unknown') return s;
        if (s === 'nonzero') signUnknown = true;
        if (s === 'negative') negative = !negative;
      }
      return signUnknown ? 'nonzero' : negative ? 'negative' : 'positive';
    }
    case 'add': {
      const signs = new Set(e.terms.map((t) => signOf(t, positiveSymbols)));
      if (signs.size === 1) {
        const [only] = signs;
        return only === 'nonzero' ? 'unknown' : only!;
      }
      return 'unknown';
    }
  }
}
