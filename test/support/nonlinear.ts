/** Every game derived and analysed beyond the linearisation: once per test worker (the files
 * of a worker share their modules, vitest's isolate: false), whichever file asks first. */
import path from 'node:path';
import { derive } from '../../generator/derive/derive.js';
import type { Derivation } from '../../generator/derive/derive.js';
import { loadGames } from '../../generator/load/load.js';
import { specialise } from '../../generator/specialise/dirac.js';
import { analyseNonlinear } from '../../generator/analyse/analyse.js';
import type { EquilibriumVerdict, NonlinearAnalysis, StageAnalysis } from '../../generator/analyse/verdict.js';
import { ROOT } from './records.js';

export interface AnalysedGame {
  readonly derivation: Derivation;
  readonly analysis: NonlinearAnalysis;
}

let derived: Promise<Derivation[]> | undefined;
let analysed: Promise<AnalysedGame[]> | undefined;

/** Every game of derivations/, specialised and derived, as the generator does. */
export function derivedGames(): Promise<Derivation[]> {
  derived ??= loadGames(path.join(ROOT, 'derivations'), ROOT).then((games) => games.map((g) => derive(specialise(g))));
  return derived;
}

export function analysedGames(): Promise<AnalysedGame[]> {
  analysed ??= derivedGames().then((derivations) => derivations.map((derivation) => ({ derivation, analysis: analyseNonlinear(derivation) })));
  return analysed;
}

/** Every verdict with its game and stage. */
export const verdictsOf = (games: readonly AnalysedGame[]): { game: AnalysedGame; stage: StageAnalysis; verdict: EquilibriumVerdict }[] =>
  games.flatMap((game) => game.analysis.stages.flatMap((stage) => stage.equilibria.map((verdict) => ({ game, stage, verdict }))));

export const defaultsOf = (derivation: Derivation): Record<string, number> =>
  Object.fromEntries(derivation.game.hyperparameters.map((name) => [name, derivation.game.definition.hyperparameters[name]!.default]));
