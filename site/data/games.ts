/**
 * Every game the generator emitted: its derivation record (generated/<id>.json) and its
 * evaluator (generated/<id>.ts, through generated/index.ts), matched by id. Nothing here
 * names a game, so a new derivation appears on the site by itself. Games are listed in the
 * article's order (by the first slot each fills), then the others by id.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormulaRecord, GameRecord } from '../../generator/contract/records.js';
import { formulaOf as recordFormula, isGameRecordFile } from '../../generator/contract/records.js';
import { ARTICLE_SLOTS } from '../../generator/contract/article.js';
import type { Lang } from '../i18n.js';
import { SAMPLE_GAME } from '../model/params.js';
import type { ActivationDerivatives, Evaluator } from '../model/params.js';
import { evaluatorOf, gameIds } from '../model/evaluator.js';
import type { ExploreSpec } from '../model/explore.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GENERATED = path.join(ROOT, 'generated');

export interface Game {
  readonly id: string;
  readonly record: GameRecord;
  readonly evaluator: Evaluator;
  readonly abstractActivation: boolean;
  readonly differentiable: boolean;
  readonly defaults: Readonly<Record<string, number>>;
}

export function loadGames(dir = GENERATED): Game[] {
  const records = readdirSync(dir)
    .filter(isGameRecordFile)
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as GameRecord);
  const ids = new Set(records.map((r) => r.id));
  const missing = gameIds.filter((id) => !ids.has(id));
  if (missing.length > 0) throw new Error(`generated/index.ts lists games without a record: ${missing.join(', ')}`);
  const order = (r: GameRecord): number => {
    const positions = r.slots.map((s) => ARTICLE_SLOTS.findIndex((a) => a.id === s)).filter((i) => i >= 0);
    return positions.length > 0 ? Math.min(...positions) : ARTICLE_SLOTS.length;
  };
  return records
    .sort((a, b) => order(a) - order(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((record) => ({
      id: record.id,
      record,
      // A game that leaves f abstract is drawn with SAMPLE_GAME's activation, as generated.
      evaluator: record.activation === 'abstract' ? { ...evaluatorOf(record.id), sampleActivation: sampleActivation() } : evaluatorOf(record.id),
      abstractActivation: record.activation === 'abstract',
      differentiable: record.equilibrium.differentiable,
      defaults: Object.fromEntries(record.hyperparameters.map((h) => [h.name, h.default])),
    }));
}

export const specOf = (game: Game, lang: Lang): ExploreSpec => ({
  id: game.id,
  title: game.record.title[lang],
  abstractActivation: game.abstractActivation,
  hyperparameters: game.record.hyperparameters.map((h) => ({ name: h.name, symbol: h.symbol, default: h.default, range: h.range })),
  differentiable: game.differentiable,
  constraints: game.record.constraints.map((c) => ({ parameter: c.parameter, bound: c.bound })),
});

/** What a game's pictures are of: its id and default hyperparameters (the names of their downloads). */
export const figureParams = (game: Game): Record<string, string | number> =>
  Object.fromEntries([['game', game.id], ...game.record.hyperparameters.map((h) => [h.name, h.default])]);

export const formulaOf = (game: Game, id: string): FormulaRecord | undefined => recordFormula(game.record, id);

/** f and its derivatives of SAMPLE_GAME's activation, from its generated module. */
function sampleActivation(): ActivationDerivatives {
  const derivatives = (evaluatorOf(SAMPLE_GAME) as { activationDerivatives?: ActivationDerivatives }).activationDerivatives;
  if (!derivatives) throw new Error(`generated/${SAMPLE_GAME}.ts exports no activationDerivatives: the site draws games whose f is abstract with that game's f`);
  return derivatives;
}

/** The TeX of SAMPLE_GAME's activation, "f(t) = ...", from its record. */
export function sampleActivationTex(dir = GENERATED): string {
  const record = JSON.parse(readFileSync(path.join(dir, `${SAMPLE_GAME}.json`), 'utf8')) as GameRecord;
  if (typeof record.activation !== 'object') throw new Error(`generated/${SAMPLE_GAME}.json has no concrete activation`);
  return record.activation.tex;
}
