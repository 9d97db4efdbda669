/**
 * The continuous flow d(theta, phi)/dt = v, integrated by odex (Hairer and Wanner's
 * Gragg-Bulirsch-Stoer extrapolation code): an adaptive solver that knows nothing of how
 * the field was made.
 */
import odex from 'odex';

export type Field = (theta: number, phi: number) => readonly [number, number];

export interface Trajectory {
  /** Times 0, dt, 2 dt, ..., tEnd. */
  readonly t: number[];
  readonly theta: number[];
  readonly phi: number[];
}

export function integrate(v: Field, start: readonly [number, number], tEnd: number, dt: number, tolerance = 1e-12): Trajectory {
  const solver = new odex.Solver(2);
  solver.absoluteTolerance = solver.relativeTolerance = tolerance;
  solver.denseOutput = true;
  solver.maxSteps = 1_000_000;
  const trajectory: Trajectory = { t: [], theta: [], phi: [] };
  const derivative = (_t: number, y: number[]): number[] => [...v(y[0]!, y[1]!)];
  const result = solver.solve(derivative, 0, [...start], tEnd, solver.grid(dt, (t: number, y: number[]) => {
    trajectory.t.push(t);
    trajectory.theta.push(y[0]!);
    trajectory.phi.push(y[1]!);
  }));
  if (result.outcome !== 0) throw new Error(`odex did not reach t = ${tEnd} (outcome ${result.outcome})`);
  // The grid's last time can fall a rounding short of tEnd and be skipped: the end state is odex's own.
  if (trajectory.t[trajectory.t.length - 1]! < tEnd - 1e-9 * dt) {
    trajectory.t.push(tEnd);
    trajectory.theta.push(result.y[0]!);
    trajectory.phi.push(result.y[1]!);
  }
  return trajectory;
}
