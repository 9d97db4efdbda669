/**
 * A game as the pages see it: its record and its evaluator, with what the pages read of them.
 * Plain data and functions, no file: the build gets its games from generated/ (games.ts), the
 * playground's worker from the derivation it has just run.
 */
import type { FormulaRecord, GameRecord } from '../../generator/contract/records.js';
import { formulaOf as recordFormula } from '../../generator/contract/records.js';
import type { Lang } from '../i18n.js';
import type { Evaluator } from '../model/params.js';
import type { ExploreSpec } from '../model/explore.js';
import { flowAtOrigin } from './nonlinear.js';

export interface Game {
  readonly id: string;
  readonly record: GameRecord;
  readonly evaluator: Evaluator;
  readonly abstractActivation: boolean;
  readonly differentiable: boolean;
  readonly defaults: Readonly<Record<string, number>>;
}

/** A record and its evaluator as a game of the pages. */
export const gameOf = (record: GameRecord, evaluator: Evaluator): Game => ({
  id: record.id,
  record,
  evaluator,
  abstractActivation: record.activation === 'abstract',
  differentiable: record.equilibrium.differentiable,
  defaults: Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default])),
});

export const specOf = (game: Game, lang: Lang): ExploreSpec => ({
  id: game.id,
  title: game.record.title[lang],
  abstractActivation: game.abstractActivation,
  hyperparameters: game.record.hyperparameters.map((h) => ({ name: h.name, symbol: h.symbol, default: h.default, range: h.range })),
  differentiable: game.differentiable,
  constraints: game.record.constraints.map((c) => ({ parameter: c.parameter, bound: c.bound })),
  closedOrbits: closedOrbits(game),
});

/** Whether the game's orbits lie on closed curves, by its record: the analysis found the
 * equilibrium (0, 0) an exact centre whose flow conserves a quadratic form H identically, and the
 * field is one smooth formula everywhere (no kinks, no clips), so the identity holds on every
 * orbit: each lies on a level curve of H, around (0, 0) where H is definite. That an orbit goes
 * round its curve (no other equilibrium on it) is not proved here: the flow checks that it comes
 * back to its start before it repeats a revolution (closed-orbit.ts). */
export function closedOrbits(game: Game): boolean {
  const origin = flowAtOrigin(game);
  return game.record.kinks.length === 0 && game.record.constraints.length === 0 && origin?.verdict === 'exact-centre' && origin.formulas.conservedQuantity !== undefined;
}

/** What a game's pictures are of: its id and default hyperparameters (the names of their downloads). */
export const figureParams = (game: Game): Record<string, string | number> =>
  Object.fromEntries([['game', game.id], ...game.record.hyperparameters.map((h) => [h.name, h.default])]);

export const formulaOf = (game: Game, id: string): FormulaRecord | undefined => recordFormula(game.record, id);

let sampleTex: string | undefined;
/** The TeX of SAMPLE_GAME's activation ("f(t) = ..."), which pages of games that leave f abstract
 * name: set by whoever has that game's record (loadGames; the playground's worker, from what the
 * site's build gives it). */
export const setSampleActivationTex = (tex: string): void => {
  sampleTex = tex;
};

export function sampleActivationTex(): string {
  if (sampleTex === undefined) throw new Error('the sample activation is not known yet: load the games first (site/data/games.ts)');
  return sampleTex;
}
