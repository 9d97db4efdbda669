/**
 * The first revolution of a closed orbit, kept so that the rest of a flow is read off it. Where
 * the analysis proves that the flow conserves a quadratic form H identically and the field is one
 * smooth formula (no kinks, no clips), every orbit lies on a level curve of H; a flow that comes
 * back to its start after a time P is periodic: x(t) = x(t mod P) (an autonomous flow's solutions
 * are unique). A game whose flow circles for
 * ever (WGAN, the GAN) otherwise integrates every revolution again, up to t = 500 h (at h = 5,
 * hundreds of revolutions, 55,000-160,000 evaluations of the field, most of a move of h).
 *
 * The tape holds each accepted Dormand-Prince step with its dense output (Hairer, Norsett and
 * Wanner, Solving ODEs I, II.6: the continuous extension of order 4 of the 5(4) pair, their
 * coefficients d), and the angle the path has turned around the equilibrium (0, 0). When it has
 * turned a whole turn, the time P of the return to the start's ray is found on the dense output,
 * and the return is taken only where it lands on the start (within RETURN_TOLERANCE): on a level
 * curve of a definite H it must, so a miss means a premise failed, and the flow is integrated on
 * as before.
 */

// The dense output's coefficients of the stages (Hairer's d1, d3, ..., d7; d2 = 0).
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;
/** A step may turn the path at most this far around (0, 0): beyond, the angle between its ends
 * no longer says which way it turned, and the tape gives up. */
const LARGEST_TURN = Math.PI / 2;
/** How near the start the path must come back, relative to the start's distance from (0, 0)
 * (and absolute below 1): a thousand times the error each step may make (FLOW_TOLERANCE). */
export const RETURN_TOLERANCE = 3e-5;
/** Numbers kept per step: t0, d, then for theta and phi the point and the four coefficients. */
const WIDTH = 12;

export class OrbitTape {
  private data = new Float64Array(WIDTH * 64);
  private count = 0;
  /** The angle turned so far around (0, 0), signed. */
  private turned = 0;
  private failed: boolean;
  /** The period, once the path has come back to the start. */
  period: number | undefined;

  constructor(private readonly start: readonly [number, number]) {
    this.failed = !(Math.hypot(start[0], start[1]) > 1e-9);
  }

  /** Whether the tape still follows the flow, with no period found yet. */
  get open(): boolean {
    return !this.failed && this.period === undefined;
  }

  /** An accepted step of length d at t0 from (x, y) to (nx, ny), with its stages k1, k3, ..., k7. */
  add(t0: number, d: number, x: number, y: number, nx: number, ny: number, k1: Float64Array, k3: Float64Array, k4: Float64Array, k5: Float64Array, k6: Float64Array, k7: Float64Array): void {
    if (!this.open) return;
    const turn = Math.atan2(x * ny - y * nx, x * nx + y * ny);
    if (!(Math.abs(turn) < LARGEST_TURN)) {
      this.failed = true;
      return;
    }
    if (this.count * WIDTH === this.data.length) {
      const grown = new Float64Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    const row = this.count * WIDTH;
    const t = this.data;
    t[row] = t0;
    t[row + 1] = d;
    for (let c = 0; c < 2; c++) {
      const at = row + 2 + 5 * c;
      const y0 = c === 0 ? x : y;
      const difference = (c === 0 ? nx : ny) - y0;
      const slope = d * k1[c]! - difference;
      t[at] = y0;
      t[at + 1] = difference;
      t[at + 2] = slope;
      t[at + 3] = difference - d * k7[c]! - slope;
      t[at + 4] = d * (D1 * k1[c]! + D3 * k3[c]! + D4 * k4[c]! + D5 * k5[c]! + D6 * k6[c]! + D7 * k7[c]!);
    }
    this.count++;
    const before = this.turned;
    this.turned += turn;
    if (Math.abs(this.turned) >= 2 * Math.PI) this.close(this.count - 1, before);
  }

  /** The path's point at time tau of the tape (0 <= tau <= the last step's end) into out. */
  pointAt(tau: number, out: Float64Array): Float64Array {
    // The step holding tau: the last whose start is at or before it.
    let [low, high] = [0, this.count - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.data[middle * WIDTH]! <= tau) low = middle;
      else high = middle - 1;
    }
    return this.dense(low, (tau - this.data[low * WIDTH]!) / this.data[low * WIDTH + 1]!, out);
  }

  /** The dense output of step i at theta in [0, 1]. */
  private dense(i: number, theta: number, out: Float64Array): Float64Array {
    const row = i * WIDTH;
    const t = this.data;
    const rest = 1 - theta;
    for (let c = 0; c < 2; c++) {
      const at = row + 2 + 5 * c;
      out[c] = t[at]! + theta * (t[at + 1]! + rest * (t[at + 2]! + theta * (t[at + 3]! + rest * t[at + 4]!)));
    }
    return out;
  }

  /** The path passed a whole turn within step i (having turned `before` at its start): the time
   * of the whole turn, by bisection on the step's dense output, is the period if the path is
   * back at the start there. */
  private close(i: number, before: number): void {
    const row = i * WIDTH;
    const [x, y] = [this.data[row + 2]!, this.data[row + 7]!];
    const point = new Float64Array(2);
    const turnedAt = (theta: number): number => {
      this.dense(i, theta, point);
      return Math.abs(before + Math.atan2(x * point[1]! - y * point[0]!, x * point[0]! + y * point[1]!));
    };
    let [low, high] = [0, 1];
    for (let k = 0; k < 60; k++) {
      const middle = 0.5 * (low + high);
      if (turnedAt(middle) < 2 * Math.PI) low = middle;
      else high = middle;
    }
    this.dense(i, high, point);
    const scale = RETURN_TOLERANCE * Math.max(1, Math.hypot(this.start[0], this.start[1]));
    if (Math.hypot(point[0]! - this.start[0], point[1]! - this.start[1]) <= scale) this.period = this.data[row]! + high * this.data[row + 1]!;
    else this.failed = true;
  }
}
