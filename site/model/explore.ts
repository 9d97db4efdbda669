/**
 * One state of the exploration (hyperparameters, learning rate, n_D, steps, start, method)
 * and everything drawn from it: the three runs, the eigenvalues of the update maps, and the
 * pictures' accessible descriptions. The build draws the static pictures from the default
 * state with these functions; the page calls the same ones on every slider move.
 */
import type { Strings } from '../i18n.js';
import { num, point } from '../i18n.js';
import type { Evaluator, Params } from './params.js';
import { paramsFor } from './params.js';
import type { Complex2, Method } from './numerics.js';
import { ESCAPE_RADIUS, discreteRun, eigenvalues2, equilibriumJacobian, flowRun, spectralRadius, updateMatrix } from './numerics.js';
import type { Series } from '../plots/field.js';
import { SERIES, endOf, stepsOf } from '../plots/field.js';
import type { EigenSeries } from '../plots/eigen.js';

export type MethodChoice = Method | 'both';

export interface State {
  readonly values: Readonly<Record<string, number>>;
  readonly h: number;
  readonly nD: number;
  readonly steps: number;
  readonly start: readonly [number, number];
  readonly method: MethodChoice;
}

/** What a game page's exploration needs to know about the game (embedded in the page as JSON). */
export interface ExploreSpec {
  readonly id: string;
  readonly title: string;
  readonly abstractActivation: boolean;
  readonly hyperparameters: readonly { readonly name: string; readonly default: number; readonly range: readonly [number, number] }[];
  readonly differentiable: boolean;
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
});

export const paramsOf = (spec: ExploreSpec, state: State): Params => paramsFor(spec.abstractActivation, state.values);

export function runs(game: Evaluator, p: Params, state: State): Record<Series, Float64Array> {
  const settings = { h: state.h, nD: state.nD, steps: state.steps, start: state.start };
  return {
    flow: flowRun(game, p, settings),
    simultaneous: discreteRun(game, p, 'simultaneous', settings),
    alternating: discreteRun(game, p, 'alternating', settings),
  };
}

export const shownMethods = (choice: MethodChoice): Method[] => (choice === 'both' ? ['simultaneous', 'alternating'] : [choice]);

export function fieldDesc(t: Strings, spec: ExploreSpec, state: State, r: Record<Series, Float64Array>): string {
  const visible = SERIES.filter((s) => s === 'flow' || shownMethods(state.method).includes(s));
  const ends = visible.map((series) => {
    const [a, b] = endOf(r[series]);
    const name = series === 'flow' ? t.flow : t[series];
    const escaped = series !== 'flow' && (stepsOf(r[series]) < state.steps || Math.abs(a) > ESCAPE_RADIUS / 10 || Math.abs(b) > ESCAPE_RADIUS / 10);
    return escaped ? t.escapes(name, stepsOf(r[series])) : t.endsAt(name, point(a, b));
  });
  return t.fieldDesc(spec.title, point(state.start[0], state.start[1]), ends.join('; '));
}

export interface EigenData {
  readonly series: EigenSeries[];
  readonly desc: string;
}

/** The update maps' eigenvalues for the state, or undefined where J(0, 0) does not exist. */
export function eigenData(t: Strings, game: Evaluator, p: Params, state: State): EigenData | undefined {
  const j = equilibriumJacobian(game, p);
  if (!j) return undefined;
  const series = shownMethods(state.method).map((method): EigenSeries => {
    const m = updateMatrix(j, method, state.h, state.nD);
    const eigenvalues: Complex2 = eigenvalues2(m);
    const name = method === 'alternating' ? `${t.alternating} (n_D = ${state.nD})` : t.simultaneous;
    return { method, eigenvalues, label: t.rhoOf(name, num(spectralRadius(m), 4)) };
  });
  const parts = series.map((s) => `${s.label}: ${[0, 1].map((i) => complex(s.eigenvalues.re[i]!, s.eigenvalues.im[i]!)).join(', ')}`);
  return { series, desc: t.eigenDesc(parts.join('; ')) };
}

const complex = (re: number, im: number): string => (im === 0 ? num(re, 4) : `${num(re, 4)} ${im < 0 ? '−' : '+'} ${num(Math.abs(im), 4)}i`);
