/**
 * The shape of a derivation file. Each file in `derivations/` default-exports
 * `defineGame({...})`; the loader validates it (unknown or missing fields, expressions,
 * symbols) before anything is derived.
 *
 * Expressions are nerdamer-style infix text. Inside an objective term or a regulariser:
 * - `x` is the sample the expectation runs over; in a term over `pair`, `x_real` and
 *   `x_fake` are the two samples of the pair instead;
 * - `D(x)` is the discriminator at x, `gradD(x)` its gradient with respect to the input x
 *   (`D(x_real)`, `gradD(x_fake)`, ... in a pair term);
 * - `Edata(D(x))` and `Egenerator(D(x))` are the discriminator's mean over the data and over
 *   the generator's samples (the relativistic-average losses' centring);
 * - `f(...)` is the activation;
 * - hyperparameters are used by name.
 * The Dirac-GAN specialisation (data at 0, generator at theta, D(x) = phi*x) is the
 * generator's job, not the author's: write penalties in terms of D, never as phi^2.
 */

import type { Claims, Text } from './contract/records.js';

// Shared with the records: a derivation's text and claims are copied into its record.
export type { Claims, Text, Verdict } from './contract/records.js';

/** Where an expectation is taken: the data distribution, the generator's, points on the
 * segment between a real and a generated sample (x = t*x_fake + (1-t)*x_real, t ~ U[0,1]),
 * or independent pairs of a real and a generated sample (x_real, x_fake): the relativistic
 * losses' f(D(x_fake) - D(x_real)) and penalties that mix both samples. */
export type Distribution = 'data' | 'generator' | 'interpolated' | 'pair';

/** One expectation E_{x ~ over}[of] in an objective. */
export interface ExpectationTerm {
  readonly over: Distribution;
  /** The integrand, in x, D(x), gradD(x), f and the hyperparameters. */
  readonly of: string;
  /** Instance noise: the standard deviation (an expression in the hyperparameters) of
   * Gaussian noise added to every sample, E_{x ~ over, e ~ N(0, noise^2)}[of at x + e]. */
  readonly noise?: string;
}

export type Player = 'generator' | 'discriminator';

/** A penalty on one player's objective, with the sign that makes it a penalty for that
 * player (the generator minimises, the discriminator maximises its objective). */
export interface ExpectationPenalty {
  /** May be left out in a derivation file: a penalty is an expectation unless it says otherwise. */
  readonly kind: 'expectation';
  /** Short name shown in formulas and the summary, e.g. "R_1". */
  readonly name: string;
  readonly player: Player;
  /** The weight, an expression in the hyperparameters, e.g. "gamma/2". */
  readonly weight: string;
  readonly term: ExpectationTerm;
}

/** Consensus optimisation (Mescheder et al. 2017): both players are penalised by
 * weight * 1/2 ||v||^2, with v the vector field of the unregularised game. */
export interface ConsensusPenalty {
  readonly kind: 'consensus';
  readonly name: string;
  readonly weight: string;
}

export type Regulariser = ExpectationPenalty | ConsensusPenalty;

export interface Hyperparameter {
  /** The value used by the evaluators, the summary and the pictures. */
  readonly default: number;
  /** The range the tests and the site's sliders explore: [min, max] with min < max, any sign. */
  readonly range: readonly [number, number];
  readonly description: Text;
}

/** The concrete activation f(t); 'abstract' to keep f symbolic throughout; 'none' when the
 * objectives do not use f (least-squares and hinge losses are written in D directly). */
export type ActivationSpec = { readonly definition: string } | 'abstract' | 'none';

/** A projection applied after every training step: the parameter is clipped to
 * [-bound, bound] (WGAN's weight clipping). */
export interface Clip {
  readonly kind: 'clip';
  readonly parameter: 'theta' | 'phi';
  /** An expression in the hyperparameters. */
  readonly bound: string;
}

/** A game's or a method's id: kebab-case, starting with a letter, its file's name. The
 * generated index exports each game under its id in camelCase (namespaceOf), so an id is one
 * that makes a TypeScript name. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** What ID_PATTERN asks, as messages say it. */
