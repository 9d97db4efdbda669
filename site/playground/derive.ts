/**
 * The playground's derivation: a loaded text's default export to its record and the page's
 * sections that show it, by the command line's own stages (generator/load/check.ts, derive/,
 * analyse/, game-record.ts) and the site's own renderers (pages/). Runs in the generator worker,
 * which never runs a text's code (the loader worker does: loader.ts).
 */
import { analyseNonlinear } from '../../generator/analyse/analyse.js';
import { deriveGame } from '../../generator/derive/blame.js';
import { gameRecord, recordText } from '../../generator/game-record.js';
import { DerivationError, DerivationErrors } from '../../generator/load/errors.js';
import { problemOf } from './protocol.js';
import type { Problem } from './protocol.js';
import { checkGame } from '../../generator/load/check.js';
import type { MethodDefinition } from '../../generator/method.js';
import { gameOf } from '../data/game.js';
import type { Evaluator } from '../model/params.js';
import type { Lang } from '../i18n.js';
import { discreteSection, gameFacts, gameFormulaBlocks } from '../pages/game.js';
import { nonlinearSection } from '../pages/nonlinear.js';
import { elsewhereSection, rulesSection, rulesTable, simulationsSection } from '../pages/rules.js';
import { eigenFigure, fieldFigure } from '../pages/fragments.js';
import { escapeHtml } from '../pages/layout.js';
import { STRINGS } from '../i18n.js';
import type { Game } from '../data/game.js';
import { playgroundEvaluator } from './evaluator.js';
import { evaluatorSource } from './source.js';
import { PLAYGROUND_STRINGS, withCode } from './strings.js';

export type Derived =
  /** `sections`: the page's HTML in pieces, so that the page can show one a task and never hold its thread long. */
  | { readonly ok: true; readonly file: string; readonly record: string; readonly sections: readonly string[]; readonly milliseconds: number }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly milliseconds: number };

/** A game the playground cannot draw (f abstract, or a field that is an expectation over instance noise): nothing calls it. */
const NO_EVALUATOR = {} as Evaluator;

/** The sections of a game's page that come from its record alone. */
const recordSections = (game: Game, lang: Lang): string[] => [
  `<dl class="facts">${gameFacts(game, lang, true).join('')}</dl>`,
  ...gameFormulaBlocks(game, lang, true, false),
  nonlinearSection(game, lang),
  rulesTable(game, lang),
  elsewhereSection(game, lang),
  simulationsSection(game, lang),
];

/** A game's page as the site builds it, its pictures drawn at the defaults (the page's sliders are the site's, not the playground's). */
function fullSections(game: Game, lang: Lang): string[] {
  const pictures = [fieldFigure(game, lang, 'fig-field'), eigenFigure(game, lang, 'fig-eigen') ?? ''].join('\n');
  return [
    `<dl class="facts">${gameFacts(game, lang, true).join('')}</dl>`,
    ...gameFormulaBlocks(game, lang, true),
    nonlinearSection(game, lang),
    `<section id="explore" aria-labelledby="explore-h"><h2 id="explore-h">${escapeHtml(STRINGS[lang].explore)}</h2><div class="pg-pictures">${pictures}</div></section>`,
    discreteSection(game, lang, true),
    rulesSection(game, lang),
  ];
}

function codeSection(source: string | undefined, lang: Lang): string {
  const t = PLAYGROUND_STRINGS[lang];
  const code = source ? `<pre class="pg-code" tabindex="0"><code>${escapeHtml(source)}</code></pre>` : `<p class="note">${escapeHtml(t.noCode)}</p>`;
  return `<section id="code" aria-labelledby="code-h"><h2 id="code-h">${escapeHtml(t.codeHeading)}</h2><p class="note">${withCode(t.codeNote)}</p>${code}</section>`;
}

/** A loaded text's default export (plain data, from the loader worker) checked and derived as
 * `npm run generate` does a file's, or the command line's errors for it. */
export function deriveExport(file: string, exported: unknown, methods: readonly MethodDefinition[], lang: Lang): Derived {
  const started = performance.now();
  try {
    const loaded = checkGame(file, exported);
    const derivation = deriveGame(loaded);
    const record = gameRecord(derivation, analyseNonlinear(derivation), methods);
    const evaluator = playgroundEvaluator(derivation);
    const sections = [...(evaluator ? fullSections(gameOf(record, evaluator), lang) : recordSections(gameOf(record, NO_EVALUATOR), lang)), codeSection(evaluatorSource(derivation), lang)];
    return { ok: true, file: loaded.file, record: recordText(record), sections, milliseconds: performance.now() - started };
  } catch (error) {
    const errors = error instanceof DerivationErrors ? error.errors : error instanceof DerivationError ? [error] : undefined;
    if (!errors) throw error;
    return { ok: false, problems: errors.map(problemOf), milliseconds: performance.now() - started };
  }
}
