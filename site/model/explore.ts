/**
 * One state of the exploration (hyperparameters, learning rate, n_D, steps, start, method)
 * and everything drawn from it: the three runs, the eigenvalues of the update maps, and the
 * pictures' accessible descriptions. The build draws the static pictures from the default
 * state with these functions; the page calls the same ones on every slider move.
 */
import type { Rates } from '../../generated/runtime/methods.js';
import { clipBound } from '../../generator/contract/records.js';
import type { ClipBound } from '../../generator/contract/records.js';
import type { ClientStrings as Strings } from '../i18n-client.js';
import { num, point } from '../i18n-client.js';
import type { ActivationDerivatives, PageEvaluator, Params } from './params.js';
import { paramsFor } from './params.js';
import type { Clip, Method, Run } from './numerics.js';
import { discreteRun } from './numerics.js';
import { flowRun } from './flow.js';
import type { Series } from '../plots/field.js';
import { SERIES, endOf } from '../plots/field.js';
import type { EigenSeries } from '../plots/eigen.js';

export type MethodChoice = 'simultaneous' | 'alternating' | 'both';

export interface State {
  readonly values: Readonly<Record<string, number>>;
  readonly h: number;
  readonly nD: number;
  readonly steps: number;
  readonly start: readonly [number, number];
  readonly method: MethodChoice;
  /** Whether the runs from EXTRA_STARTS are drawn too. */
  readonly several: boolean;
}

/** The other starts drawn on request, as the paper's notebook draws several: the four points at
 * distance 1.5 on the axes (one player at the equilibrium, the other away from it). */
export const EXTRA_STARTS: readonly (readonly [number, number])[] = [[1.5, 0], [0, 1.5], [-1.5, 0], [0, -1.5]];

/** What a game page's exploration needs to know about the game (embedded in the page as JSON). */
export interface ExploreSpec {
  readonly id: string;
  readonly title: string;
  readonly abstractActivation: boolean;
  readonly hyperparameters: readonly { readonly name: string; readonly symbol: string; readonly default: number; readonly range: readonly [number, number] }[];
  readonly differentiable: boolean;
  /** The record's clips: the parameter and its bound, an expression in the hyperparameters. */
  readonly constraints: readonly { readonly parameter: 'theta' | 'phi'; readonly bound: ClipBound }[];
  /** The flow's orbits lie on closed curves, as the analysis proves it (data/game.ts,
   * closedOrbits): a flow back at its start is read off its first revolution (flow.ts). */
  readonly closedOrbits: boolean;
}

/** Settings of the pictures before anyone moves a slider. */
export const DEFAULT_RUN = { h: 0.2, nD: 1, steps: 500, start: [1, 1] as const };

/** The sliders' ranges for the run settings (hyperparameters use their records' ranges). */
export const RUN_RANGES = {
  h: [0.001, 5] as const,
  nD: [1, 10] as const,
  steps: [10, 2000] as const,
  start: [-2.4, 2.4] as const,
};

export const defaultState = (spec: ExploreSpec): State => ({
  values: Object.fromEntries(spec.hyperparameters.map((h) => [h.name, h.default])),
  h: DEFAULT_RUN.h,
  nD: DEFAULT_RUN.nD,
  steps: DEFAULT_RUN.steps,
  start: DEFAULT_RUN.start,
  method: 'both',
  several: false,
});

/** The parameters at the state; `sample`: the activation a game that leaves f abstract is drawn with. */
export const paramsOf = (state: State, sample: ActivationDerivatives | undefined): Params => paramsFor(sample, state.values);

/** The record's clips at the state's hyperparameters, for the flow. */
export function clipsOf(spec: ExploreSpec, values: Readonly<Record<string, number>>): Clip[] {
  return spec.constraints.flatMap((c): Clip[] => {
    const bound = clipBound(c.bound, values);
    // A bound that is not positive at these values clips nothing meaningful: the flow runs free.
    return Number.isFinite(bound) && bound > 0 ? [{ index: c.parameter === 'theta' ? 0 : 1, bound }] : [];
  });
}

