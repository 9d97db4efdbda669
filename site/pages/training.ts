/**
 * A game's training page: for each training method the record derives, the update map
 * linearised at the equilibrium, its eigenvalues, its spectral radius and the largest stable
 * learning rate, generic in f and with f substituted, with the verdict and its reason. Kept
 * apart from the game page, whose weight it would double.
 */
import type { Game } from '../data/games.js';
import { methodResults } from '../data/discrete.js';
import { STRINGS } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { discreteVerdictHtml, formulaBlock, methodName, reasonHtml } from './fragments.js';
import { escapeHtml, page } from './layout.js';

export const trainingPath = (id: string): string => `games/${id}-training.html`;

export const hasTrainingPage = (game: Game): boolean => methodResults(game).some((r) => r.source === 'record' && (r.formulas?.length ?? 0) > 0);

export function trainingPage(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const title = t.trainingTitle(game.record.title[lang]);
  const sections = methodResults(game)
    .filter((r) => r.source === 'record' && r.formulas && r.formulas.length > 0)
    .map((r) => {
      const blocks = r.formulas!.map((f) => {
        const label = { en: STRINGS.en.formulaKey[f.key]!, zh: STRINGS.zh.formulaKey[f.key]! };
        const generic = (f.generic ?? f.concrete)!;
        return formulaBlock(game, { id: `${r.method}-${f.key}`, label, generic, ...(f.generic && f.concrete ? { concrete: f.concrete } : {}) }, lang, 3, 'm-');
      });
      return `<section class="method" id="method-${escapeHtml(r.method)}" aria-labelledby="method-${escapeHtml(r.method)}-h">
<h2 id="method-${escapeHtml(r.method)}-h">${escapeHtml(methodName(r, lang))}</h2>
<p>${discreteVerdictHtml(r, lang, false)}</p>
${r.reason ? `<p class="reason">${reasonHtml(r.reason, lang)}</p>` : ''}
${blocks.join('\n')}
</section>`;
    });
  const toc = methodResults(game)
    .filter((r) => r.source === 'record' && r.formulas && r.formulas.length > 0)
    .map((r) => `<a href="#method-${escapeHtml(r.method)}">${escapeHtml(methodName(r, lang))}</a>`);
  const body = `<article class="game">
<header class="page-head">
<p class="crumb"><a href="../index.html">${escapeHtml(t.navGames)}</a> › <a href="${game.id}.html">${escapeHtml(game.record.title[lang])}</a></p>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(t.discreteIntro)}</p>
<nav class="toc" aria-label="${escapeHtml(t.method)}">${toc.join('')}</nav>
</header>
${sections.join('\n')}
</article>`;
  return page({ lang, path: trainingPath(game.id), title, description: title, body });
}
