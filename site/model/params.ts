/**
 * What the site calls in a generated module (`generated/<id>.ts`), and the parameters it
 * takes. Browser-safe and free of any game: the page gets its game's evaluator from a small
 * per-game script (see build.ts), the build from generated/index.ts (evaluator.ts).
 *
 * A game that keeps the activation f abstract takes `{ activation: { d0, d1, d2, ... } }`;
 * the site draws its pictures with a sample activation and says so in the caption.
 */
export type Params = Readonly<Record<string, unknown>>;

/** The global under which a game's own script (assets/games/<id>.js) leaves its evaluator. */
export const GAME_GLOBAL = '__diracGanGame';

/** The functions of a generated module that the page uses: all a game's script bundles. */
export const PAGE_FUNCTIONS = ['vectorField', 'jacobian', 'simultaneousStep', 'alternatingStep', 'equilibriumNotDifferentiable'] as const;

export interface Schedule {
  readonly hG: number;
  readonly hD: number;
  readonly nG: number;
  readonly nD: number;
}

export interface Evaluator {
  readonly defaults?: Params;
  vectorField(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  jacobian(theta: number, phi: number, p: Params, out?: Float64Array): Float64Array;
  simultaneousStep(theta: number, phi: number, h: number, p: Params, out?: Float64Array): Float64Array;
  alternatingStep(theta: number, phi: number, schedule: Schedule, p: Params, out?: Float64Array): Float64Array;
  equilibriumEigenvalues?(p: Params): { re: [number, number]; im: [number, number] };
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
