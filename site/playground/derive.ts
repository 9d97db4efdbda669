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
import type { LoadedGame } from '../../generator/load/check.js';
import type { MethodDefinition } from '../../generator/method.js';
import type { Derivation } from '../../generator/derive/derive.js';
import { mapCycles } from '../../generator/derive/discrete.js';
import { METHODS } from '../../runtime/methods.js';
import { gameOf } from '../data/game.js';
import type { Lang } from '../i18n.js';
import { discreteSection, exploreSection, gameFacts, gameFormulaBlocks } from '../pages/game.js';
import { nonlinearSection } from '../pages/nonlinear.js';
import { rulesSection } from '../pages/rules.js';
import { escapeHtml } from '../pages/layout.js';
import type { Game } from '../data/game.js';
import { evaluatorOf } from './evaluator.js';
import type { EvaluatorTable } from './evaluator.js';
import { evaluatorBodies, evaluatorSource, fastPaths } from './source.js';
import type { FastPaths } from './source.js';
import { PLAYGROUND_STRINGS, withCode } from './strings.js';

export type Derived =
  /** `sections`: the page's HTML in pieces, so that the page can show one a task and never hold its
   * thread long; `evaluator`: what the page builds the live pictures' evaluator from; `reused`: the result of an earlier text that exported the same game (worker.ts). */
  | { readonly ok: true; readonly file: string; readonly record: string; readonly sections: readonly string[]; readonly evaluator: EvaluatorTable; readonly milliseconds: number; readonly reused?: true }
  | { readonly ok: false; readonly problems: readonly Problem[]; readonly milliseconds: number };

/** A game's page as the site builds it: its pictures drawn at the defaults, and the sliders that
 * redraw them in the page (client.ts, with the site's explorer). */
function fullSections(game: Game, lang: Lang): string[] {
  return [
    `<dl class="facts">${gameFacts(game, lang, true).join('')}</dl>`,
    ...gameFormulaBlocks(game, lang, true),
    nonlinearSection(game, lang),
    exploreSection(game, lang, PLAYGROUND_STRINGS[lang].exploreIntro),
    discreteSection(game, lang, true),
    rulesSection(game, lang),
  ];
}

/** The table the pictures' evaluator is built from (evaluator.ts): the module's fast paths
 * (`paths`, source.ts) of a derivation whose f is given (drawnDerivation), and what it says of the equilibrium. */
function evaluatorTable(derivation: Derivation, paths: FastPaths): EvaluatorTable {
  const stage = derivation.concrete ?? derivation.generic;
  const hyperparameters = Object.entries(derivation.game.definition.hyperparameters).map(([name, h]) => ({ name, range: h.range, default: h.default }));
  const cycling = METHODS.filter((method) => stage.discrete.some((d) => d.method === method && mapCycles(d)));
  return { maps: evaluatorBodies(paths), hyperparameters, cycling, ...(stage.equilibrium.differentiable ? {} : { notDifferentiable: stage.equilibrium.reason }) };
}

function codeSection(source: string, lang: Lang): string {
  const t = PLAYGROUND_STRINGS[lang];
  return `<section id="code" aria-labelledby="code-h"><h2 id="code-h">${escapeHtml(t.codeHeading)}</h2><p class="note">${withCode(t.codeNote)}</p><pre class="pg-code" tabindex="0"><code>${escapeHtml(source)}</code></pre></section>`;
}

/** What the pictures are drawn from: the derivation, or where f is abstract the game derived again
 * with the sample activation (`sample`, SAMPLE_GAME's f), as the site draws such games. */
function drawnDerivation(loaded: LoadedGame, derivation: Derivation, sample: string): Derivation {
  if (loaded.definition.activation !== 'abstract') return derivation;
  // The claims speak of f abstract: only what the format requires of them is kept.
  const { verdict, source } = loaded.definition.claims;
  const definition = { ...loaded.definition, activation: { definition: sample }, claims: { verdict, source } };
  return deriveGame({ file: loaded.file, definition });
}

/** A loaded text's default export (plain data, from the loader worker) checked and derived as
 * `npm run generate` does a file's, or the command line's errors for it; `sample` is the activation
 * its pictures are drawn with if it leaves f abstract. */
export function deriveExport(file: string, exported: unknown, methods: readonly MethodDefinition[], lang: Lang, sample: string): Derived {
  const started = performance.now();
  try {
    const loaded = checkGame(file, exported);
    const derivation = deriveGame(loaded);
    const record = gameRecord(derivation, analyseNonlinear(derivation), methods);
    const paths = fastPaths(derivation);
    const drawn = drawnDerivation(loaded, derivation, sample);
    const table = evaluatorTable(drawn, drawn === derivation ? paths : fastPaths(drawn));
    const sections = [...fullSections(gameOf(record, evaluatorOf(table)), lang), codeSection(evaluatorSource(paths), lang)];
    return { ok: true, file: loaded.file, record: recordText(record), sections, evaluator: table, milliseconds: performance.now() - started };
  } catch (error) {
    const errors = error instanceof DerivationErrors ? error.errors : error instanceof DerivationError ? [error] : undefined;
    if (!errors) throw error;
    return { ok: false, problems: errors.map(problemOf), milliseconds: performance.now() - started };
  }
}