export const ID_RULE = 'kebab-case, starting with a letter: lower-case letters, digits and - (e.g. gan-r1)';

/** gan-r1 -> ganR1: the name generated/index.ts exports a game's module under (and methods.ts a method's steps). */
export const namespaceOf = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The first id of `ids` that the index would export under the name of an id before it (gan-r1,
 * then gan-r-1: both ganR1), with that other id and the name. */
export function exportNameClash(ids: readonly string[]): { readonly id: string; readonly other: string; readonly name: string } | undefined {
  const seen = new Map<string, string>();
  for (const id of ids) {
    const name = namespaceOf(id);
    const other = seen.get(name);
    if (other !== undefined) return { id, other, name };
    seen.set(name, id);
  }
  return undefined;
}

/** The file a game of that id is loaded from, as messages name it: derivations/<id>.ts. */
export const derivationFile = (id: string): string => `derivations/${id}.ts`;

/** The fields whose strings are expressions, wherever they occur (the claims' bounds, keyed by
 * method, aside): what an editor highlights as such. */
export const EXPRESSION_FIELDS: readonly string[] = ['definition', 'discriminator', 'of', 'noise', 'weight', 'bound', 're', 'im', 'invariant'];

/** D(x) on the Dirac-GAN, the default discriminator. */
export const DIRAC_GAN_DISCRIMINATOR = 'phi*x';

/** Each player's objective as a sum of expectations, before regularisation. */
export interface Objectives {
  readonly generator: readonly ExpectationTerm[];
  readonly discriminator: readonly ExpectationTerm[];
}

/** A game as a derivation file writes it. Fields with a common value may be left out:
 * `discriminator` is the Dirac-GAN's phi*x, `slots`, `regularisers`, `constraints` and `hyperparameters`
 * are empty, and a regulariser's `kind` is 'expectation'. A zero-sum game writes its one
 * objective (the generator minimises it, the discriminator maximises it) as `objective`;
 * any other game gives each player's as `objectives`. The named pieces of pieces.ts (the
 * standard activations, the GAN objective, R1, R2, ...) are values of these fields. */
export type GameInput = GameFields & ({ readonly objective: readonly ExpectationTerm[]; readonly objectives?: never } | { readonly objectives: Objectives; readonly objective?: never });

interface GameFields {
  /** Kebab-case id; the file name, the generated module's name and the page's slug. */
  readonly id: string;
  readonly title: Text;
  readonly summary: Text;
  /** Publications the game comes from. */
  readonly sources: readonly string[];
  /** Ids of the article's equation slots (equation-slots.md) this game's formulas fill. */
  readonly slots?: readonly string[];
  readonly activation: ActivationSpec;
  /** D(x) as an expression in x and phi; phi*x when absent. */
  readonly discriminator?: string;
  readonly regularisers?: readonly (Omit<ExpectationPenalty, 'kind'> & { readonly kind?: 'expectation' } | ConsensusPenalty)[];
  /** Projections applied after each training step. */
  readonly constraints?: readonly Clip[];
  readonly hyperparameters?: Readonly<Record<string, Hyperparameter>>;
  readonly claims: Claims;
}

/** A game as the generator sees it: a derivation file's GameInput with every default filled
 * in (the loader does it, load/schema.ts). */
export interface GameDefinition {
  readonly id: string;
  readonly title: Text;
  readonly summary: Text;
  readonly sources: readonly string[];
  readonly slots: readonly string[];
  readonly activation: ActivationSpec;
  readonly discriminator: string;
  readonly objectives: Objectives;
  /** The file wrote one `objective` for both players: messages name that field. */
  readonly zeroSum: boolean;
  readonly regularisers: readonly Regulariser[];
  readonly constraints: readonly Clip[];
  readonly hyperparameters: Readonly<Record<string, Hyperparameter>>;
  readonly claims: Claims;
}

/** The field a message about the objectives names: the one the file wrote. */
export const objectivesField = (definition: GameDefinition): string => (definition.zeroSum ? 'objective' : 'objectives');

/** Identity with a type: gives a derivation file completion and checking in the editor. */
export const defineGame = (game: GameInput): GameInput => game;
