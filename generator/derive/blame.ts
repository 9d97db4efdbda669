/**
 * Which field of a derivation a failure of the algebra comes from. The derivation
 * differentiates whole objectives, so nerdamer's failure, or a formula that divides by zero
 * at the equilibrium, names no field. Only then (the cost is paid on failure alone) each
 * specialised term, and the activation, is differentiated on its own, and the error names
 * the first one at fault, its field and its text.
 */
import * as E from '../ir/expr.js';
import { substitute } from '../ir/traverse.js';
import type { Expr } from '../ir/expr.js';
import { DerivationError } from '../load/errors.js';
import { objectivesField } from '../game.js';
import type { LoadedGame } from '../load/load.js';
import { toNerdamer } from '../cas/text.js';
import { specialise } from '../specialise/dirac.js';
import type { DiracGame } from '../specialise/dirac.js';
import { CasError, differentiate } from '../cas/differentiate.js';
import { derive, powerOfZeroProblem } from './derive.js';
import type { Derivation } from './derive.js';

const ORIGIN = new Map([['theta', E.ZERO], ['phi', E.ZERO], ['t', E.ZERO]]);

/** Why e has no value at the origin (0 to a negative power, or to a power in the hyperparameters), or undefined. */
function undefinedAtOrigin(e: Expr): string | undefined {
  let atOrigin: Expr;
  try {
    atOrigin = substitute(e, ORIGIN);
  } catch (error) {
    if (error instanceof RangeError) return 'division by zero';
    throw error;
  }
  return powerOfZeroProblem(atOrigin);
}

/** The first problem with e and its derivatives up to `orders` in `variables`, or undefined. */
function problemOf(e: Expr, variables: readonly string[], orders: number): string | undefined {
  let level: Expr[] = [e];
  for (let order = 1; order <= orders; order++) {
    const next: Expr[] = [];
    for (const f of level) {
      for (const v of variables) {
        let d: Expr;
        try {
          d = differentiate(f, v);
        } catch (error) {
          if (error instanceof CasError) return error.message;
          throw error;
        }
        const reason = undefinedAtOrigin(d);
        if (reason) return `its derivative in ${v}, ${toNerdamer(d)}, is not defined where the derivation evaluates it (${variables.join(' = ')} = 0): ${reason}`;
        next.push(d);
      }
    }
    level = next;
  }
  return undefined;
}

/** The error naming the term or activation at fault, or undefined when none is alone. */
function blame(game: DiracGame): DerivationError | undefined {
  for (const term of game.terms) {
    const problem = problemOf(term.value, ['theta', 'phi'], 2);
    if (problem) return new DerivationError(game.file, term.field, `${problem}, in "${term.text}"`);
  }
  const spec = game.definition.activation;
  if (game.activation && typeof spec !== 'string') {
    // The Jacobians use f up to its third derivative, at D = 0.
    const problem = problemOf(game.activation, ['t'], 3);
    if (problem) return new DerivationError(game.file, 'activation.definition', `${problem}, in "${spec.definition}"`);
  }
  return undefined;
}

/** specialise then derive, with algebra failures turned into errors that name a field. */
export function deriveGame(loaded: LoadedGame): Derivation {
  let game: DiracGame;
  try {
    game = specialise(loaded);
  } catch (error) {
    // The only differentiation while specialising is D's input gradient.
    if (error instanceof CasError) throw new DerivationError(loaded.file, 'discriminator', `${error.message}, in "${loaded.definition.discriminator}"`);
    throw error;
  }
  try {
    return derive(game);
  } catch (error) {
    const unplaced = error instanceof CasError || (error instanceof DerivationError && error.field === objectivesField(game.definition));
    if (!unplaced) throw error;
    const blamed = blame(game);
    if (blamed) throw blamed;
    throw error instanceof CasError ? new DerivationError(game.file, objectivesField(game.definition), error.message) : error;
  }
}
