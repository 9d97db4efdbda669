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
export const PAGE_FUNCTIONS = ['vectorField', 'trajectory', 'updateEigenvalues', 'spectralRadius', 'equilibriumEigenvalues'] as const;

/** What the site calls in a generated module (generated/<id>.ts; the types are the generated
 * ones from generated/training.ts). The training functions at the equilibrium are there only
 * when the game has a Jacobian at (0, 0). */
export interface Evaluator {
  readonly defaults?: Params;
  vectorField(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  trajectory(method: Method, start: readonly [number, number], options: TrajectoryOptions, p: Params): Trajectory;
  equilibriumEigenvalues?(p: Params): { re: [number, number]; im: [number, number] };
  updateEigenvalues?(method: Method, rates: Rates, p: Params): Eigenvalues;
  spectralRadius?(method: Method, rates: Rates, p: Params): number;
  learningRateBound?(method: Method, p: Params): LearningRateBound;
  /** Present when the equilibrium has no Jacobian (e.g. |phi| in WGAN-GP's penalty). */
  readonly equilibriumNotDifferentiable?: string;
}

/**
 * The activation used to draw a game whose f is abstract: f(t) = -log(1 + e^{-t}) = log sigma(t),
 * the standard GAN's (Mescheder et al. 2018, section 2), with its derivatives d0..d4.
 */
export const SAMPLE_ACTIVATION = {
  tex: 'f(t) = -\\log\\left(1 + e^{-t}\\right)',
  derivatives: {
    d0: (t: number): number => -(Math.max(-t, 0) + Math.log1p(Math.exp(-Math.abs(t)))),
    d1: (t: number): number => sigmoid(-t),
    d2: (t: number): number => -sigmoid(t) * sigmoid(-t),
    d3: (t: number): number => -sigmoid(t) * sigmoid(-t) * (1 - 2 * sigmoid(t)),
    d4: (t: number): number => {
      const s = sigmoid(t);
      return -s * (1 - s) * (1 - 6 * s + 6 * s * s);
    },
  },
} as const;

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** The parameters for an evaluator: the hyperparameter values, plus the sample activation
 * for a game that keeps f abstract. */
export function paramsFor(abstractActivation: boolean, values: Readonly<Record<string, number>>): Params {
  return abstractActivation ? { ...values, activation: SAMPLE_ACTIVATION.derivatives } : { ...values };
}
