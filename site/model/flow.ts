/**
 * The continuous flow d(theta, phi)/dt = v(theta, phi) that the field picture draws beside the
 * training steps: its points at the times of the steps, t_k = k h, by the Dormand-Prince 5(4)
 * pair (Dormand and Prince 1980; Hairer, Norsett and Wanner, Solving ODEs I, II.5) with the
 * step size chosen from its error estimate, each step ending on the next t_k at the latest.
 *
 * Why not a fixed number of RK4 substeps per step, as before: the error of a fixed substep grows
 * with h, and a fixed four made the flow of WGAN, an exact centre, spiral into (0, 0) at h = 2
 * (r^2 from 2 to 0.37 over 2000 steps) where its orbits are closed; and the slow flows paid
 * sixteen evaluations of the field a step where one Dormand-Prince step of six does (the field
 * is most of a slider move's time on a page). The tolerance keeps a flow's points within a
 * small fraction of a pixel of the exact flow where the field is smooth (measured against odex,
 * test/site-model.test.ts); where it jumps, see SHORTEST_STEP. The price: a large h takes more
 * evaluations than four RK4 substeps did (an accurate orbit over t = 2,500 needs them; DRAGAN
 * at its largest weight and h = 5 takes about 175-220 ms in Node for 2000 steps, against 25 ms
 * of a wrong flow: its field is stiff there, and an explicit method must take short steps).
 * Where the analysis proves the flow conserves a quadratic form on a smooth field (the GAN, WGAN)
 * and the flow comes back to its start, it is integrated over that first revolution only and read
 * off it after (closed-orbit.ts): about 500 evaluations at any h
 * instead of 300,000-570,000 at h = 5, and nearer the exact motion (integrated through t =
 * 10,000, the GAN's flow drifted 1.7 px along its orbit; read off its first turn, 0.007 px).
 *
 * Written here rather than taken from odex (which the tests use as the oracle): the page runs
 * this on every slider move, for a two-dimensional field whose evaluation costs tens of
 * nanoseconds, where a general solver's arrays and callbacks would cost more than the field.
 */
import { clip } from '../../generated/runtime/elementary.js';
import type { Clip, Run, RunSettings } from './numerics.js';
import { ESCAPE_RADIUS } from './numerics.js';
import { OrbitTape } from './closed-orbit.js';
import type { PageEvaluator, Params } from './params.js';

/** The error each step may make, relative to the size of the point (and absolute below 1):
 * where the field is smooth the flow's points stay within a hundredth of a pixel of odex's at
 * every h of the slider, and a closed orbit's radius within a hundredth of a pixel over
 * t = 10,000 (test/site-model.test.ts). */
export const FLOW_TOLERANCE = 3e-8;
/** Where the field jumps (hinge's v_phi at theta phi = 1, along which the flow slides; a
 * clip's bound) no step resolves the jump: the error of a shorter step is smaller in proportion
 * to its length, not to its fifth power. Where a step's error falls by less than the square of
 * its length's ratio, the flow takes steps of this part of h with an error up to
 * JUMP_TOLERANCE, and shorter ones where that is not met. RK4 took h / 4 everywhere. */
const SHORTEST_STEP = 1 / 16;
/** The error a step across a jump may make, relative to the size of the point (and absolute
 * below 1): a tenth of a pixel of the field picture. Larger, and such a step across DRAGAN's kink
 * at gamma = 10, h = 5 (a stiff field there) threw the flow from phi = 0 to phi = -1. */
const JUMP_TOLERANCE = 1e-3;
/** A step shortened below this part of h (by ends that are not finite) is said to diverge. */
const VANISHING_STEP = 1e-12;
/** ESCAPE_RADIUS squared: a point past it has x^2 + y^2 above this (or a square that overflows). */
const ESCAPE_SQUARED = ESCAPE_RADIUS * ESCAPE_RADIUS;
/** The most evaluations of the field a flow takes (about half a second of a page's time):
 * past them it stops, and says so. No game of derivations/ comes near them but DRAGAN at its
 * largest weight and h (3.3 million); a stiff field (an eigenvalue of -1e4 at h = 5) or one
 * whose flow slides along a jump with its steps never rejected would take tens of seconds. */
export const FLOW_EVALUATIONS = 4_000_000;

