/**
 * What the site calls in a generated module (`generated/<id>.ts`), and the parameters it
 * takes. Browser-safe and free of any game: the page gets its game's evaluator from a small
 * per-game script (see build.ts), the build from generated/index.ts (evaluator.ts).
 *
 * A game that keeps the activation f abstract takes `{ activation: { d0, d1, d2, ... } }`;
 * the site draws its pictures with a sample activation and says so in the caption.
 */
import type { Eigenvalues, LearningRateBound, Method, Rates, Trajectory, TrajectoryOptions } from '../../generated/runtime/methods.js';

export type Params = Readonly<Record<string, unknown>>;

/** The global under which a game's own script (assets/games/<id>.js) leaves its evaluator. */
export const GAME_GLOBAL = '__diracGanGame';

/** The functions of a generated module that the page calls; a game's script bundles those
 * of them its module exports (a game without a Jacobian at the equilibrium has no
 * eigenvalues or spectral radius). Everything else is used by the build only. */
export const PAGE_FUNCTIONS = ['vectorFieldUnchecked', 'trajectory', 'updateEigenvalues', 'spectralRadius', 'equilibriumEigenvalues'] as const;

/** What the site calls in a generated module (generated/<id>.ts; the types are the generated
 * ones from generated/training.ts). The training functions at the equilibrium are there only
 * when the game has a Jacobian at (0, 0). */
export interface Evaluator {
  readonly defaults?: Params;
  vectorField(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  /** The field's fast path, nothing checked: the flow and the streamlets call it thousands of times a slider move. */
  vectorFieldUnchecked(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
  /** The Jacobian's fast path: the build reads J(0, 0) from it for the training methods' maps. */
  jacobianUnchecked?(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
  trajectory(method: Method, start: readonly [number, number], options: TrajectoryOptions, p: Params): Trajectory;
  equilibriumEigenvalues?(p: Params): { re: [number, number]; im: [number, number] };
  updateEigenvalues?(method: Method, rates: Rates, p: Params): Eigenvalues;
  spectralRadius?(method: Method, rates: Rates, p: Params): number;
  /** The fast path of the stability maps: one h, nothing checked (a map's cells reach half a cell past the range). */
  spectralRadiusUnchecked?(method: Method, h: number, p: Params): number;
  learningRateBound?(method: Method, p: Params): LearningRateBound;
  /** For a game that leaves f abstract: the sample activation's derivatives its pictures are drawn with (SAMPLE_GAME's). */
  readonly sampleActivation?: ActivationDerivatives;
  /** Present when the equilibrium has no Jacobian (e.g. |phi| in WGAN-GP's penalty). */
  readonly equilibriumNotDifferentiable?: string;
}

/** What a page's game script carries (PAGE_FUNCTIONS): the module without its checked field,
 * which only the build calls. */
export type PageEvaluator = Omit<Evaluator, 'vectorField'>;

/** The game whose concrete activation draws the games that leave f abstract: the standard
 * GAN's f(t) = -log(1 + e^{-t}) (Mescheder et al. 2018, section 2). Its derivatives come
 * from its generated module (`activationDerivatives`, derived by the generator), its TeX from
 * its record; the page gets them from its game's script (build.ts). */
export const SAMPLE_GAME = 'gan';

/** f, f', f'', ... as functions. */
export type ActivationDerivatives = readonly ((t: number) => number)[];

/** The parameters for an evaluator: the hyperparameter values, plus the sample activation
 * (f and its derivatives as d0, d1, ...) for a game that keeps f abstract. */
export function paramsFor(sample: ActivationDerivatives | undefined, values: Readonly<Record<string, number>>): Params {
  if (!sample) return { ...values };
  return { ...values, activation: Object.fromEntries(sample.map((d, k) => [`d${k}`, d])) };
}
