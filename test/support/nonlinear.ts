/** Every game derived and analysed beyond the linearisation, once per test file. */
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

export async function analysedGames(): Promise<AnalysedGame[]> {
  const games = await loadGames(path.join(ROOT, 'derivations'), ROOT);
  return games.map((g) => {
    const derivation = derive(specialise(g));
    return { derivation, analysis: analyseNonlinear(derivation) };
  });
}

/** Every verdict with its game and stage. */
export const verdictsOf = (games: readonly AnalysedGame[]): { game: AnalysedGame; stage: StageAnalysis; verdict: EquilibriumVerdict }[] =>
  games.flatMap((game) => game.analysis.stages.flatMap((stage) => stage.equilibria.map((verdict) => ({ game, stage, verdict }))));

export const defaultsOf = (derivation: Derivation): Record<string, number> =>
  Object.fromEntries(derivation.game.hyperparameters.map((name) => [name, derivation.game.definition.hyperparameters[name]!.default]));
