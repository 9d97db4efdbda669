/**
 * Where a training method converges from, beyond the neighbourhood the linearisation speaks
 * of: the basin of (0, 0) over start points in the phase portrait's box, at the defaults, by
 * running the generated `trajectory` from each start (a method that is locally stable can
 * still diverge from (1, 1)). Drawn for the methods whose linearised verdict is convergence:
 * at the default h when it is below the learning-rate bound, else at half the bound.
 */
import type { Game } from './game.js';
import { defaultParams, generatedResult, runRate } from './discrete.js';
import type { Method } from '../model/numerics.js';
import { FIELD_BOX } from '../plots/field.js';

/** Start points per side of the box. */
export const BASIN_GRID = 15;
/** The run from each start: at most this many steps, converged within 1e-3 of (0, 0), diverged past 1e3. */
export const BASIN_RUN = { steps: 2000, tolerance: 1e-3, divergenceBound: 1e3 } as const;

export type Outcome = 'converged' | 'diverged' | 'running';

export interface Basin {
  readonly method: Method;
  readonly h: number;
  /** The start points, theta-major: start i * BASIN_GRID + k is (thetas[i], phis[k]). */
  readonly thetas: readonly number[];
  readonly phis: readonly number[];
  readonly outcomes: readonly Outcome[];
}

const CONVERGING = new Set(['converges-below-bound', 'converges-for-all-h']);

/** The centres of BASIN_GRID equal cells across the range, so that the squares tile the box. */
const grid = ([low, high]: readonly [number, number]): number[] =>
  Array.from({ length: BASIN_GRID }, (_, i) => low + ((high - low) * (i + 0.5)) / BASIN_GRID);

/** Each game's basins, computed once for both languages' pages. */
const basins = new Map<string, Basin | undefined>();

/** The basin of a method at the defaults; undefined where the linearisation does not say the method converges. */
export function basinOf(game: Game, method: Method): Basin | undefined {
  const key = `${game.id} ${method}`;
  if (!basins.has(key)) basins.set(key, computeBasin(game, method));
  return basins.get(key);
}

function computeBasin(game: Game, method: Method): Basin | undefined {
  const { trajectory } = game.evaluator;
  const result = generatedResult(game, method);
  if (!result.verdict || !CONVERGING.has(result.verdict)) return undefined;
  const h = runRate(result.bound);
  const p = defaultParams(game);
  const [thetas, phis] = [grid(FIELD_BOX.theta), grid(FIELD_BOX.phi)];
  // Only each run's outcome is kept: every run's path goes into one buffer, not a new array.
  const limits = { ...BASIN_RUN, buffer: new Float64Array(2 * (BASIN_RUN.steps + 1)) };
  const outcomes = thetas.flatMap((theta) =>
    phis.map((phi): Outcome => {
      const run = method === 'alternating'
        ? trajectory(method, [theta, phi], { schedule: { hG: h, hD: h, nG: 1, nD: 1 }, ...limits }, p)
        : trajectory(method, [theta, phi], { h, ...limits }, p);
      return run.status;
    }),
  );
  return { method, h, thetas, phis, outcomes };
}
