/**
 * The trajectory loop: a game's step, run from a start point until the iterates converge,
 * diverge or the steps run out, with every point on the path finite.
 *
 * Part of the hand-written runtime: copied unchanged into generated/runtime/ by
 * `npm run generate`. Edit runtime/, never the copy.
 */
import type { Run } from './checks.js';
import type { Trajectory, TrajectoryStatus } from './methods.js';
import type { TrainingSteps } from './steps.js';

/** A game's field and training steps (runtime/steps.ts). */
export interface Steps<P> extends TrainingSteps<P> {
  readonly vectorField: (theta: number, phi: number, p: P, out: Float64Array) => Float64Array;
}

/** A number for a message: six significant digits. */
function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** The trajectory up to step k (the path itself when it is exactly that long: no copy). */
const end = (path: Float64Array, k: number, status: TrajectoryStatus, message: string): Trajectory =>
  ({ path: path.length === 2 * (k + 1) ? path : path.slice(0, 2 * (k + 1)), steps: k, status, message });

/** The distance to the equilibrium (0, 0) in words. */
const distanceText = (theta: number, phi: number): string => `distance ${format(Math.hypot(theta, phi))} to the equilibrium (0, 0)`;

/**
 * Runs a checked trajectory: from the start, up to `run.steps` steps, stopping when the
 * distance to the equilibrium (0, 0) falls below the tolerance (converged) or passes the
 * divergence bound (diverged, that point included), or when a step gives a value that is not
 * finite (diverged, that point left out: the path holds finite numbers only).
 */
export function runTrajectory<P>(steps: Steps<P>, run: Run, p: P): Trajectory {
  const { tolerance, divergenceBound } = run;
  const state = new Float64Array(4);
  state[0] = run.start[0];
  state[1] = run.start[1];
  if (run.method === 'optimistic') steps.vectorField(state[0], state[1], p, state.subarray(2));
  const [theta0, phi0] = run.start;
  const first = new Float64Array(2 * Math.min(run.steps + 1, 1024));
  first[0] = theta0;
  first[1] = phi0;
  if (Math.hypot(theta0, phi0) > divergenceBound) return end(first, 0, 'diverged', `diverged at step 0: the start point is at ${distanceText(theta0, phi0)}, past divergenceBound ${format(divergenceBound)}`);
  if (Math.hypot(theta0, phi0) < tolerance) return end(first, 0, 'converged', `converged at step 0: the start point is at ${distanceText(theta0, phi0)}, below the tolerance ${format(tolerance)}`);
  const { path, k, outcome } = iterate(steps, run, p, state, first);
  const theta = state[0]!;
  const phi = state[1]!;
  switch (outcome) {
    case Outcome.NotFinite: return end(path, k - 1, 'diverged', `diverged at step ${k}: (theta, phi) = (${theta}, ${phi}) is not finite; the path ends at step ${k - 1}`);
    case Outcome.Diverged: return end(path, k, 'diverged', `diverged at step ${k}: ${distanceText(theta, phi)} passed divergenceBound ${format(divergenceBound)}`);
    case Outcome.Converged: return end(path, k, 'converged', `converged at step ${k}: ${distanceText(theta, phi)} fell below the tolerance ${format(tolerance)}`);
    case Outcome.Running: return end(path, k, 'running', `still running after ${k} steps: ${distanceText(theta, phi)}, neither below the tolerance ${format(tolerance)} nor past divergenceBound ${format(divergenceBound)}`);
  }
}

/** How iterate's loop ended. */
const Outcome = { Running: 0, Converged: 1, Diverged: 2, NotFinite: 3 } as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

/**
 * The loop of runTrajectory, apart from its messages: V8 optimises it once and keeps it, where
 * the messages' code after the loop, never run when the loop was optimised, threw it back to
 * the interpreter at the end of every run (a third slower per step once the steps had been
 * called from elsewhere too). Per step it compares theta^2 + phi^2 with the squared limits,
 * and takes Math.hypot only when that comparison is within rounding of a limit or the square
 * overflowed or underflowed, so the verdict is Math.hypot's at no per-step cost. The path
 * grows by doubling, so that a run that stops early does not allocate for every step it might
 * have run. The last point stays in state[0], state[1], a point that is not finite included.
 */
function iterate<P>(steps: Steps<P>, run: Run, p: P, state: Float64Array, first: Float64Array): { path: Float64Array; k: number; outcome: Outcome } {
  const { method, schedule, tolerance, divergenceBound } = run;
  const h = schedule.hG;
  let path = first;
  // Squared limits widened by a few ulps (and by the smallest normal, for a square that underflows):
  // inside them Math.hypot decides.
  const convergedBelow = tolerance * tolerance * (1 + 1e-15) + 1e-300;
  const divergedAbove = divergenceBound * divergenceBound * (1 - 1e-15);
  for (let k = 1; k <= run.steps; k++) {
    const theta = state[0]!;
    const phi = state[1]!;
    switch (method) {
      case 'simultaneous': steps.simultaneousStep(theta, phi, h, p, state); break;
      case 'alternating': steps.alternatingStep(theta, phi, schedule, p, state); break;
      case 'extragradient': steps.extragradientStep(theta, phi, h, p, state); break;
      case 'optimistic': steps.optimisticStep(theta, phi, state[2]!, state[3]!, h, p, state); break;
    }
    const next = state[0]!;
    const nextPhi = state[1]!;
    if (!Number.isFinite(next) || !Number.isFinite(nextPhi)) return { path, k, outcome: Outcome.NotFinite };
    if (2 * k + 2 > path.length) {
      const longer = new Float64Array(Math.min(2 * path.length, 2 * (run.steps + 1)));
      longer.set(path);
      path = longer;
    }
    path[2 * k] = next;
    path[2 * k + 1] = nextPhi;
    const squared = next * next + nextPhi * nextPhi;
    if (squared >= divergedAbove && Math.hypot(next, nextPhi) > divergenceBound) return { path, k, outcome: Outcome.Diverged };
    if (squared <= convergedBelow && Math.hypot(next, nextPhi) < tolerance) return { path, k, outcome: Outcome.Converged };
  }
  return { path, k: run.steps, outcome: Outcome.Running };
}
