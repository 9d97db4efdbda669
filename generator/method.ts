/**
 * The shape of a training-method file. Each file in `methods/` default-exports
 * `defineMethod({...})`: one update rule, written once as code over an abstract scalar type,
 * so that the same rule is run on numbers (simulations, step functions) and on symbolic
 * expressions (its linearisation at an equilibrium, generator/methods/), and no analysis of a
 * method is written anywhere else.
 *
 * A rule acts on a state: the point x (every player's parameters) and the memory the method
 * carries between steps (a previous iterate, a momentum buffer), each a point of the same
 * space, all equal to x at the start. It sees the game only through its vector field v (the
 * direction each player descends its own objective) and v's Jacobian, and its learning
 * rates through `step(u)`, which scales each player's part of u by that player's rate
 * (h_G, h_D: two time scales for every method). The Gauss-Seidel (alternating) variant of
 * every rule is built from the rule itself: the generator's part of a step, then the
 * discriminator's part of a step taken from the state the generator left.
 */
import type { Hyperparameter, Player, Text } from './game.js';

export type { Player, Text } from './game.js';

/** A point, or any vector of the game's parameters, one entry per parameter. */
export type Vector<T> = readonly T[];
/** A square matrix over the game's parameters, by rows. */
export type Matrix<T> = readonly (readonly T[])[];

/** The arithmetic a rule may use: the rule runs on numbers and on expressions alike. */
export interface Scalars<T> {
  constant(value: number): T;
  add(...terms: T[]): T;
  sub(a: T, b: T): T;
  mul(...factors: T[]): T;
  div(a: T, b: T): T;
  /** The non-negative square root (Adam's and RMSProp's normalisation). */
  sqrt(a: T): T;
}

/** What a rule is given for one step. */
export interface StepContext<T> {
  readonly scalars: Scalars<T>;
  /** The game's vector field at a point. */
  v(x: Vector<T>): Vector<T>;
  /** The Jacobian of v at a point: J[i][j] = d v_i / d x_j. */
  jacobian(x: Vector<T>): Matrix<T>;
  /** u with each player's part scaled by that player's learning rate (h_G, h_D). */
  step(u: Vector<T>): Vector<T>;
  /** A player's learning rate. */
  rate(player: Player): T;
  /** The method's hyperparameters that are real numbers. */
  readonly p: Readonly<Record<string, T>>;
  /** The method's integer hyperparameters (step counts): they shape the rule, so they are numbers. */
  readonly counts: Readonly<Record<string, number>>;
  /** The player each parameter belongs to. */
  readonly players: readonly Player[];
  add(...vectors: Vector<T>[]): Vector<T>;
  sub(a: Vector<T>, b: Vector<T>): Vector<T>;
  scale(k: T | number, u: Vector<T>): Vector<T>;
  matrixTimes(m: Matrix<T>, u: Vector<T>): Vector<T>;
  transpose(m: Matrix<T>): Matrix<T>;
  /** The block of m whose rows are one player's parameters and columns another's. */
  block(m: Matrix<T>, rows: Player, columns: Player): Matrix<T>;
  /** One player's part of a vector. */
  part(u: Vector<T>, player: Player): Vector<T>;
  /** A vector of the whole space from each player's part. */
  join(parts: Readonly<Record<Player, Vector<T>>>): Vector<T>;
  matrixProduct(a: Matrix<T>, b: Matrix<T>): Matrix<T>;
  identity(size: number): Matrix<T>;
  matrixSum(a: Matrix<T>, b: Matrix<T>, k?: T | number): Matrix<T>;
  /** x with m x = u (Gaussian elimination; m must be invertible near the equilibrium). */
  solve(m: Matrix<T>, u: Vector<T>): Vector<T>;
}

/** A method's state: the point and its memory, by name. */
export type State<T> = Readonly<Record<string, Vector<T>>>;

/** An integer hyperparameter: a count of steps, which shapes the rule. */
export interface Count {
  readonly default: number;
  readonly range: readonly [number, number];
  readonly description: Text;
}

export interface MethodDefinition {
  /** kebab-case, the file's name. */
  readonly id: string;
  readonly title: Text;
  /** The update in words and formula, for the records and the site. */
  readonly summary: Text;
  readonly sources: readonly string[];
  /** The memory besides x, each a point carried from step to step; [] for a one-step method. */
  readonly memory: readonly string[];
  /** Where a memory starts when it does not start at x: every coordinate this number (Adam's
   * moments start at 0). */
  readonly start?: Readonly<Record<string, number>>;
  readonly hyperparameters?: Readonly<Record<string, Hyperparameter>>;
  readonly counts?: Readonly<Record<string, Count>>;
  /** One step: the next state from this one. */
  step<T>(state: State<T>, context: StepContext<T>): State<T>;
  /**
   * Why the rule has no linearisation at an equilibrium, when it has none (Adam's division by
   * the root of its second moment): the method is then simulated, never linearised.
   */
  readonly notDifferentiable?: Text;
}

/** The identity, typed: a method file's default export. */
export const defineMethod = (method: MethodDefinition): MethodDefinition => method;

/** Each of a method's real hyperparameters at its default. */
export const hyperparameterDefaults = (method: MethodDefinition): Record<string, number> =>
  Object.fromEntries(Object.entries(method.hyperparameters ?? {}).map(([name, spec]) => [name, spec.default]));

/** Each of a method's counts at its default: the rule is analysed and compiled with these. */
export const countDefaults = (method: MethodDefinition): Record<string, number> =>
  Object.fromEntries(Object.entries(method.counts ?? {}).map(([name, c]) => [name, c.default]));
