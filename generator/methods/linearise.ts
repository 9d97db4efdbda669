/**
 * A method's update map linearised at an equilibrium, from its rule alone: the rule is run
 * once on expressions, with v(x) = J x and the Jacobian J (J at the equilibrium; to first
 * order that is all a rule can see, since v vanishes there), on a state of symbols; the map's
 * Jacobian M is read off the result, which is linear in them. Its rows and columns are the
 * state's coordinates: x first, then each memory.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expandWithin } from '../ir/expand.js';
import { evaluate } from '../ir/evaluate.js';
import type { Environment } from '../ir/evaluate.js';
import { symbolsOf } from '../ir/traverse.js';
import type { SquareMatrix } from '../ir/matrix.js';
import type { Matrix, MethodDefinition, Player, Scalars, State, Vector } from '../method.js';
import { runStep, stepContext } from './context.js';
import type { Variant } from './context.js';

export const EXPRESSIONS: Scalars<Expr> = {
  constant: (value) => E.num(value),
  add: (...terms) => E.add(...terms),
  sub: E.sub,
  mul: (...factors) => E.mul(...factors),
  div: E.div,
};

/** The learning rates' symbols: h_G and h_D (one rate h is h_g = h_d = h). */
export const RATE_SYMBOLS: Readonly<Record<Player, string>> = { generator: 'h_g', discriminator: 'h_d' };

export class NotLinearError extends Error {}

/** Entries and coefficients are multiplied out up to this many terms: beyond, they are kept
 * as products (lookahead's k steps), exact but not worth reading term by term. */
export const EXPANDED_TERMS = 120;

/** Values for every symbol of the expressions, fixed pseudo-random numbers in [0.3, 1.3]. */
function sampleEnvironment(exprs: readonly Expr[]): Environment {
  const names = [...new Set(exprs.flatMap((e) => [...symbolsOf(e)]))].sort();
  return { symbols: Object.fromEntries(names.map((name, i) => [name, 0.3 + ((i * 0.6180339887498949) % 1)])), activation: (order, x) => 0.5 + 0.1 * order + 0.01 * x };
}

/**
 * M, the update map's Jacobian at the equilibrium, for the Jacobian J of the field there. The
 * map is linear once v is J x, so its k-th column is the image of the k-th unit state; the
 * images of 0 and of twice that unit state check it: 0, and twice the column (a rule that
 * multiplied two state-dependent quantities would fail the second).
 */
export function updateMatrix(method: MethodDefinition, variant: Variant, j: Matrix<Expr>, players: readonly Player[], counts: Readonly<Record<string, number>>): SquareMatrix {
  const names = ['x', ...method.memory];
  const size = names.length * players.length;
  const times = (u: Vector<Expr>): Vector<Expr> => j.map((row) => E.add(...row.map((x, k) => E.mul(x, u[k]!))));
  const context = stepContext({
    scalars: EXPRESSIONS,
    v: times,
    jacobian: () => j,
    rates: { generator: E.sym(RATE_SYMBOLS.generator), discriminator: E.sym(RATE_SYMBOLS.discriminator) },
    p: Object.fromEntries(Object.keys(method.hyperparameters ?? {}).map((name) => [name, E.sym(name)])),
    counts,
    players,
  });
  const image = (k: number, scale: Expr): Expr[] => {
    const unit = Array.from({ length: size }, (_, i) => (i === k ? scale : E.ZERO));
    const state: State<Expr> = Object.fromEntries(names.map((name, n) => [name, unit.slice(n * players.length, (n + 1) * players.length)]));
    const next = runStep(method, variant, state, context);
    return names.flatMap((name) => [...next[name]!]);
  };
  const where = (i: number): string => `${names[Math.floor(i / players.length)]}[${i % players.length}]`;
  // Checked at numbers drawn once for every symbol (exact identities hold there; a rule that is
  // not linear, or moves the equilibrium, fails at all but a null set of them).
  const at = sampleEnvironment([...j.flat(), ...image(0, E.ONE)]);
  image(0, E.ZERO).forEach((e, i) => { if (Math.abs(evaluate(e, at)) > 1e-9) throw new NotLinearError(`the update of ${where(i)} does not keep the equilibrium fixed`); });
  const columns = Array.from({ length: size }, (_, k) => {
    const column = image(k, E.ONE);
    image(k, E.num(2)).forEach((e, i) => {
      const [twice, once] = [evaluate(e, at), evaluate(column[i]!, at)];
      if (Math.abs(twice - 2 * once) > 1e-9 * (1 + Math.abs(twice))) throw new NotLinearError(`the update of ${where(i)} is not linear in the state near the equilibrium`);
    });
    return column.map((entry) => expandWithin(entry, EXPANDED_TERMS));
  });
  return columns[0]!.map((_, i) => columns.map((column) => column[i]!));
}
