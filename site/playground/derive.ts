/**
 * The playground's derivation: a derivation's text to its record and the page's sections that
 * show it, by the command line's own stages (generator/load/text.ts, derive/, analyse/,
 * game-record.ts) and the site's own renderers (pages/). Runs in the playground's worker.
 */
import { analyseNonlinear } from '../../generator/analyse/analyse.js';
import { deriveGame } from '../../generator/derive/blame.js';
import { gameRecord, recordText } from '../../generator/game-record.js';
import { DerivationError, DerivationErrors } from '../../generator/load/errors.js';
import { loadText } from '../../generator/load/text.js';
import type { MethodDefinition } from '../../generator/method.js';
import { gameOf } from '../data/game.js';
import type { Evaluator } from '../model/params.js';
import { compiledMaps } from '../../generator/methods/simulate.js';
import type { Derivation } from '../../generator/derive/derive.js';
import type { Lang } from '../i18n.js';
import { gameFacts, gameFormulas } from '../pages/game.js';
import { nonlinearSection } from '../pages/nonlinear.js';
import { elsewhereSection, rulesTable, simulationsSection } from '../pages/rules.js';

/** One problem as the command line prints it, with the parts the editor places it by. */
export interface Problem {
  readonly message: string;
  readonly file: string;
  readonly field: string;
}

export type Derived =
  | { readonly ok: true; readonly file: string; readonly record: string; readonly html: string; readonly milliseconds: number }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly milliseconds: number };

/** What the pages call of a game's evaluator, compiled from the derivation (a game here has no generated module). */
function evaluatorOf(derivation: Derivation): Evaluator {
  const maps = compiledMaps(derivation);
  const missing = (): never => {
    throw new Error('this game leaves f abstract: the playground draws no picture of it');
  };
  if (!maps) return { vectorField: missing, vectorFieldUnchecked: missing, trajectory: missing };
  return {
    vectorField: (theta, phi, p, out = new Float64Array(2)) => maps.field(theta, phi, p, out),
    vectorFieldUnchecked: maps.field,
    jacobianUnchecked: maps.jacobian,
    trajectory: () => {
      throw new Error('the playground runs no trajectory yet');
    },
  };
}

const problemOf = (e: DerivationError): Problem => ({ message: e.message, file: e.file, field: e.field });

/** A derivation's text derived, or the command line's errors for it. */
export function deriveText(text: string, fallbackFile: string, methods: readonly MethodDefinition[], lang: Lang, onLoaded: () => void = () => {}): Derived {
  const started = performance.now();
  try {
    const loaded = loadText(text, fallbackFile);
    onLoaded();
    const derivation = deriveGame(loaded);
    const record = gameRecord(derivation, analyseNonlinear(derivation), methods);
    const game = gameOf(record, evaluatorOf(derivation));
    const html = [`<dl class="facts">${gameFacts(game, lang).join('')}</dl>`, gameFormulas(game, lang, true), nonlinearSection(game, lang), rulesTable(game, lang), elsewhereSection(game, lang), simulationsSection(game, lang)].join('\n');
    return { ok: true, file: loaded.file, record: recordText(record), html, milliseconds: performance.now() - started };
  } catch (error) {
    const errors = error instanceof DerivationErrors ? error.errors : error instanceof DerivationError ? [error] : undefined;
    if (!errors) throw error;
    return { ok: false, problems: errors.map(problemOf), milliseconds: performance.now() - started };
  }
}
