/**
 * Where the linearisation says alternating steps cycle (the update map's eigenvalues on the
 * unit circle), the nonlinear terms decide whether the iterates drift in, stay or drift out.
 * Not proved here: measured, by running the generated `trajectory` from a start near (0, 0)
 * at the defaults, and said as a simulation's finding with its numbers.
 */
import type { Game } from './game.js';
import { defaultParams, generatedResult, runRate } from './discrete.js';
import type { Method } from '../model/numerics.js';

/** The run: from (0.1, 0), this many steps. */
export const DRIFT_RUN = { start: [0.1, 0] as const, steps: 20_000 };

export type DriftKind = 'in' | 'stays' | 'out' | 'unclear';

export interface Drift {
  readonly method: Method;
  readonly h: number;
  /** max r^2 over the last tenth of the run over max r^2 over its second tenth (the first is left to transients, such as a clip). */
  readonly ratio: number;
  readonly kind: DriftKind;
}

/** Within this of 1 the iterates stay (to rounding over the run); beyond 1 % they drift. */
const STAYS = 1e-6;
const DRIFTS = 1e-2;

export function driftOf(game: Game, method: Method): Drift | undefined {
  const result = generatedResult(game, method);
  if (result.verdict !== 'cycles-below-bound') return undefined;
  const h = runRate(result.bound);
  const p = defaultParams(game);
  const options = { steps: DRIFT_RUN.steps, tolerance: 1e-12, ...(method === 'alternating' ? { schedule: { hG: h, hD: h, nG: 1, nD: 1 } } : { h }) };
  const { path } = game.evaluator.trajectory(method, DRIFT_RUN.start, options, p);
  const n = path.length / 2;
  const tenth = Math.floor(n / 10);
  const largest = (from: number, to: number): number => {
    let m = 0;
    for (let k = from; k < to; k++) m = Math.max(m, path[2 * k]! ** 2 + path[2 * k + 1]! ** 2);
    return m;
  };
  const ratio = largest(n - tenth, n) / largest(tenth, 2 * tenth);
  const kind: DriftKind = Math.abs(ratio - 1) <= STAYS ? 'stays' : ratio < 1 - DRIFTS ? 'in' : ratio > 1 + DRIFTS ? 'out' : 'unclear';
  return { method, h, ratio, kind };
}