export function runs(game: PageEvaluator, spec: ExploreSpec, state: State): Record<Series, Run> {
  const p = paramsOf(state, game.sampleActivation);
  const settings = { h: state.h, nD: state.nD, steps: state.steps, start: state.start };
  return {
    flow: flowRun(game, p, settings, clipsOf(spec, state.values), spec.closedOrbits),
    simultaneous: discreteRun(game, p, 'simultaneous', settings),
    alternating: discreteRun(game, p, 'alternating', settings),
  };
}

/** The runs from EXTRA_STARTS, with the state's other settings. */
export const extraRuns = (game: PageEvaluator, spec: ExploreSpec, state: State): Record<Series, Run>[] =>
  EXTRA_STARTS.map((start) => runs(game, spec, { ...state, start }));

/** The training methods the exploration runs and draws. */
export type Shown = Exclude<MethodChoice, 'both'>;

export const shownMethods = (choice: MethodChoice): Shown[] => (choice === 'both' ? ['simultaneous', 'alternating'] : [choice]);

export function fieldDesc(t: Strings, spec: ExploreSpec, state: State, r: Record<Series, Run>, extra: readonly Record<Series, Run>[] = []): string {
  const visible = SERIES.filter((s) => s === 'flow' || shownMethods(state.method).includes(s));
  const ends = visible.map((series) => {
    const run = r[series];
    const name = series === 'flow' ? t.flow : t[series];
    if (run.status === 'diverged') return t.escapes(name, run.steps);
    if (run.status === 'converged') return t.reaches(name, run.steps);
    if (run.status === 'stopped') return t.stops(name, run.steps);
    const [a, b] = endOf(run.path);
    return t.endsAt(name, point(a, b));
  });
  const main = t.fieldDesc(spec.title, point(state.start[0], state.start[1]), ends.join('; '));
  if (extra.length === 0) return main;
  // From the other starts (each 1.5 from (0, 0)): how near and how far from (0, 0) the runs of
  // each series end, and how many diverge.
  const counts = visible.map((series) => {
    const ended = extra.filter((runs) => runs[series].status !== 'diverged').map((runs) => Math.hypot(...endOf(runs[series].path)));
    const range = [num(Math.min(...ended), 3), num(Math.max(...ended), 3)] as const;
    return t.extraEnds(series === 'flow' ? t.flow : t[series], ended.length, range, extra.length - ended.length);
  });
  return `${main}${t.extraDesc(EXTRA_STARTS.map(([a, b]) => point(a, b)).join(', '), counts)}`;
}

export interface EigenData {
  readonly series: EigenSeries[];
  readonly desc: string;
}

/** The rates of a method at the state: one h, or for alternating steps the schedule with n_D. */
export const ratesOf = (method: Method, state: State): Rates => (method === 'alternating' ? { hG: state.h, hD: state.h, nG: 1, nD: state.nD } : { h: state.h });

/** The update maps' eigenvalues for the state, from the generated `updateEigenvalues` and
 * `spectralRadius`, or undefined where J(0, 0) does not exist. */
export function eigenData(t: Strings, game: PageEvaluator, p: Params, state: State): EigenData | undefined {
  const { updateEigenvalues, spectralRadius } = game;
  if (!updateEigenvalues || !spectralRadius) return undefined;
  const series = shownMethods(state.method).map((method): EigenSeries => {
    const rates = ratesOf(method, state);
    const name = method === 'alternating' ? `${t.alternating} (n_D = ${state.nD})` : t.simultaneous;
    return { method, eigenvalues: updateEigenvalues(method, rates, p), label: t.rhoOf(name, num(spectralRadius(method, rates, p), 4)) };
  });
  const parts = series.map((s) => `${s.label}: ${s.eigenvalues.re.map((re, i) => complex(re, s.eigenvalues.im[i]!)).join(', ')}`);
  return { series, desc: t.eigenDesc(parts.join('; ')) };
}

export const complex = (re: number, im: number, digits = 4): string => (im === 0 ? num(re, digits) : `${num(re, digits)} ${im < 0 ? '−' : '+'} ${num(Math.abs(im), digits)}i`);
