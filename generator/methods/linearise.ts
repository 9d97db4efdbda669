/**
 * A method's update map linearised at an equilibrium, from its rule alone: the rule is run
 * on expressions, with v(x) = J x and the Jacobian J (J at the equilibrium; to first order
 * that is all a rule can see, since v vanishes there), on each unit state; the images are M's
 * columns. Its rows and columns are the state's coordinates: x first, then each memory.
 */
import * as E from '../ir/expr.js';
import type { Expr } from '../ir/expr.js';
import { expandWithin } from '../ir/expand.js';
import type { SquareMatrix } from '../ir/matrix.js';
import type { Matrix, MethodDefinition, Player, Scalars, State, Vector } from '../method.js';
import { NUMBERS, runStep, stepContext } from './context.js';
import type { Variant } from './context.js';

export const EXPRESSIONS: Scalars<Expr> = {
  constant: (value) => E.num(value),
  add: (...terms) => E.add(...terms),
  sub: E.sub,
  mul: (...factors) => E.mul(...factors),
  div: E.div,
  sqrt: E.sqrt,
};

/** The learning rates' symbols: h_G and h_D (one rate h is h_g = h_d = h). */
export const RATE_SYMBOLS: Readonly<Record<Player, string>> = { generator: 'h_g', discriminator: 'h_d' };

export class NotLinearError extends Error {
  /** The rule returned a state of the wrong shape: a mistake, not a property of the rule. */
  constructor(message: string, readonly shape = false) {
    super(message);
  }
}

/** Entries and coefficients are multiplied out up to this many terms: beyond, they are kept
 * as products (lookahead's k steps), exact but not worth reading term by term. */
export const EXPANDED_TERMS = 120;


/** A fixed pseudo-random number in [0.3, 1.3] for each index. */
const sample = (i: number): number => 0.3 + ((i * 0.6180339887498949) % 1);

/** What a rule returned, for an error: its keys and lengths, not its numbers. */
const describe = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? `{ ${Object.entries(value).map(([k, v]) => `${k}: ${Array.isArray(v) ? `${v.length} entries` : typeof v}`).join(', ')} }`
    : String(value);

/**
 * Whether the rule is linear in the state once v is linear, checked on numbers (J, the rates
 * and the hyperparameters drawn once): the image of 0 is 0, and the image of twice a unit
 * state is twice the unit state's. A rule that moved the equilibrium, or multiplied two
 * state-dependent quantities, fails at all but a null set of draws.
 */
export function checkLinear(method: MethodDefinition, variant: Variant, players: readonly Player[], counts: Readonly<Record<string, number>>, names: readonly string[]): void {
  const size = names.length * players.length;
  const j = players.map((_, r) => players.map((__, c) => sample(r * players.length + c) - 0.8));
  const context = stepContext<number>({
    scalars: NUMBERS,
    v: (u) => j.map((row) => row.reduce((sum, x, k) => sum + x * u[k]!, 0)),
    jacobian: () => j,
    rates: { generator: sample(20), discriminator: sample(21) },
    p: Object.fromEntries(Object.keys(method.hyperparameters ?? {}).map((name, i) => [name, sample(30 + i) - 0.8])),
    counts,
    players,
  });
  const image = (k: number, scale: number): number[] => {
    const unit = Array.from({ length: size }, (_, i) => (i === k ? scale : 0));
    const next: unknown = runStep(method, variant, Object.fromEntries(names.map((name, n) => [name, unit.slice(n * players.length, (n + 1) * players.length)])), context);
    const shape = (value: unknown): value is Record<string, number[]> =>
      typeof value === 'object' && value !== null && Object.keys(value).sort().join() === [...names].sort().join()
      && names.every((name) => { const v = (value as Record<string, unknown>)[name]; return Array.isArray(v) && v.length === players.length && v.every((x) => typeof x === 'number'); });
    if (!shape(next)) throw new NotLinearError(`the rule must return { ${names.join(', ')} }, each a point of ${players.length} numbers; it returned ${describe(next)}`, true);
    return names.flatMap((name) => [...next[name]!]);
  };
  const where = (i: number): string => `${names[Math.floor(i / players.length)]}[${i % players.length}]`;
  image(0, 0).forEach((x, i) => { if (Math.abs(x) > 1e-12) throw new NotLinearError(`the update of ${where(i)} does not keep the equilibrium fixed`); });
  for (let k = 0; k < size; k++) {
    const [once, twice] = [image(k, 1), image(k, 2)];
    twice.forEach((x, i) => {
      if (!(Math.abs(x - 2 * once[i]!) <= 1e-9 * (1 + Math.abs(x)))) throw new NotLinearError(`the update of ${where(i)} is not linear in the state near the equilibrium`);
    });
  }
}

/**
 * M, the update map's Jacobian at the equilibrium, for the Jacobian J of the field there. The
 * map is linear once v is J x (checkLinear), so its k-th column is the image of the k-th unit state.
 */
export function updateMatrix(method: MethodDefinition, variant: Variant, j: Matrix<Expr>, players: readonly Player[], counts: Readonly<Record<string, number>>): SquareMatrix {
  const names = ['x', ...method.memory];
  checkLinear(method, variant, players, counts, names);
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
  const columns = Array.from({ length: size }, (_, k) => {
    const unit = Array.from({ length: size }, (_, i) => (i === k ? E.ONE : E.ZERO));
    const state: State<Expr> = Object.fromEntries(names.map((name, n) => [name, unit.slice(n * players.length, (n + 1) * players.length)]));
    const next = runStep(method, variant, state, context);
    return names.flatMap((name) => [...next[name]!]).map((entry) => expandWithin(entry, EXPANDED_TERMS));
  });
  return columns[0]!.map((_, i) => columns.map((column) => column[i]!));
}
