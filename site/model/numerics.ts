/**
 * The numbers behind the pictures that the generated modules do not compute: the continuous
 * flow (flow.ts) and short streamlines of the field (here). Both call the field's fast path,
 * `vectorFieldUnchecked`: where its value is finite it agrees with the checked `vectorField`
 * to about 1e-12 relative (measured on the flows of every game), which recomputes in
 * unbounded exponents for inputs beyond 2^32 or below 2^-32 -- the second of them reached by
 * every flow that converges, at ten times the cost, for no visible change; a value that is not
 * finite makes the flow take its step again, shorter.
 * Everything about training steps comes from the generated module itself: runs from its
 * `trajectory`, the update maps' eigenvalues, spectral radius and learning-rate bounds from
 * `updateEigenvalues`, `spectralRadius` and `learningRateBound`. Shared by the build and the
 * page; allocation-light, because the page re-runs it on every slider move.
 */
import type { Method, TrajectoryStatus } from '../../generated/runtime/methods.js';
import type { PageEvaluator, Params } from './params.js';

export type { Method } from '../../generated/runtime/methods.js';
export { METHODS } from '../../generated/runtime/methods.js';

/** What a trajectory needs besides the game. */
export interface RunSettings {
  /** Learning rate h (both players). */
  readonly h: number;
  /** Discriminator steps per round of alternating steps (one generator step). */
  readonly nD: number;
  readonly steps: number;
  readonly start: readonly [number, number];
}

/** A run: the points [theta0, phi0, theta1, phi1, ...] and how it ended, as the generated
 * `trajectory` reports it, or for the continuous flow (flow.ts) also 'stopped': it took all the
 * evaluations of the field it may. */
export interface Run {
  readonly path: Float64Array;
  readonly steps: number;
  readonly status: TrajectoryStatus | 'stopped';
}

/** A run stops when its distance to the equilibrium passes this (it has diverged). */
export const ESCAPE_RADIUS = 1e3;

/** A clip the training steps apply after each update (a record's `constraints`), resolved to
 * a number: parameter 0 is theta, 1 is phi, kept in [-bound, bound]. */
export interface Clip {
  readonly index: 0 | 1;
  readonly bound: number;
}

/** `steps` steps of a training method from the start, by the generated `trajectory` (which
 * stops early once the run is within 1e-10 of the equilibrium or past ESCAPE_RADIUS). */
export function discreteRun(game: PageEvaluator, p: Params, method: Method, s: RunSettings): Run {
  const limits = { steps: s.steps, divergenceBound: ESCAPE_RADIUS };
  const options = method === 'alternating' ? { ...limits, schedule: { hG: s.h, hD: s.h, nG: 1, nD: s.nD } } : { ...limits, h: s.h };
  return game.trajectory(method, s.start, options, p);
}

/** A domain [lo, hi] on each axis. */
export interface Box {
  readonly theta: readonly [number, number];
  readonly phi: readonly [number, number];
}

/** A short streamline: its points (theta0, phi0, theta1, phi1, ...) and |v| where it starts. */
export interface Streamlet {
  readonly points: Float64Array;
  readonly speed: number;
}

/** |(a, b)|: the square root of the sum of squares, 2.5 ns where V8's Math.hypot takes 24 (Chromium
 * 147) or 50 (Node 20); Math.hypot itself only where a square may overflow or underflow. */
function norm(a: number, b: number): number {
  const s = Math.sqrt(a * a + b * b);
  return s > 1e-150 && s < 1e150 ? s : Math.hypot(a, b);
}

/** Where the unit direction turns by more than this over one piece (|u_n - u_(n-1)|, in radians
 * near 0), the piece is a midpoint step instead of an Adams-Bashforth one: at a kink of the field
 * (hinge's 1 - phi theta = 0) extrapolating the last direction would carry the line across it,
 * and where the line curves tightly the midpoint rule is the closer. At 0.25 the smooth games'
 * streamlets were up to 0.24 px off, at 0.1 0.17 px, for 3% more evaluations of the field. */
const TURN_FOR_MIDPOINT = 0.1;

/**
 * Short streamlines of the field's direction: from each point of a grid, `pieces` steps of the
 * normalised field, of total length `length` (in parameter units), each with the field's speed
 * |v| at its start (the pictures shade it). The first piece is a midpoint (RK2) step, the others
 * two-step Adams-Bashforth ones (x += ds (3 u_n - u_(n-1)) / 2, u the unit direction): second
 * order as the midpoint rule, with one evaluation of the field a piece instead of two (about 6 a
 * streamlet instead of 10; the field is the cost of a hyperparameter's move, and instance
 * noise's takes a quadrature an evaluation). At the default hyperparameters, within 0.2 px of
 * the streamlines on every smooth game (test/site-model.test.ts, against odex; 0.17 px at most,
 * as with the midpoint rule throughout). Where the field's direction turns within a piece (the
 * penalty weights at the top of their ranges), neither rule follows the streamline to a pixel:
 * both draw gan-r1's at gamma = 10 13.5 px off at most, DRAGAN's (kinked) at gamma = 10 2.4 px
 * with the midpoint rule, 4.1 with this one.
 */
export function streamlets(game: PageEvaluator, p: Params, box: Box, grid: number, length: number, pieces = 5): Streamlet[] {
  const lines: Streamlet[] = [];
  const v = new Float64Array(2);
  const ds = length / pieces;
  // Every streamlet's points in one array, each a view of its part: an array of its own each
  // was an allocation outside V8's heap per streamlet (past 64 bytes).
  const width = 2 * (pieces + 1);
  const all = new Float64Array(grid * grid * width);
  for (let i = 0; i < grid; i++) {
    for (let k = 0; k < grid; k++) {
      let x = box.theta[0] + ((i + 0.5) / grid) * (box.theta[1] - box.theta[0]);
      let y = box.phi[0] + ((k + 0.5) / grid) * (box.phi[1] - box.phi[0]);
      const offset = (i * grid + k) * width;
      const line = all.subarray(offset, offset + width);
      line[0] = x;
      line[1] = y;
      // The field at the start gives the speed and the first piece's direction alike.
      game.vectorFieldUnchecked(x, y, p, v);
      const speed = norm(v[0]!, v[1]!);
      // The unit direction at the last piece's start (NaN before the first piece).
      let lastX = Number.NaN;
      let lastY = Number.NaN;
      let n = 1;
      for (; n <= pieces; n++) {
        if (n > 1) game.vectorFieldUnchecked(x, y, p, v);
        // None where the field vanishes or is not finite.
        const size = norm(v[0]!, v[1]!);
        if (!(size > 1e-12 && size < Infinity)) break;
        const ux = v[0]! / size;
        const uy = v[1]! / size;
        // NaN on the first piece: the comparison is false there too.
        if (norm(ux - lastX, uy - lastY) <= TURN_FOR_MIDPOINT) {
          x += ds * (1.5 * ux - 0.5 * lastX);
          y += ds * (1.5 * uy - 0.5 * lastY);
        } else {
          game.vectorFieldUnchecked(x + 0.5 * ds * ux, y + 0.5 * ds * uy, p, v);
          const mid = norm(v[0]!, v[1]!);
          if (!(mid > 1e-12 && mid < Infinity)) break;
          x += ds * (v[0]! / mid);
          y += ds * (v[1]! / mid);
        }
        lastX = ux;
        lastY = uy;
        line[2 * n] = x;
        line[2 * n + 1] = y;
      }
      if (n > 2) lines.push({ points: line.subarray(0, 2 * n), speed });
    }
  }
  return lines;
}
