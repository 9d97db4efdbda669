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

/** The trajectory up to step k: a view of the caller's buffer, or a path of its own (the path itself when it is exactly that long: no copy). */
function end(run: Run, path: Float64Array, k: number, status: TrajectoryStatus, message: string): Trajectory {
  const length = 2 * (k + 1);
  return { path: run.buffer ? path.subarray(0, length) : path.length === length ? path : path.slice(0, length), steps: k, status, message };
}

/** The points of a path allocated before its run (2 MB): past that, it grows as the run goes on. */
const PREALLOCATED_POINTS = 1 << 17;

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
  // The caller's buffer holds every step (checked). Else the path is allocated for every step
  // at once, up to PREALLOCATED_POINTS, and grows by doubling past that. Grown by doubling from
  // 1,024 points instead, a run of 100,000 steps allocated twice its path and copied it: the
  // bench's steps worker measured the simultaneous trajectory at 1.24-2.07x a bare step loop,
  // median 1.48 over 20 processes, against 1.07-2.32x, median 1.21 over 19, allocated at once.
  // The price: a run that stops early has still allocated its whole budget, up to 2 MB.
  const first = run.buffer ?? new Float64Array(2 * Math.min(run.steps + 1, PREALLOCATED_POINTS));
  first[0] = theta0;
  first[1] = phi0;
  if (Math.hypot(theta0, phi0) > divergenceBound) return end(run, first, 0, 'diverged', `diverged at step 0: the start point is at ${distanceText(theta0, phi0)}, past divergenceBound ${format(divergenceBound)}`);
  if (Math.hypot(theta0, phi0) < tolerance) return end(run, first, 0, 'converged', `converged at step 0: the start point is at ${distanceText(theta0, phi0)}, below the tolerance ${format(tolerance)}`);
  const { path, k, outcome } = iterate(steps, run, p, state, first);
  const theta = state[0]!;
  const phi = state[1]!;
  switch (outcome) {
    case Outcome.NotFinite: return end(run, path, k - 1, 'diverged', `diverged at step ${k}: (theta, phi) = (${theta}, ${phi}) is not finite; the path ends at step ${k - 1}`);
    case Outcome.Diverged: return end(run, path, k, 'diverged', `diverged at step ${k}: ${distanceText(theta, phi)} passed divergenceBound ${format(divergenceBound)}`);
    case Outcome.Converged: return end(run, path, k, 'converged', `converged at step ${k}: ${distanceText(theta, phi)} fell below the tolerance ${format(tolerance)}`);
    case Outcome.Running: return end(run, path, k, 'running', `still running after ${k} steps: ${distanceText(theta, phi)}, neither below the tolerance ${format(tolerance)} nor past divergenceBound ${format(divergenceBound)}`);
  }
}

/** How iterate's loop ended. */
const Outcome = { Running: 0, Converged: 1, Diverged: 2, NotFinite: 3 } as const;
type Outcome = (typeof Outcome)[keyof typeof Outcome];

/** Whether a run ends at (theta, phi), and why: a point not finite, past the divergence bound, or below the tolerance. */
function outcomeAt(theta: number, phi: number, run: Run): Outcome {
  if (!Number.isFinite(theta) || !Number.isFinite(phi)) return Outcome.NotFinite;
  const distance = Math.hypot(theta, phi);
  if (distance > run.divergenceBound) return Outcome.Diverged;
  return distance < run.tolerance ? Outcome.Converged : Outcome.Running;
}

/**
 * The loop of runTrajectory, apart from its messages. Its cost per step is the step's: one loop
 * per method, so that V8 optimises each for its own step (one loop with a switch over the
 * methods was thrown back to the interpreter whenever a run took a case the optimised code had
 * not seen); run in chunks of CHUNK steps, so that each loop is called often and optimised as a
 * whole function (one long loop was optimised on the stack before its step had type feedback,
 * and every later run entered that slower code again); the path grown, where it must, once a
 * chunk; and per step, only theta^2 + phi^2 compared with the squared limits, widened by a few
 * ulps (and by the smallest normal, for a square that underflows): only within them, or for a
 * square that is not finite, does outcomeAt decide, so the verdict is Math.hypot's. The last
 * point stays in state[0], state[1], a point that is not finite included.
 */
