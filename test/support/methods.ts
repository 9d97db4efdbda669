/**
 * The training methods of methods/, loaded once per test worker (as `npm run generate` loads
 * them), and a method run on numbers: its rule stepped on a game's own field and Jacobian (the
 * generated evaluators), the independent side of the tests of its linearisation.
 */
import path from 'node:path';
import { loadMethods } from '../../generator/load/methods.js';
import type { MethodDefinition, State } from '../../generator/method.js';
import { NUMBERS, initialState, runStep, stepContext } from '../../generator/methods/context.js';
import type { Variant } from '../../generator/methods/context.js';
import { DIRAC_PLAYERS } from '../../generator/methods/analyse.js';
import type { Evaluator, Params } from './evaluators.js';
import { ROOT } from './records.js';

let loaded: Promise<MethodDefinition[]> | undefined;

export function loadedMethods(): Promise<MethodDefinition[]> {
  loaded ??= loadMethods(path.join(ROOT, 'methods'), ROOT).then(({ methods, errors }) => {
    if (errors.length) throw new Error(errors.map((e) => e.message).join('\n'));
    return methods;
  });
  return loaded;
}


export interface NumericRun {
  readonly method: MethodDefinition;
  readonly variant: Variant;
  readonly game: Evaluator;
  readonly params: Params;
  /** h_G, and h_D unless hD gives it. */
  readonly h: number;
  readonly hD?: number;
  /** The method's hyperparameters and counts. */
  readonly hyperparameters: Readonly<Record<string, number>>;
}

/** One step of the method on the game's field, from a state of numbers. */
export function numericStep(run: NumericRun): (state: State<number>) => State<number> {
  const field = new Float64Array(2);
  const jacobian = new Float64Array(4);
  const counts = Object.fromEntries(Object.keys(run.method.counts ?? {}).map((name) => [name, run.hyperparameters[name]!]));
  const context = stepContext<number>({
    scalars: NUMBERS,
    v: ([theta, phi]) => [...run.game.vectorField(theta!, phi!, run.params, field)],
    jacobian: ([theta, phi]) => {
      const j = run.game.jacobian(theta!, phi!, run.params, jacobian);
      return [[j[0]!, j[1]!], [j[2]!, j[3]!]];
    },
    rates: { generator: run.h, discriminator: run.hD ?? run.h },
    p: run.hyperparameters,
    counts,
    players: DIRAC_PLAYERS,
  });
  return (state) => runStep(run.method, run.variant, state, context);
}

/** The whole state as one vector: x, then each memory. */
export const flatten = (method: MethodDefinition, state: State<number>): number[] => ['x', ...method.memory].flatMap((name) => [...state[name]!]);
export const unflatten = (method: MethodDefinition, values: readonly number[]): State<number> =>
  Object.fromEntries(['x', ...method.memory].map((name, i) => [name, values.slice(2 * i, 2 * i + 2)]));

/** The growth rate per step of the state's size, from a run of `steps` from a small start: the
 * least-squares slope of log |state| over the second half of the run. */
export function growthRate(run: NumericRun, steps: number, start = 1e-6): number {
  const step = numericStep(run);
  let state = initialState(run.method, [start, start * 0.7], NUMBERS);
  const logs: number[] = [];
  // The state is rescaled to the start's size whenever it leaves [1e-9, 1e-4], so that neither a
  // divergence nor a convergence leaves the range where the field is linear to rounding; `offset`
  // keeps the logarithms those of the run without rescaling.
  let offset = 0;
  for (let k = 0; k < steps; k++) {
    state = step(state);
    const size = Math.hypot(...flatten(run.method, state));
    logs.push(Math.log(size) - offset);
    if (size > 1e-4 || size < 1e-9) {
      const factor = start / size;
      state = Object.fromEntries(Object.entries(state).map(([name, v]) => [name, v.map((x) => x * factor)]));
      offset += Math.log(factor);
    }
  }
  const half = logs.slice(Math.floor(steps / 2));
  const n = half.length;
  const meanX = (n - 1) / 2;
  const meanY = half.reduce((a, b) => a + b, 0) / n;
  let [sxy, sxx] = [0, 0];
  half.forEach((y, x) => { sxy += (x - meanX) * (y - meanY); sxx += (x - meanX) ** 2; });
  return Math.exp(sxy / sxx);
}
