/**
 * Every game the generator emitted: its derivation record (generated/<id>.json) and its
 * evaluator (generated/<id>.ts, through generated/index.ts), matched by id (game.ts: what a
 * game is to the pages). Nothing here
 * names a game, so a new derivation appears on the site by itself. Games are listed in the
 * article's order (by the first slot each fills), then the others by id.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GameRecord, MethodsRecord } from '../../generator/contract/records.js';
import { METHODS_RECORD, isGameRecordFile } from '../../generator/contract/records.js';
import { ARTICLE_SLOTS } from '../../generator/contract/article.js';
import { SAMPLE_GAME } from '../model/params.js';
import type { ActivationDerivatives } from '../model/params.js';
import { evaluatorOf, gameIds } from '../model/evaluator.js';
import { gameOf, setSampleActivationTex } from './game.js';
import { setMethodsRecord } from './methods.js';
import type { Game } from './game.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GENERATED = path.join(ROOT, 'generated');

export function loadGames(dir = GENERATED): Game[] {
  setSampleActivationTex(sampleActivationTex(dir));
  setMethodsRecord(JSON.parse(readFileSync(path.join(dir, METHODS_RECORD), 'utf8')) as MethodsRecord);
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
    .map((record) =>
      // A game that leaves f abstract is drawn with SAMPLE_GAME's activation, as generated.
      gameOf(record, record.activation === 'abstract' ? { ...evaluatorOf(record.id), sampleActivation: sampleActivation() } : evaluatorOf(record.id)));
}

/** f and its derivatives of SAMPLE_GAME's activation, from its generated module. */
function sampleActivation(): ActivationDerivatives {
  const derivatives = (evaluatorOf(SAMPLE_GAME) as { activationDerivatives?: ActivationDerivatives }).activationDerivatives;
  if (!derivatives) throw new Error(`generated/${SAMPLE_GAME}.ts exports no activationDerivatives: the site draws games whose f is abstract with that game's f`);
  return derivatives;
}


/** The TeX of SAMPLE_GAME's activation, "f(t) = ...", from its record. */
function sampleActivationTex(dir = GENERATED): string {
  const record = JSON.parse(readFileSync(path.join(dir, `${SAMPLE_GAME}.json`), 'utf8')) as GameRecord;
  if (typeof record.activation !== 'object') throw new Error(`generated/${SAMPLE_GAME}.json has no concrete activation`);
  return record.activation.tex;
}
