/**
 * A game's training dynamics as one hyperparameter sweeps its range (the others at their
 * defaults), computed with the generated evaluators at build time: the spectral radius of
 * each method's update map over (value, h) for the stability maps (`spectralRadius`), the
 * eigenvalues of J(0, 0) along the sweep (`equilibriumEigenvalues`), and the eigenvalues of
 * each update map for a fixed h along it (`updateEigenvalues`). Only for a game with
 * hyperparameters and a Jacobian at the equilibrium; nothing here names a game.
 */
import type { Method } from '../model/numerics.js';
import { paramsFor } from '../model/params.js';
import type { Params } from '../model/params.js';
import type { Spectrum } from '../plots/paths.js';
import { isLogRange } from '../plots/stability.js';
import type { Game } from './game.js';

export type Hyperparameter = Game['record']['hyperparameters'][number];

/** A game has stability maps and eigenvalue paths when it has a hyperparameter to sweep and
 * its module computes the update maps at the equilibrium. */
export const hasSweeps = (game: Game): boolean =>
  game.record.hyperparameters.length > 0 && typeof game.evaluator.spectralRadiusUnchecked === 'function' && typeof game.evaluator.equilibriumEigenvalues === 'function';

/** The parameters with one hyperparameter at `value`, the others at their defaults. */
export const paramsAt = (game: Game, hp: Hyperparameter, value: number): Params => paramsFor(game.evaluator.sampleActivation, { ...game.defaults, [hp.name]: value });

/** Points of the sweep: evenly spaced on the axis the maps use (logarithmic for a wide range). */
export function sweepValues(range: readonly [number, number], n = 241): number[] {
  const log = isLogRange(range);
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return log ? range[0] * (range[1] / range[0]) ** t : range[0] + t * (range[1] - range[0]);
  });
}

/** rho(value, h) of a method's update map with one learning rate h, by the generated `spectralRadius`. */
export function spectralRadiusOver(game: Game, hp: Hyperparameter, method: Method): (value: number, h: number) => number {
  // Unchecked: a map samples half a cell past each end of the range, at some 60,000 points.
  const rho = game.evaluator.spectralRadiusUnchecked!;
  let last: number | undefined;
  let p: Params = {};
  return (value, h) => {
    if (value !== last) {
      last = value;
      p = paramsAt(game, hp, value);
    }
    return rho(method, h, p);
  };
}

/** The eigenvalues of J(0, 0) along the sweep, by the generated `equilibriumEigenvalues`. */
export const lambdaSweep = (game: Game, hp: Hyperparameter, values: readonly number[]): Spectrum[] =>
  values.map((v) => game.evaluator.equilibriumEigenvalues!(paramsAt(game, hp, v)));

/** The eigenvalues of a method's update map with learning rate h along the sweep, by the generated `updateEigenvalues`. */
export const muSweep = (game: Game, hp: Hyperparameter, method: Method, h: number, values: readonly number[]): Spectrum[] =>
  values.map((v) => game.evaluator.updateEigenvalues!(method, { h }, paramsAt(game, hp, v)));
