/**
 * The training methods, their rates and what the analysis says of them: the one table of
 * methods and discrete-time verdicts, read by the generator (derive/discrete.ts) and by
 * every generated game module.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`, so the generated package has no dependencies. Edit runtime/, never
 * the copy.
 */

/**
 * The training methods, each a map of x = (theta, phi) with the vector field v of the game:
 *
 * - `simultaneous`: $x \leftarrow x + h \, v(x)$;
 * - `alternating`: nG generator steps $\theta \leftarrow \theta + h_G \, v_{\theta}$, then nD discriminator steps $\phi \leftarrow \phi + h_D \, v_{\phi}$, each seeing the other's latest value (Mescheder et al. 2017, section 3); the generator first by default, as the paper's Dirac-GAN notebook does, or the discriminator first (`order` in the schedule);
 * - `extragradient`: $x \leftarrow x + h \, v(x + h \, v(x))$ (Korpelevich 1976);
 * - `optimistic`: $x_{k+1} = x_k + 2h \, v(x_k) - h \, v(x_{k-1})$ (Daskalakis et al. 2018).
 */
export const METHODS = ['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const;

/** A training method, one of METHODS. */
export type Method = (typeof METHODS)[number];

/** Which player moves first in a round of alternating steps. */
export const ALTERNATING_ORDERS = ['generator-first', 'discriminator-first'] as const;
export type AlternatingOrder = (typeof ALTERNATING_ORDERS)[number];
/** The generator first, as the paper's own Dirac-GAN notebook does (LMescheder/GAN_stability,
 * notebooks/diracgan/simulate.py, trajectory_altgd). Both orders have update maps with the
 * same eigenvalues (eig(AB) = eig(BA)), so the same verdicts and bounds; their iterates differ. */
export const DEFAULT_ORDER: AlternatingOrder = 'generator-first';

/** Step sizes and step counts of one round of alternating gradient steps (checked where rates are taken: step sizes finite and > 0, counts positive integers). */
export interface Schedule {
  /** Step size of the generator. */
  readonly hG: number;
  /** Step size of the discriminator. */
  readonly hD: number;
  /** Generator steps per round. */
  readonly nG: number;
  /** Discriminator steps per round. */
  readonly nD: number;
  /** Who moves first; DEFAULT_ORDER (the generator) when left out. */
  readonly order?: AlternatingOrder;
}

/** One learning rate h for both players; for alternating steps it is the schedule hG = hD = h, nG = nD = 1. */
export interface LearningRate {
  /** The learning rate, finite and > 0. */
  readonly h: number;
}

/** The learning rates of a method: one learning rate h, or for alternating steps also a schedule. */
export type Rates<M extends Method = Method> = M extends 'alternating' ? Schedule | LearningRate : LearningRate;

/** One learning rate h as a schedule: hG = hD = h, nG = nD = 1 (the methods other than alternating read h from hG). */
export function oneLearningRate(h: number): Schedule {
  return { hG: h, hD: h, nG: 1, nD: 1 };
}

/** Eigenvalues re[i] + i im[i] of an update map at the equilibrium. */
export interface Eigenvalues {
  re: number[];
  im: number[];
}

/** The discrete-time verdicts, in the order the summary lists them. */
export const STABILITY_VERDICTS = ['converges-below-bound', 'cycles-below-bound', 'converges-in-intervals', 'never-converges', 'undecided', 'converges-for-all-h'] as const;

/** How training with a method behaves near the equilibrium as h grows from 0: the spectral radius of the update map stays below 1 up to the bound; or its eigenvalues stay on the unit circle up to the bound (the iterates cycle, to first order); or it is at least 1 for small h and below 1 only on intervals of h away from 0 (converges-in-intervals: extragradient steps where J's eigenvalues have a small positive real part); or it is at least 1 for every h scanned; or it is exactly 1 for small h, an eigenvalue 1 that h does not move, or 1 to rounding below any h a double resolves (undecided: the linearisation, or double precision, does not decide whether the iterates converge); or it stays below 1 for every h up to 1e3. */
export type StabilityVerdict = (typeof STABILITY_VERDICTS)[number];

/** An interval of learning rates h where the update map contracts; `to` is Infinity where it reaches the end of the scan (1e3). */
export interface StableInterval {
  readonly from: number;
  readonly to: number;
}

/** The verdict for one learning rate h, and the bound on h where there is one (or the intervals, away from 0, where it converges). */
export type LearningRateBound =
  | { readonly verdict: 'converges-below-bound' | 'cycles-below-bound'; readonly bound: number }
  | { readonly verdict: 'converges-in-intervals'; readonly bound: undefined; readonly intervals: readonly StableInterval[] }
  | { readonly verdict: 'never-converges' | 'undecided' | 'converges-for-all-h'; readonly bound: undefined };

/** The most steps one trajectory may run (a path of 2 (MAX_STEPS + 1) numbers, 160 MB). */
export const MAX_STEPS = 10_000_000;

/** A trajectory has converged when its distance to the equilibrium (0, 0) falls below this, unless told otherwise. */
export const DEFAULT_TOLERANCE = 1e-10;

/** A trajectory has diverged when its distance to the equilibrium (0, 0) passes this, unless told otherwise. */
export const DEFAULT_DIVERGENCE_BOUND = 1e6;

/** When a trajectory stops. */
export interface TrajectoryLimits {
  /** Steps to run at most: an integer from 1 to MAX_STEPS. */
  readonly steps: number;
  /** Converged when the distance to (0, 0) falls below this (finite, >= 0; default DEFAULT_TOLERANCE). */
  readonly tolerance?: number;
  /** Diverged when the distance to (0, 0) passes this (> tolerance, may be Infinity; default DEFAULT_DIVERGENCE_BOUND). */
  readonly divergenceBound?: number;
  /** A Float64Array of at least 2 (steps + 1) numbers to record the path into: the trajectory's path is then a view of its start, overwritten by the next run given the same buffer (what lies past the view is unspecified: a step that was not finite may be there). Reusing one buffer across runs (a redraw on every input, many starts) spares allocating fresh memory for each path: a quarter to a third of a long run's time on this project's machine (`npm run bench`). */
  readonly buffer?: Float64Array;
}

/** The options of a trajectory: its limits and its learning rate h, or for alternating steps h or a schedule. */
export type TrajectoryOptions<M extends Method = Method> = TrajectoryLimits &
  (M extends 'alternating'
    ? { readonly h: number; readonly schedule?: undefined } | { readonly schedule: Schedule; readonly h?: undefined }
    : { readonly h: number; readonly schedule?: undefined });

/** How a trajectory ended: converged (below the tolerance), diverged (past the divergence bound, or not finite), or still running after every step. */
export type TrajectoryStatus = 'converged' | 'diverged' | 'running';

/** A run of a training method. */
export interface Trajectory {
  /** theta_0, phi_0, theta_1, phi_1, ...: the start point and the point after each step, 2 (steps + 1) numbers, all finite. */
  readonly path: Float64Array;
  /** Steps in the path. A step whose result was not finite is not in it: the message names that step. */
  readonly steps: number;
  readonly status: TrajectoryStatus;
  /** The status in words, with the step and the distance. */
  readonly message: string;
}
