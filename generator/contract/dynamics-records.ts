/**
 * The parts of a game's record (records.ts) that say what the dynamics do beyond the
 * linearisation, by runs or by their own analyses: the simulations of the methods that have no
 * linearisation, the drift of alternating steps where they cycle, Filippov's picture along a kink
 * away from the equilibrium. Browser-safe, as the rest of the contract.
 */
import type { Rendered, Text } from './records.js';

/** A method without a linearisation (Adam, RMSProp) on a game, simulated (generator/methods/simulate.ts). */
export type SimulationRecord = {
  readonly method: string;
  readonly variant: 'simultaneous' | 'alternating';
} & ({
  /** Steps per run, and the start points (theta, phi) of the runs of each row. */
  readonly steps: number;
  readonly starts: readonly (readonly number[])[];
  /** One learning rate h = h_G = h_D and the method's hyperparameters; how many runs ended in each state. */
  readonly rows: readonly SimulationRow[];
  /** Where runs from a grid of starts end, at the method's defaults and the first rate; none for a method simulated only for a kink at the equilibrium. */
  readonly basin?: Basin;
} | {
  /** Why the game is not simulated (f abstract, instance noise). */
  readonly notSimulated: Text;
});

/** Where runs of `steps` steps from a size x size grid of starts on [-reach, reach]^2 end, one
 * letter a start (r at rest at an equilibrium, m still moving, d diverged), row by row from
 * phi = -reach up, each row from theta = -reach. */
export interface Basin {
  readonly h: number;
  readonly steps: number;
  readonly reach: number;
  readonly size: number;
  readonly ends: string;
}

export interface SimulationRow {
  readonly h: number;
  readonly hyperparameters: Readonly<Record<string, number>>;
  /** At rest (|v| < 1e-6 at the end, and less than that moved over the last 100 steps: an equilibrium, or where the field vanishes to rounding; or within 1e-100 of (0, 0)), still moving after the last step, or diverged (|theta| + |phi| beyond 1e3). */
  readonly converged: number;
  readonly moving: number;
  readonly diverged: number;
  /** The median distance from (0, 0) where the runs that did not diverge ended (4 digits); null when all diverged. */
  readonly medianDistance: number | null;
}

/** Filippov's picture along a kink u = 0 away from the equilibrium, the curve phi = g(theta)
 * (analyse/switching-curve.ts): segments in theta on each branch, 1e-3 <= |theta| <= 1e3 sampled,
 * at the defaults; on a sliding segment, whether the sliding field takes theta up or down, or
 * nowhere (a segment of pseudo-equilibria). */
export interface SwitchingCurveRecord {
  readonly curve: Rendered;
  readonly segments: readonly { readonly from: number; readonly to: number; readonly kind: 'crossing' | 'sliding' | 'escaping'; readonly slides?: 'increasing' | 'decreasing' | 'still' }[];
}

/** d < 0 at every sampled h (strong resonances, d null, left out): the iterates drift in; > 0
 * out; 0 (to rounding) where the field is linear near (0, 0): the map is too, and they stay; 0
 * elsewhere: the normal form's next terms decide the same way (d_n of order n = 5, 7, 9, the
 * first that does not vanish); anything else (0 at some h, or both signs): mixed. */
export interface DriftRecord {
  readonly method: 'alternating';
  readonly verdict: 'drifts-in' | 'drifts-out' | 'stays' | 'undecided' | 'mixed';
  /** The order n = 2m + 1 of the normal form's terms the verdict rests on: 3 (d), or where d = 0
   * the first higher order whose radial term does not vanish (or the highest computed). */
  readonly order: 3 | 5 | 7 | 9;
  /** d: |z_k|^-2 grows by -2d a step; d_n of the record's order n > 3 (higher): |z_k|^(-2m)
   * grows by -2m d_n a step. */
  readonly samples: readonly { readonly h: number; readonly coefficient: number | null; readonly higher?: number | null }[];
}
