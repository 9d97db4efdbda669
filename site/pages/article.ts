/**
 * The article companion: every slot of the article (ARTICLE_SLOTS, in the article's order),
 * grouped by its sections, each filled with the derived formula or the picture of the game
 * whose record lists the slot. The prose is ours; the article is cited by title and link.
 */
import { ARTICLE } from '../../generator/contract/article.js';
import { ARTICLE_TEXT, PAPER_SETUPS, SECTIONS, SLOT_SHOWS_ZH, sections, slotContent } from '../data/article.js';
import { specOf } from '../data/game.js';
import { defaultState } from '../model/explore.js';
import type { SlotContent } from '../data/article.js';
import type { Game } from '../data/game.js';
import { STRINGS } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { diracFigure, fieldFigure, formulaBlock, verdictBadge } from './fragments.js';
import { gamePath } from './game.js';
import { flowCell } from './nonlinear.js';
import { citationsHtml, escapeHtml, page } from './layout.js';
import { NONLINEAR } from '../i18n-nonlinear.js';

/** A figure slot's trajectories: at the paper's set-up where it has one (PAPER_SETUPS), with the
 * game at the project's defaults one click away. */
function trajectories(game: Game, games: readonly Game[], slotId: string, lang: Lang): string {
  const setup = PAPER_SETUPS[slotId];
  const drawn = setup?.game ? games.find((g) => g.id === setup.game) : game;
  if (!drawn) throw new Error(`article slot '${slotId}': the paper's set-up draws '${setup?.game}', which is not a game`);
  const state = defaultState(specOf(drawn, lang));
  const values = { ...state.values, ...setup?.values };
  for (const name of Object.keys(setup?.values ?? {})) {
    if (!(name in state.values)) throw new Error(`article slot '${slotId}': the paper's set-up sets '${name}', which ${drawn.id} does not have`);
  }
  const note = setup ? `<p class="note">${escapeHtml(setup.note[lang])} <a href="${gamePath(game.id)}">${escapeHtml(ARTICLE_TEXT.atDefaults[lang](game.record.title[lang]))}</a></p>` : '';
  return `<p>${verdictBadge(drawn.record.verdict.verdict, lang)} ${flowCell(drawn, lang)}</p>${fieldFigure(drawn, lang, `slot-${slotId}-field`, { ...state, values })}${note}`;
}

function fill(content: SlotContent, slotId: string, games: readonly Game[], lang: Lang): string {
  const { game } = content;
  switch (content.kind) {
    case 'formulas':
      return content.formulaIds
        .map((id) => game.record.formulas.find((f) => f.id === id))
        .filter((f) => f !== undefined)
        .map((f) => formulaBlock(game, f, lang, 4, `slot-${slotId}-`, false, game.record.title[lang]))
        .join('');
    case 'trajectories':
      return trajectories(game, games, slotId, lang);
    case 'dirac':
      return diracFigure(lang, `slot-${slotId}-dirac`, 1, 0.6);
  }
}

export function articlePage(games: readonly Game[], lang: Lang): string {
  const t = STRINGS[lang];
  const link = `<a href="${escapeHtml(ARTICLE.url)}" rel="external"><cite>${escapeHtml(ARTICLE.title)}</cite></a>`;
  // The sentence's own words contain no markup characters; its arguments are escaped here.
  const intro = ARTICLE_TEXT.intro[lang](link, escapeHtml(ARTICLE.author));
  const blocks = sections().map((section) => {
    const text = SECTIONS[section.id];
    const heading = `${section.id === 'intro' ? '' : `${section.id} `}${text ? text.title[lang] : ''}`;
    const slots = section.slots.map((slot) => {
      const content = slotContent(slot, games);
      const shows = lang === 'zh' ? (SLOT_SHOWS_ZH[slot.id] ?? slot.shows) : slot.shows;
      return `<section class="slot" id="slot-${slot.id}" data-slot="${slot.id}" aria-labelledby="slot-${slot.id}-h">
<h3 id="slot-${slot.id}-h"><span class="slot-id">${escapeHtml(slot.id)}</span> ${escapeHtml(shows)}</h3>
<p class="slot-from">${escapeHtml(t.slotFrom)} <a href="${gamePath(content.game.id)}">${escapeHtml(content.game.record.title[lang])}</a></p>
<div class="slot-body">${fill(content, slot.id, games, lang)}</div>
</section>`;
    });
    return `<section class="article-section" id="section-${section.id.replace(/\./g, '-')}">
<h2>${escapeHtml(heading)}</h2>
${text ? `<p>${escapeHtml(text.prose[lang])}</p>` : ''}
${slots.join('\n')}
</section>`;
  });
  // The games of the article, once each, in its order: what the linearisation and the flow say.
  const articleGames = games.filter((g, i) => g.record.slots.length > 0 && games.indexOf(g) === i);
  const rows = articleGames.map((g) => `<tr><th scope="row"><a href="${gamePath(g.id)}">${escapeHtml(g.record.title[lang])}</a></th><td>${verdictBadge(g.record.verdict.verdict, lang)}</td><td>${flowCell(g, lang)}</td></tr>`);
  const summary = `<section class="article-section" id="section-summary" aria-labelledby="section-summary-h">
<h2 id="section-summary-h">${escapeHtml(ARTICLE_TEXT.summaryTitle[lang])}</h2>
<p>${escapeHtml(ARTICLE_TEXT.summary[lang])}</p>
<div class="table-wrap"><table class="summary">
<thead><tr><th scope="col">${escapeHtml(t.colGame)}</th><th scope="col">${escapeHtml(t.colContinuous)}</th><th scope="col">${escapeHtml(NONLINEAR[lang].colFlow)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>
</section>`;
  const body = `<header class="page-head">
<h1>${escapeHtml(t.articleTitle)}</h1>
<p class="lede">${intro}</p>
<p class="note">${citationsHtml(lang)}</p>
</header>
${blocks.join('\n')}
${summary}`;
  return page({ lang, path: 'article.html', title: t.articleTitle, description: t.articleTitle, body, current: 'article' });
}
