/**
 * The numbers behind the pictures, computed from the generated evaluators: trajectories of
 * the continuous flow (fixed-step RK4) and of simultaneous and alternating gradient steps,
 * the linearised update maps at the equilibrium, their eigenvalues and spectral radius, the
 * largest stable learning rate, and short streamlines of the field. Shared by the build and
 * the page; allocation-light, because the page re-runs it on every slider move.
 */
import type { Evaluator, Params } from './params.js';

export type Method = 'simultaneous' | 'alternating';
export const METHODS: readonly Method[] = ['simultaneous', 'alternating'];

/** What a trajectory needs besides the game. */
export interface RunSettings {
  /** Learning rate h (both players). */
  readonly h: number;
  /** Discriminator steps per round of alternating steps (one generator step). */
  readonly nD: number;
  readonly steps: number;
  readonly start: readonly [number, number];
}

/** A run stops early when it leaves this radius (it has diverged) or is not finite. */
export const ESCAPE_RADIUS = 1e3;

/**
 * Iterates `step` from the start; returns the points as [theta0, phi0, theta1, phi1, ...]
 * (fewer than steps + 1 points when the run escapes).
 */
function iterate(steps: number, start: readonly [number, number], step: (theta: number, phi: number, out: Float64Array) => Float64Array): Float64Array {
  const points = new Float64Array(2 * (steps + 1));
  const z = new Float64Array(2);
  let theta = start[0];
  let phi = start[1];
  points[0] = theta;
  points[1] = phi;
  let n = 1;
  for (let k = 0; k < steps; k++) {
    step(theta, phi, z);
    theta = z[0]!;
    phi = z[1]!;
    if (!Number.isFinite(theta) || !Number.isFinite(phi)) break;
    points[2 * n] = theta;
    points[2 * n + 1] = phi;
    n++;
    if (Math.abs(theta) > ESCAPE_RADIUS || Math.abs(phi) > ESCAPE_RADIUS) break;
  }
  return points.subarray(0, 2 * n);
}

/** `steps` iterates of simultaneous or alternating gradient steps (Mescheder et al. 2017, 2018). */
export function discreteRun(game: Evaluator, p: Params, method: Method, s: RunSettings): Float64Array {
  if (method === 'simultaneous') return iterate(s.steps, s.start, (theta, phi, out) => game.simultaneousStep(theta, phi, s.h, p, out));
  const schedule = { hG: s.h, hD: s.h, nG: 1, nD: s.nD };
  return iterate(s.steps, s.start, (theta, phi, out) => game.alternatingStep(theta, phi, schedule, p, out));
}

/**
 * The continuous flow d(theta, phi)/dt = v(theta, phi) over the same time as the discrete run,
 * t = steps * h, by classical fixed-step RK4 with `substeps` steps of size h/substeps per point.
 */
export function flowRun(game: Evaluator, p: Params, s: RunSettings, substeps = 4): Float64Array {
  const dt = s.h / substeps;
  const k1 = new Float64Array(2);
  const k2 = new Float64Array(2);
  const k3 = new Float64Array(2);
  const k4 = new Float64Array(2);
  return iterate(s.steps, s.start, (theta, phi, out) => {
    let x = theta;
    let y = phi;
    for (let i = 0; i < substeps; i++) {
      game.vectorField(x, y, p, k1);
      game.vectorField(x + 0.5 * dt * k1[0]!, y + 0.5 * dt * k1[1]!, p, k2);
      game.vectorField(x + 0.5 * dt * k2[0]!, y + 0.5 * dt * k2[1]!, p, k3);
      game.vectorField(x + dt * k3[0]!, y + dt * k3[1]!, p, k4);
      x += (dt / 6) * (k1[0]! + 2 * k2[0]! + 2 * k3[0]! + k4[0]!);
      y += (dt / 6) * (k1[1]! + 2 * k2[1]! + 2 * k3[1]! + k4[1]!);
    }
    out[0] = x;
    out[1] = y;
    return out;
  });
}

/** A 2x2 matrix, row-major. */
export type Matrix2 = readonly [number, number, number, number];

const multiply = (a: Matrix2, b: Matrix2): Matrix2 => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
];

/** J(0, 0) from the generated `jacobian`, or undefined where the equilibrium has none. */
export function equilibriumJacobian(game: Evaluator, p: Params): Matrix2 | undefined {
  if (game.equilibriumNotDifferentiable) return undefined;
  const j = game.jacobian(0, 0, p);
  const m: Matrix2 = [j[0]!, j[1]!, j[2]!, j[3]!];
  return m.every(Number.isFinite) ? m : undefined;
}

/**
 * The update map linearised at the equilibrium. Simultaneous: I + hJ. Alternating (n_D
 * discriminator steps, then one generator step, as `alternatingStep` does): the product
 * G * D^{n_D} with D = [[1, 0], [h J_21, 1 + h J_22]] and G = [[1 + h J_11, h J_12], [0, 1]].
 */