function iterate<P>(steps: Steps<P>, run: Run, p: P, state: Float64Array, first: Float64Array): { path: Float64Array; k: number; outcome: Outcome } {
  const loop = loops[run.method];
  const limits: Limits = {
    convergedBelow: run.tolerance * run.tolerance * (1 + 1e-15) + 1e-300,
    divergedAbove: run.divergenceBound * run.divergenceBound * (1 - 1e-15),
  };
  let path = first;
  for (let from = 1; from <= run.steps; from += CHUNK) {
    const to = Math.min(run.steps, from + CHUNK - 1);
    if (2 * to + 2 > path.length) {
      const longer = new Float64Array(Math.min(Math.max(2 * path.length, 2 * to + 2), 2 * (run.steps + 1)));
      longer.set(path);
      path = longer;
    }
    const k = loop(steps, run, p, state, path, from, to, limits);
    if (k !== 0) return { path, k, outcome: outcomeAt(state[0]!, state[1]!, run) };
  }
  return { path, k: run.steps, outcome: Outcome.Running };
}

/** Steps per call of a loop: enough that the call costs nothing per step, few enough that the
 * loop is called, and optimised as a function, within a run's first few thousand steps. */
const CHUNK = 512;

interface Limits {
  readonly convergedBelow: number;
  readonly divergedAbove: number;
}

/** Steps from..to of a run, each point written into the path; returns the step the run ends at, or 0 when it goes on after `to`. */
type Loop = <P>(steps: Steps<P>, run: Run, p: P, state: Float64Array, path: Float64Array, from: number, to: number, limits: Limits) => number;

/** Writes step k's point into the path; true where the run may end there, outside the squared
 * limits, where outcomeAt decides. */
function recordPoint(path: Float64Array, k: number, theta: number, phi: number, { convergedBelow, divergedAbove }: Limits): boolean {
  path[2 * k] = theta;
  path[2 * k + 1] = phi;
  const squared = theta * theta + phi * phi;
  return !(squared > convergedBelow && squared < divergedAbove);
}

const loops: Readonly<Record<Run['method'], Loop>> = {
  simultaneous(steps, run, p, state, path, from, to, limits) {
    const { simultaneousStep } = steps;
    const h = run.schedule.hG;
    for (let k = from; k <= to; k++) {
      simultaneousStep(state[0]!, state[1]!, h, p, state);
      if (recordPoint(path, k, state[0]!, state[1]!, limits) && outcomeAt(state[0]!, state[1]!, run) !== Outcome.Running) return k;
    }
    return 0;
  },
  alternating(steps, run, p, state, path, from, to, limits) {
    const { alternatingStep } = steps;
    const { schedule } = run;
    for (let k = from; k <= to; k++) {
      alternatingStep(state[0]!, state[1]!, schedule, p, state);
      if (recordPoint(path, k, state[0]!, state[1]!, limits) && outcomeAt(state[0]!, state[1]!, run) !== Outcome.Running) return k;
    }
    return 0;
  },
  extragradient(steps, run, p, state, path, from, to, limits) {
    const { extragradientStep } = steps;
    const h = run.schedule.hG;
    for (let k = from; k <= to; k++) {
      extragradientStep(state[0]!, state[1]!, h, p, state);
      if (recordPoint(path, k, state[0]!, state[1]!, limits) && outcomeAt(state[0]!, state[1]!, run) !== Outcome.Running) return k;
    }
    return 0;
  },
  optimistic(steps, run, p, state, path, from, to, limits) {
    const { optimisticStep } = steps;
    const h = run.schedule.hG;
    for (let k = from; k <= to; k++) {
      optimisticStep(state[0]!, state[1]!, state[2]!, state[3]!, h, p, state);
      if (recordPoint(path, k, state[0]!, state[1]!, limits) && outcomeAt(state[0]!, state[1]!, run) !== Outcome.Running) return k;
    }
    return 0;
  },
};