// The Dormand-Prince tableau (the field does not depend on t, so the nodes c do not appear):
// stages a, and the 5th-order weights; the 7th stage is the field at the 5th-order solution,
// reused as the next step's first ("first same as last").
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const B1 = 35 / 384, B3 = 500 / 1113, B4 = 125 / 192, B5 = -2187 / 6784, B6 = 11 / 84;
// The 5th-order solution less the embedded 4th-order one: the error estimate's weights.
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;

/**
 * The flow from the start over t = steps * h, a point at each t_k. With clips it is the flow of
 * the constrained game, as the training steps see it when h goes to 0: at a bound, the
 * component of the field that points out of it is 0 (the point slides along the bound), and
 * each step's end is put back inside. A step whose error is too large, or whose end is not
 * finite, is taken again shorter (see SHORTEST_STEP); the flow diverges where its field is not
 * finite, where steps vanish (VANISHING_STEP), or when it passes ESCAPE_RADIUS, and stops after
 * FLOW_EVALUATIONS evaluations of the field. `closedOrbits`: the analysis proves the orbits lie
 * on closed curves (ExploreSpec): once the flow is back at its start, after a time P, the rest of
 * its points are those of its first revolution at t_k mod P (closed-orbit.ts).
 */
export function flowRun(game: PageEvaluator, p: Params, s: RunSettings, clips: readonly Clip[] = [], closedOrbits = false): Run {
  let evaluations = 0;
  const field = (x: number, y: number, out: Float64Array): Float64Array => {
    evaluations++;
    game.vectorFieldUnchecked(x, y, p, out);
    for (let c = 0; c < clips.length; c++) {
      const { index, bound } = clips[c]!;
      const at = index === 0 ? x : y;
      if ((at >= bound && out[index]! > 0) || (at <= -bound && out[index]! < 0)) out[index] = 0;
    }
    return out;
  };
  const k1 = new Float64Array(2), k2 = new Float64Array(2), k3 = new Float64Array(2), k4 = new Float64Array(2);
  const k5 = new Float64Array(2), k6 = new Float64Array(2), k7 = new Float64Array(2);
  const points = new Float64Array(2 * (s.steps + 1));
  // The path starts where it is asked to; the flow from there, put inside the clips at once (as
  // the training steps' first update does, when h goes to 0).
  points[0] = s.start[0];
  points[1] = s.start[1];
  let x = inside(s.start[0], 0, clips);
  let y = inside(s.start[1], 1, clips);
  field(x, y, k1);
  const shortest = SHORTEST_STEP * s.h;
  /** The last try that was not taken, and whether the tries since the last step taken show a jump. */
  const rejected = { d: 0, error: 0 };
  let jump = false;
  let dt = s.h;
  let n = 1;
  /** The time at the point (x, y). */
  let time = 0;
  const tape = closedOrbits && clips.length === 0 ? new OrbitTape([x, y]) : undefined;
  let status: Run['status'] = Number.isFinite(k1[0]!) && Number.isFinite(k1[1]!) ? 'running' : 'diverged';
  for (let k = 1; k <= s.steps && status === 'running'; k++) {
    // The steps from t_{k-1} to t_k: `left` of the interval still to go.
    let left = s.h;
    while (left > 0) {
      const last = dt >= left;
      const d = last ? left : dt;
      field(x + d * A21 * k1[0]!, y + d * A21 * k1[1]!, k2);
      field(x + d * (A31 * k1[0]! + A32 * k2[0]!), y + d * (A31 * k1[1]! + A32 * k2[1]!), k3);
      field(x + d * (A41 * k1[0]! + A42 * k2[0]! + A43 * k3[0]!), y + d * (A41 * k1[1]! + A42 * k2[1]! + A43 * k3[1]!), k4);
      field(x + d * (A51 * k1[0]! + A52 * k2[0]! + A53 * k3[0]! + A54 * k4[0]!), y + d * (A51 * k1[1]! + A52 * k2[1]! + A53 * k3[1]! + A54 * k4[1]!), k5);
      field(x + d * (A61 * k1[0]! + A62 * k2[0]! + A63 * k3[0]! + A64 * k4[0]! + A65 * k5[0]!), y + d * (A61 * k1[1]! + A62 * k2[1]! + A63 * k3[1]! + A64 * k4[1]! + A65 * k5[1]!), k6);
      const nx = inside(x + d * (B1 * k1[0]! + B3 * k3[0]! + B4 * k4[0]! + B5 * k5[0]! + B6 * k6[0]!), 0, clips);
      const ny = inside(y + d * (B1 * k1[1]! + B3 * k3[1]! + B4 * k4[1]! + B5 * k5[1]! + B6 * k6[1]!), 1, clips);
      field(nx, ny, k7);
      const ex = d * (E1 * k1[0]! + E3 * k3[0]! + E4 * k4[0]! + E5 * k5[0]! + E6 * k6[0]! + E7 * k7[0]!);
      const ey = d * (E1 * k1[1]! + E3 * k3[1]! + E4 * k4[1]! + E5 * k5[1]! + E6 * k6[1]! + E7 * k7[1]!);
      const sx = FLOW_TOLERANCE * Math.max(1, Math.abs(x), Math.abs(nx));
      const sy = FLOW_TOLERANCE * Math.max(1, Math.abs(y), Math.abs(ny));
      // The error in units of the tolerance (Hairer's norm), its squares as products (a call of
      // pow in Node 20's V8).
      const rx = ex / sx;
      const ry = ey / sy;
      const error = Math.sqrt(0.5 * (rx * rx + ry * ry));
      const finite = Number.isFinite(nx) && Number.isFinite(ny) && Number.isFinite(k7[0]!) && Number.isFinite(k7[1]!);
      // A jump in the field: the error fell by less than the square of the step's ratio since the last rejected try.
      jump ||= finite && error > 1 && rejected.error > 1 && d < rejected.d && error / rejected.error > (d / rejected.d) ** 2;
      const accepted = finite && (error <= 1 || (jump && d <= shortest && error * FLOW_TOLERANCE <= JUMP_TOLERANCE));
      if (accepted) {
        rejected.error = 0;
        jump = false;
        tape?.add(time, d, x, y, nx, ny, k1, k3, k4, k5, k6, k7);
        time = last ? k * s.h : time + d;
        x = nx;
        y = ny;
        k1[0] = k7[0]!;
        k1[1] = k7[1]!;
        left = last ? 0 : left - d;
        // Past ESCAPE_RADIUS, within a step or at its end: the path ends at that point.
        if (x * x + y * y > ESCAPE_SQUARED) {
          status = 'diverged';
          points[2 * n] = x;
          points[2 * n + 1] = y;
          n++;
          break;
        }
      }
      if (tape?.period !== undefined) break;
      if (evaluations > FLOW_EVALUATIONS) {
        status = 'stopped';
        break;
      }
      // The next step from this one's error (Hairer's rule: at most five times longer, at most
      // ten times shorter, ten times where the end is not finite); at a jump, no shorter than the
      // shortest step, and half as long where that one's error is past JUMP_TOLERANCE; a step
      // cut short to land on t_k does not shorten the next.
      const factor = error > 0 ? Math.min(5, Math.max(0.1, 0.9 * error ** -0.2)) : 5;
      if (!accepted) {
        rejected.d = d;
        rejected.error = finite ? error : 0;
      }
      if (!finite) dt = d * 0.1;
      else if (!accepted) dt = jump && d > shortest ? Math.max(d * factor, shortest) : jump ? d / 2 : d * factor;
      else if (error > 1) dt = shortest;
      else if (!last || factor < 1) dt = d * factor;
      else dt = Math.max(dt, d * factor);
      if (dt < VANISHING_STEP * s.h) {
        status = 'diverged';
        break;
      }
    }
    if (status !== 'running') break;
    if (tape?.period !== undefined) {
      // Periodic from here: t_k and t_k mod P are the same point of the orbit.
      const { period } = tape;
      const point = new Float64Array(2);
      for (; n <= s.steps; n++) {
        const t = n * s.h;
        tape.pointAt(t - period * Math.floor(t / period), point);
        points[2 * n] = point[0]!;
        points[2 * n + 1] = point[1]!;
      }
      break;
    }
    points[2 * n] = x;
    points[2 * n + 1] = y;
    n++;
  }
  return { path: points.subarray(0, 2 * n), steps: n - 1, status };
}

/** A coordinate (0: theta, 1: phi) put inside the clips on it, as the training steps put it. */
function inside(value: number, index: 0 | 1, clips: readonly Clip[]): number {
  for (let c = 0; c < clips.length; c++) if (clips[c]!.index === index) value = clip(value, clips[c]!.bound);
  return value;
}
