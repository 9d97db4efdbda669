/**
 * A method's step, run: the context a rule sees (vector and matrix arithmetic over any
 * scalar type), and the Gauss-Seidel variant built from the rule. The same code runs the
 * rule on numbers (simulation) and on expressions (linearisation, linearise.ts).
 */
import type { Matrix, MethodDefinition, Player, Scalars, State, StepContext, Vector } from '../method.js';

/** How training runs a rule: every player at once, or the generator then the discriminator. */
export const VARIANTS = ['simultaneous', 'alternating'] as const;
export type Variant = (typeof VARIANTS)[number];

/** The arithmetic of numbers, for rules run on numbers (the linearity check, simulations). */
export const NUMBERS: Scalars<number> = {
  constant: (value) => value,
  add: (...terms) => terms.reduce((sum, t) => sum + t, 0),
  sub: (a, b) => a - b,
  mul: (...factors) => factors.reduce((product, f) => product * f, 1),
  div: (a, b) => a / b,
  sqrt: Math.sqrt,
};

export interface ContextInputs<T> {
  readonly scalars: Scalars<T>;
  readonly v: (x: Vector<T>) => Vector<T>;
  readonly jacobian: (x: Vector<T>) => Matrix<T>;
  /** Each player's learning rate. */
  readonly rates: Readonly<Record<Player, T>>;
  readonly p: Readonly<Record<string, T>>;
  readonly counts: Readonly<Record<string, number>>;
  readonly players: readonly Player[];
}

/** `values` where reading a name it lacks is an error naming the ones it has, not undefined. */
function declared<V>(values: Readonly<Record<string, V>>, what: string): Readonly<Record<string, V>> {
  return new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string' && !(name in target)) throw new Error(`the method declares no ${what} '${name}' (it declares ${Object.keys(target).map((n) => `'${n}'`).join(', ') || 'none'})`);
      return target[name as string];
    },
  });
}

export function stepContext<T>(inputs: ContextInputs<T>): StepContext<T> {
  const { scalars: s, players } = inputs;
  const lift = (k: T | number): T => (typeof k === 'number' ? s.constant(k) : k);
  const indices = (player: Player): number[] => players.flatMap((owner, i) => (owner === player ? [i] : []));
  const matrixTimes = (m: Matrix<T>, u: Vector<T>): Vector<T> => m.map((row) => s.add(...row.map((x, j) => s.mul(x, u[j]!))));
  const identity = (size: number): Matrix<T> => Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => s.constant(i === j ? 1 : 0)));
  return {
    scalars: s,
    v: inputs.v,
    jacobian: inputs.jacobian,
    step: (u) => u.map((x, i) => s.mul(inputs.rates[players[i]!], x)),
    rate: (player) => inputs.rates[player],
    p: declared(inputs.p, 'hyperparameter'),
    counts: declared(inputs.counts, 'count'),
    players,
    add: (...vectors) => vectors[0]!.map((_, i) => s.add(...vectors.map((u) => u[i]!))),
    sub: (a, b) => a.map((x, i) => s.sub(x, b[i]!)),
    scale: (k, u) => u.map((x) => s.mul(lift(k), x)),
    matrixTimes,
    transpose: (m) => m[0]!.map((_, j) => m.map((row) => row[j]!)),
    block: (m, rows, columns) => indices(rows).map((i) => indices(columns).map((j) => m[i]![j]!)),
    part: (u, player) => indices(player).map((i) => u[i]!),
    join: (parts) => {
      const cursor: Record<Player, number> = { generator: 0, discriminator: 0 };
      return players.map((player) => parts[player][cursor[player]++]!);
    },
    matrixProduct: (a, b) => a.map((row) => b[0]!.map((_, j) => s.add(...row.map((x, k) => s.mul(x, b[k]![j]!))))),
    identity,
    matrixSum: (a, b, k = 1) => a.map((row, i) => row.map((x, j) => s.add(x, s.mul(lift(k), b[i]![j]!)))),
    solve: (m, u) => solve(s, m, u),
  };
}

/** Gaussian elimination without pivoting by value: the pivots are the leading minors, which
 * near an equilibrium are those of a small perturbation of the identity in every rule here. */
function solve<T>(s: Scalars<T>, m: Matrix<T>, u: Vector<T>): Vector<T> {
  const n = u.length;
  const a = m.map((row, i) => [...row, u[i]!]);
  for (let k = 0; k < n; k++) {
    for (let i = k + 1; i < n; i++) {
      const factor = s.div(a[i]![k]!, a[k]![k]!);
      for (let j = k; j <= n; j++) a[i]![j] = s.sub(a[i]![j]!, s.mul(factor, a[k]![j]!));
    }
  }
  const x: T[] = new Array<T>(n);
  for (let i = n - 1; i >= 0; i--) {
    const known = a[i]!.slice(i + 1, n).map((c, j) => s.mul(c, x[i + 1 + j]!));
    x[i] = s.div(s.sub(a[i]![n]!, s.add(...known)), a[i]![i]!);
  }
  return x;
}

/** One step of a method in a variant. Alternating: the rule's step for the generator's
 * parameters (of x and of every memory), then the rule's step from that state for the
 * discriminator's. */
export function runStep<T>(method: MethodDefinition, variant: Variant, state: State<T>, context: StepContext<T>): State<T> {
  const first = method.step(state, context);
  if (variant === 'simultaneous') return first;
  const owned = (player: Player, from: State<T>, otherwise: State<T>): State<T> =>
    Object.fromEntries(Object.keys(otherwise).map((name) => [name, otherwise[name]!.map((x, i) => (context.players[i] === player ? from[name]![i]! : x))]));
  const afterGenerator = owned('generator', first, state);
  return owned('discriminator', method.step(afterGenerator, context), afterGenerator);
}

/** The state a run starts from: x, and every memory equal to x unless the method starts it elsewhere. */
export const initialState = <T>(method: MethodDefinition, x: Vector<T>, scalars: Scalars<T>): State<T> =>
  Object.fromEntries([['x', x], ...method.memory.map((name) => {
    const start = method.start?.[name];
    return [name, start === undefined ? x : x.map(() => scalars.constant(start))] as const;
  })]);
