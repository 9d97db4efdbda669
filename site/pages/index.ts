/**
 * The index: one table of every game at its equilibrium. Eigenvalues (any f, this f, at the
 * defaults), the verdict in continuous time, and per training method the derived result when
 * the record has one, else a numeric one marked ≈.
 */
import type { Game } from '../data/game.js';
import { allMethods, methodResults } from '../data/discrete.js';
import { STRINGS } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { tex } from '../render/tex.js';
import { activationTex, discreteVerdictHtml, methodLabel, noJacobianShort, sampleNote, verdictBadge } from './fragments.js';
import { eigenAtDefaults, gamePath } from './game.js';
import { escapeHtml, page } from './layout.js';
import { flowCell } from './nonlinear.js';
import { NONLINEAR } from '../i18n-nonlinear.js';

function eigenCell(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const e = game.record.equilibrium;
  if (!e.differentiable) return `<span class="note">${escapeHtml(noJacobianShort(game, lang))}</span>`;
  const { generic, concrete } = e.eigenvalues;
  const where = `${game.id}: eigenvalues`;
  // A game written in D alone has no f to keep abstract: its one formula is unlabelled.
  const label = `<span class="k">${game.record.activation === 'none' ? '' : escapeHtml(t.anyF)}</span> `;
  const lines = [`${label}${tex(`\\lambda = ${generic.tex}`, { where })}`];
  if (concrete && concrete.tex !== generic.tex) lines.push(`<span class="k">${escapeHtml(t.thisF)}</span> ${tex(`\\lambda = ${concrete.tex}`, { where })}`);
  const numeric = eigenAtDefaults(game);
  if (numeric) lines.push(`<span class="k">${escapeHtml(t.atDefaults)}</span> λ = ${escapeHtml(numeric)}`);
  return lines.map((l) => `<div class="line">${l}</div>`).join('');
}

export function indexPage(games: readonly Game[], lang: Lang): string {
  const t = STRINGS[lang];
  const columns = allMethods(games);
  const columnName = (method: string): string => {
    for (const game of games) {
      const r = methodResults(game).find((x) => x.method === method);
      if (r?.label) return r.label[lang];
    }
    return methodLabel(method, lang);
  };
  let anyNumeric = false;
  let anyAbstract = false;
  const rows = games.map((game) => {
    const r = game.record;
    const f = activationTex(game);
    const hyper = r.hyperparameters.map((h) => tex(`${h.tex} = ${h.default}`)).join(', ');
    const results = methodResults(game);
    const methods = !game.differentiable
      ? [`<td colspan="${columns.length}" class="note">${escapeHtml(noJacobianShort(game, lang))}: ${escapeHtml(game.record.verdict.verdict === 'not-an-equilibrium' ? t.movedEquilibrium : t.noDiscrete)}</td>`]
      : columns.map((method) => {
      const r = results.find((x) => x.method === method);
      if (!r) return '<td>—</td>';
      if (r.source === 'record') {
        // With f abstract a number would hide the dependence on f: the record's formula instead.
        const bound = r.formulas?.find((f) => f.key === 'bound');
        const boundTex = game.abstractActivation && bound ? (bound.concrete ?? bound.generic)?.tex : undefined;
        if (boundTex) return `<td>${discreteVerdictHtml({ ...r, bound: undefined }, lang, true)}<br>${tex(boundTex, { where: `${game.id}: ${r.method} bound` })}</td>`;
        return `<td>${discreteVerdictHtml(r, lang, true)}</td>`;
      }
      if (!r.verdict) return `<td><span class="note">${escapeHtml(noJacobianShort(game, lang))}</span></td>`;
      anyNumeric = true;
      const dagger = game.abstractActivation ? '<sup>†</sup>' : '';
      if (dagger) anyAbstract = true;
      return `<td><span class="approx" title="${escapeHtml(t.numeric)}">≈</span> ${discreteVerdictHtml(r, lang, true)}${dagger}</td>`;
    });
    return `<tr>
<th scope="row"><a href="${gamePath(game.id)}">${escapeHtml(r.title[lang])}</a>
<div class="sub">${f ? tex(f, { where: `${game.id}: activation` }) : r.activation === 'none' ? escapeHtml(t.noF) : tex('f \\text{ abstract}')}${hyper ? `, ${hyper}` : ''}</div></th>
<td class="eig">${eigenCell(game, lang)}</td>
<td>${verdictBadge(r.verdict.verdict, lang, true)}</td>
<td>${flowCell(game, lang)}</td>
${methods.join('\n')}
</tr>`;
  });
  const body = `<header class="page-head">
<h1>${escapeHtml(t.siteTitle)}</h1>
<p class="lede">${escapeHtml(t.siteTagline)}</p>
<p>${escapeHtml(t.indexIntro)}</p>
<p><a href="article.html">${escapeHtml(t.navArticle)} →</a></p>
</header>
<div class="table-wrap"><table class="games">
<caption>${escapeHtml(t.indexTableCaption)}</caption>
<thead><tr><th scope="col">${escapeHtml(t.colGame)}</th><th scope="col">${escapeHtml(t.colEigen)}</th><th scope="col">${escapeHtml(t.colContinuous)}</th><th scope="col">${escapeHtml(NONLINEAR[lang].colFlow)}</th>${columns.map((m) => `<th scope="col">${escapeHtml(columnName(m))}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>
${anyNumeric ? `<p class="note">${escapeHtml(t.numericNote)}</p>` : ''}
${anyAbstract ? `<p class="note">${sampleNote(lang, t.abstractNumbers)}</p>` : ''}`;
  return page({ lang, path: 'index.html', title: t.navGames, description: t.siteTagline, body, current: 'index' });
}