export function updateMatrix(j: Matrix2, method: Method, h: number, nD = 1): Matrix2 {
  if (method === 'simultaneous') return [1 + h * j[0], h * j[1], h * j[2], 1 + h * j[3]];
  const d: Matrix2 = [1, 0, h * j[2], 1 + h * j[3]];
  const g: Matrix2 = [1 + h * j[0], h * j[1], 0, 1];
  let m: Matrix2 = [1, 0, 0, 1];
  for (let i = 0; i < nD; i++) m = multiply(d, m);
  return multiply(g, m);
}

export interface Complex2 {
  readonly re: readonly [number, number];
  readonly im: readonly [number, number];
}

/** Eigenvalues of a 2x2 matrix from its trace and determinant. */
export function eigenvalues2(m: Matrix2): Complex2 {
  const half = (m[0] + m[3]) / 2;
  const det = m[0] * m[3] - m[1] * m[2];
  const disc = half * half - det;
  if (disc >= 0) {
    const r = Math.sqrt(disc);
    return { re: [half + r, half - r], im: [0, 0] };
  }
  const r = Math.sqrt(-disc);
  return { re: [half, half], im: [r, -r] };
}

export const spectralRadius = (m: Matrix2): number => {
  const e = eigenvalues2(m);
  return Math.max(Math.hypot(e.re[0], e.im[0]), Math.hypot(e.re[1], e.im[1]));
};

/** Spectral radii within this distance of 1 count as 1 (rounding in |lambda| = 1 orbits). */
export const MARGINAL = 1e-9;

export interface StepBounds {
  /** Largest h with rho < 1 on all of (0, h], or null if none; Infinity if past the scan. */
  readonly convergesBelow: number | null;
  /** Largest h with rho <= 1 on all of (0, h] (orbits that neither converge nor diverge). */
  readonly boundedBelow: number | null;
}

/** The scanned learning rates run from H_MIN to H_MAX. */
export const H_MIN = 1e-4;
export const H_MAX = 100;

/**
 * Largest stable learning rates, numerically: rho(h) on a log grid from H_MIN to H_MAX, then
 * bisection at the first crossing. A tool for the pictures and for the index while the
 * records carry no discrete-time results of their own.
 */
export function stepBounds(j: Matrix2, method: Method, nD = 1): StepBounds {
  const rho = (h: number): number => spectralRadius(updateMatrix(j, method, h, nD));
  const bound = (ok: (r: number) => boolean): number | null => {
    const n = 600;
    let previous = 0;
    for (let i = 0; i <= n; i++) {
      const h = H_MIN * (H_MAX / H_MIN) ** (i / n);
      if (!ok(rho(h))) {
        if (i === 0) return null;
        let lo = previous;
        let hi = h;
        for (let k = 0; k < 60; k++) {
          const mid = (lo + hi) / 2;
          if (ok(rho(mid))) lo = mid;
          else hi = mid;
        }
        return lo;
      }
      previous = h;
    }
    return Infinity;
  };
  return { convergesBelow: bound((r) => r < 1 - MARGINAL), boundedBelow: bound((r) => r <= 1 + MARGINAL) };
}

/** A domain [lo, hi] on each axis. */
export interface Box {
  readonly theta: readonly [number, number];
  readonly phi: readonly [number, number];
}

/**
 * Short streamlines of the field's direction: from each point of a grid, `pieces` RK2 steps of
 * the normalised field, of total length `length` (in parameter units). Returns polylines as
 * flat arrays [theta0, phi0, theta1, phi1, ...].
 */
export function streamlets(game: Evaluator, p: Params, box: Box, grid: number, length: number, pieces = 5): Float64Array[] {
  const lines: Float64Array[] = [];
  const v = new Float64Array(2);
  const ds = length / pieces;
  const direction = (x: number, y: number): [number, number] | undefined => {
    game.vectorField(x, y, p, v);
    const n = Math.hypot(v[0]!, v[1]!);
    return n > 1e-12 && Number.isFinite(n) ? [v[0]! / n, v[1]! / n] : undefined;
  };
  for (let i = 0; i < grid; i++) {
    for (let k = 0; k < grid; k++) {
      let x = box.theta[0] + ((i + 0.5) / grid) * (box.theta[1] - box.theta[0]);
      let y = box.phi[0] + ((k + 0.5) / grid) * (box.phi[1] - box.phi[0]);
      const line = new Float64Array(2 * (pieces + 1));
      line[0] = x;
      line[1] = y;
      let n = 1;
      for (; n <= pieces; n++) {
        const d1 = direction(x, y);
        if (!d1) break;
        const d2 = direction(x + 0.5 * ds * d1[0], y + 0.5 * ds * d1[1]);
        if (!d2) break;
        x += ds * d2[0];
        y += ds * d2[1];
        line[2 * n] = x;
        line[2 * n + 1] = y;
      }
      if (n > 2) lines.push(line.subarray(0, 2 * n));
    }
  }
  return lines;
}
