/**
 * One page per game: what it is and its verdict; the derivation from each player's general
 * objective to the eigenvalues at the equilibrium (generic f and concrete f, each formula
 * with a copy-as-LaTeX button); the pictures with the live exploration; discrete time per
 * training method with the stability maps. Built from the record alone, for every game.
 */
import { ARTICLE_SLOTS } from '../../generator/contract/article.js';
import type { Game } from '../data/game.js';
import { figureParams, specOf } from '../data/game.js';
import { methodResults } from '../data/discrete.js';
import { hasSweeps } from '../data/sweeps.js';
import { rulesSection } from './rules.js';
import { hasTrainingPage, onTrainingPage, trainingPath } from './training.js';
import { STRINGS, num } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { DEFAULT_RUN, EXTRA_STARTS, RUN_RANGES, defaultState } from '../model/explore.js';
import { tex } from '../render/tex.js';
import { escapeHtml, page } from './layout.js';
import { flowCell, nonlinearSection } from './nonlinear.js';
import { NONLINEAR } from '../i18n-nonlinear.js';
import {
  activationTex,
  diracFigure,
  discreteVerdictHtml,
  eigenFigure,
  fieldFigure,
  formulaBlock,
  lambdaPathsFigure,
  methodName,
  noJacobianShort,
  reasonHtml,
  sampleNote,
  stabilityFigures,
  verdictBadge,
  withTex,
} from './fragments.js';

export const gamePath = (id: string): string => `games/${id}.html`;
/** The game's own script with its evaluator, relative to the site's root. */
export const gameScript = (id: string): string => `assets/games/${id}.js`;

/** The eigenvalues at the default hyperparameters, as "a ± bi". */
export function eigenAtDefaults(game: Game): string | undefined {
  const e = game.record.equilibrium;
  if (!e.differentiable || !e.eigenvalues.atDefaults) return undefined;
  const { re, im } = e.eigenvalues.atDefaults;
  if (im[0] === 0 && im[1] === 0) return `${num(re[0])}, ${num(re[1])}`;
  return re[0] === 0 ? `±${num(Math.abs(im[0]))}i` : `${num(re[0])} ± ${num(Math.abs(im[0]))}i`;
}

/** The facts at the head of a game's page: its verdicts, eigenvalues, hyperparameters, activation,
 * sources, ...; `alone`: on a page beside the article (the playground), not in games/. */
export function gameFacts(game: Game, lang: Lang, alone = false): string[] {
  const t = STRINGS[lang];
  const r = game.record;
  const facts: string[] = [];
  facts.push(`<dt>${escapeHtml(t.verdictHeading)}</dt><dd>${verdictBadge(r.verdict.verdict, lang)}<p class="reason">${escapeHtml(t.linearReason[r.verdict.verdict] ?? '')}</p></dd>`);
  facts.push(`<dt>${escapeHtml(NONLINEAR[lang].flowFact)}</dt><dd>${flowCell(game, lang)} <a href="#nonlinear">${escapeHtml(NONLINEAR[lang].heading)} ↓</a></dd>`);
  const eig = eigenAtDefaults(game);
  if (eig) facts.push(`<dt>${escapeHtml(r.hyperparameters.length > 0 ? t.eigenAtDefaults : t.eigenOfJ)}</dt><dd>λ = ${escapeHtml(eig)}</dd>`);
  if (r.hyperparameters.length > 0) {
    const list = r.hyperparameters.map((h) => `${tex(`${h.tex} = ${h.default}`)} <span class="note">(${escapeHtml(h.description[lang])}; ${num(h.range[0])}–${num(h.range[1])})</span>`);
    facts.push(`<dt>${escapeHtml(t.hyperparameters)}</dt><dd>${list.join('<br>')}</dd>`);
  }
  facts.push(...recordFacts(game, lang));
  if (r.sources.length > 0) facts.push(`<dt>${escapeHtml(t.sources)}</dt><dd><ul>${r.sources.map((s) => `<li><cite>${escapeHtml(s)}</cite></li>`).join('')}</ul></dd>`);
  const slots = r.slots.filter((s) => ARTICLE_SLOTS.some((a) => a.id === s));
  if (slots.length > 0) facts.push(`<dt>${escapeHtml(t.fillsSlots)}</dt><dd>${slots.map((s) => `<a href="${alone ? '' : '../'}article.html#slot-${s}"><code>${escapeHtml(s)}</code></a>`).join(' ')}</dd>`);
  return facts;
}

/** Every formula of the record, each with its copy button, the eigenvalues followed by their
 * paths over each hyperparameter; on a site's page the training methods' maps link to the game's
 * training page, which the playground (`alone`) has not. */
export const gameFormulas = (game: Game, lang: Lang, alone = false): string => gameFormulaBlocks(game, lang, alone).join('\n');

/** gameFormulas, a block (a formula and its pictures) at a time. */
export function gameFormulaBlocks(game: Game, lang: Lang, alone = false): string[] {
  const t = STRINGS[lang];
  const r = game.record;
  return r.formulas
    .map((f) => {
      if (!alone && onTrainingPage(game, f.id)) {
        const link = `<a href="${trainingPath(game.id).replace('games/', '')}#m-${f.id}">${escapeHtml(t.trainingTitle(r.title[lang]))} →</a>`;
        return `<section class="formula moved" id="f-${f.id}" aria-labelledby="f-${f.id}-h"><h3 id="f-${f.id}-h">${escapeHtml(f.label[lang])}</h3><p class="note">${escapeHtml(t.jacobianElsewhere)} ${link}</p></section>`;
      }
      const block = formulaBlock(game, f, lang, 3, 'f-', true);
      // After the eigenvalues: how they move as each hyperparameter sweeps its range.
      if (f.id !== 'eigenvalues' || !hasSweeps(game)) return block;
      return [block, ...r.hyperparameters.map((hp) => lambdaPathsFigure(game, hp, lang, `fig-paths-${hp.name}`))].join('\n');
    });
}

export function gamePage(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const r = game.record;
  const facts = gameFacts(game, lang);
  const formulas = gameFormulas(game, lang);
  const toc = [
    [`derivation`, t.formulas],
    [`nonlinear`, NONLINEAR[lang].heading],
    [`explore`, t.explore],
    [`discrete`, t.discreteHeading],
  ].map(([id, label]) => `<a href="#${id}">${escapeHtml(label!)}</a>`);

  const body = `<article class="game">
<header class="page-head">
<p class="crumb"><a href="../index.html">${escapeHtml(t.navGames)}</a></p>
<h1>${escapeHtml(r.title[lang])}</h1>
<p class="lede">${escapeHtml(r.summary[lang])}</p>
<dl class="facts">${facts.join('')}</dl>
<nav class="toc" aria-label="${escapeHtml(t.onThisPage)}">${toc.join('')}</nav>
</header>
<section id="derivation" aria-labelledby="derivation-h">
<h2 id="derivation-h">${escapeHtml(t.formulas)}</h2>
<p>${escapeHtml(r.activation === 'none' ? t.formulasIntroNone : t.formulasIntro)}</p>
${formulas}
</section>
${nonlinearSection(game, lang)}
${exploreSection(game, lang)}
${discreteSection(game, lang)}
${hasTrainingPage(game) ? '' : rulesSection(game, lang)}
</article>`;
  return page({ lang, path: gamePath(game.id), title: r.title[lang], description: r.summary[lang], body, scripts: [gameScript(game.id)], figureParams: figureParams(game) });
}

/** The pictures the sliders move, and the sliders (hidden until the page's script runs: site/client/explore.ts). */
export function exploreSection(game: Game, lang: Lang, intro: string = STRINGS[lang].exploreIntro): string {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const state = defaultState(spec);
  const eigen = eigenFigure(game, lang, 'fig-eigen') ?? `<p class="note">${escapeHtml(t.noLinearisation(t.linearReason[game.record.verdict.verdict] ?? ''))}</p>`;
  return `<section id="explore" aria-labelledby="explore-h">
<h2 id="explore-h">${escapeHtml(t.explore)}</h2>
<p>${escapeHtml(intro)}${game.abstractActivation ? ` ${sampleNote(lang)}` : ''}</p>
<div class="explore" data-explore="${escapeHtml(game.id)}">
<div class="explore-main">${fieldFigure(game, lang, 'fig-field', state)}
${eigen}</div>
<div class="explore-side">
${controls(game, lang)}
${diracFigure(lang, 'fig-dirac', state.start[0], state.start[1])}
</div>
</div>
<script type="application/json" id="explore-data">${JSON.stringify({ spec }).replace(/</g, '\\u003c')}</script>
</section>`;
}

interface Slider {
  readonly key: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly value: number;
  readonly log?: boolean;
  readonly integer?: boolean;
  readonly step?: number;
}

/** A native range input with its label and its value; log sliders run over 0..1000. */
function slider(s: Slider): string {
  const id = `c-${s.key}`;
  const attrs = s.log
    ? `min="0" max="1000" step="1" value="${Math.round((1000 * Math.log(s.value / s.min)) / Math.log(s.max / s.min))}"`
    : `min="${s.min}" max="${s.max}" step="${s.step ?? (s.integer ? 1 : (s.max - s.min) / 1000)}" value="${s.value}"`;
  return (
    `<div class="control"><label for="${id}">${s.label}</label>` +
    // aria-valuetext: a log slider's position (0..1000) is not its value.
    `<input type="range" id="${id}" name="${escapeHtml(s.key)}" ${attrs} aria-valuetext="${num(s.value)}" data-key="${escapeHtml(s.key)}" data-min="${s.min}" data-max="${s.max}" data-default="${s.value}"` +
    `${s.log ? ' data-log=""' : ''}${s.integer ? ' data-int=""' : ''}>` +
    `<output for="${id}" id="${id}-out">${num(s.value)}</output></div>`
  );
}

function controls(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const sliders: Slider[] = game.record.hyperparameters.map((h) => ({
    key: h.name,
    label: `${tex(h.tex)} <span class="note">${escapeHtml(h.description[lang])}</span>`,
    min: h.range[0],
    max: h.range[1],
    value: h.default,
    log: h.range[0] > 0 && h.range[1] / h.range[0] >= 20,
  }));
  sliders.push(
    { key: 'h', label: escapeHtml(t.learningRate), min: RUN_RANGES.h[0], max: RUN_RANGES.h[1], value: DEFAULT_RUN.h, log: true },
    { key: 'nD', label: escapeHtml(t.nD), min: RUN_RANGES.nD[0], max: RUN_RANGES.nD[1], value: DEFAULT_RUN.nD, integer: true },
    { key: 'steps', label: escapeHtml(t.steps), min: RUN_RANGES.steps[0], max: RUN_RANGES.steps[1], value: DEFAULT_RUN.steps, integer: true, step: 10 },
    { key: 'theta0', label: escapeHtml(t.startTheta), min: RUN_RANGES.start[0], max: RUN_RANGES.start[1], value: DEFAULT_RUN.start[0], step: 0.05 },
    { key: 'phi0', label: escapeHtml(t.startPhi), min: RUN_RANGES.start[0], max: RUN_RANGES.start[1], value: DEFAULT_RUN.start[1], step: 0.05 },
  );
  const methods = (['both', 'simultaneous', 'alternating'] as const)
    .map(
      (m) =>
        `<label class="radio"><input type="radio" name="method" value="${m}"${m === 'both' ? ' checked' : ''}> ${escapeHtml(m === 'both' ? t.methodBoth : t.methodName[m]!)}</label>`,
    )
    .join('');
  return `<form class="controls" id="controls" hidden aria-label="${escapeHtml(t.explore)}">
${sliders.map(slider).join('\n')}
<fieldset class="methods"><legend>${escapeHtml(t.methodLegend)}</legend>${methods}</fieldset>
<label class="check"><input type="checkbox" name="several" id="c-several"> ${escapeHtml(t.severalStarts(EXTRA_STARTS.map(([a, b]) => `(${num(a)}, ${num(b)})`).join(', ')))}</label>
<div class="buttons"><button type="button" id="play" data-play="${escapeHtml(t.play)}" data-pause="${escapeHtml(t.pause)}">${escapeHtml(t.play)}</button>
<button type="reset" id="reset">${escapeHtml(t.reset)}</button></div>
</form>`;
}

/** Per training method: the verdict with its largest stable learning rate and the spectral
 * radius at the default h (from the game's evaluator), with the stability maps; the record's
 * formulas for the update maps, and the maps of every method, are on the game's training page,
 * to which `alone` (the playground) links not. */
export function discreteSection(game: Game, lang: Lang, alone = false): string {
  const t = STRINGS[lang];
  const results = methodResults(game);
  const rows = results.map((r) => {
    const rho = r.rhoAtDefault === undefined ? '—' : `ρ = ${num(r.rhoAtDefault, 4)}`;
    const how = r.source === 'record' ? escapeHtml(t.fromRecord) : r.verdict ? escapeHtml(t.numeric) : '—';
    return `<tr><th scope="row">${escapeHtml(methodName(r, lang))}</th><td>${discreteVerdictHtml(r, lang, false, noJacobianShort(game, lang))}</td><td>${rho}</td><td>${how}</td></tr>`;
  });
  const hyper = game.record.hyperparameters.map((h) => `, ${h.symbol} = ${num(h.default)}`).join('');
  const maps = hasSweeps(game) ? stabilityFigures(game, lang, 'fig-stability', ['simultaneous', 'alternating'], true) : [];
  const more = !alone && hasTrainingPage(game) ? `<p><a href="${trainingPath(game.id).replace('games/', '')}">${escapeHtml(t.trainingLink)} →</a></p>` : '';
  return `<section id="discrete" aria-labelledby="discrete-h">
<h2 id="discrete-h">${escapeHtml(t.discreteHeading)}</h2>
<p>${escapeHtml(t.discreteIntro)}</p>
<div class="table-wrap"><table class="discrete">
<thead><tr><th scope="col">${escapeHtml(t.method)}</th><th scope="col">${escapeHtml(t.verdictCol)}</th><th scope="col">${escapeHtml(t.spectralRadius)} (h = ${num(DEFAULT_RUN.h)}${hyper})</th><th scope="col">${escapeHtml(t.how)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>
${game.abstractActivation && results.some((r) => r.verdict) ? `<p class="note">${sampleNote(lang, t.abstractNumbers)}</p>` : ''}
${more}
${maps.length > 0 ? `<div class="maps">${maps.join('\n')}</div>` : ''}
</section>`;
}

/** What the record says about the game beyond its verdict: the activation, instance noise
 * (formulas with epsilon are expectations over it), clipping, and kinks. */
function recordFacts(game: Game, lang: Lang): string[] {
  const t = STRINGS[lang];
  const r = game.record;
  const facts: string[] = [];
  const f = activationTex(game);
  const activation = r.activation === 'none' ? escapeHtml(t.activationNone) : r.activation === 'abstract' || !f ? escapeHtml(t.activationAbstract) : tex(f, { where: `${game.id}: activation` });
  facts.push(`<dt>${escapeHtml(t.activationHeading)}</dt><dd>${activation}</dd>`);
  if (r.noise) facts.push(`<dt>${escapeHtml(t.noiseHeading)}</dt><dd>${tex(r.noise.tex, { where: `${game.id}: noise` })}. ${withTex(t.noiseNote, '\\mathbb{E}_{\\varepsilon}\\left[\\,\\cdot\\,\\right]')}</dd>`);
  for (const c of r.constraints) {
    facts.push(`<dt>${escapeHtml(t.constraintsHeading)}</dt><dd>${tex(c.tex, { where: `${game.id}: constraint` })} ${escapeHtml(t.constraintNote)}<p class="reason">${reasonHtml(c.nearEquilibrium, lang)}</p></dd>`);
  }
  if (r.kinks.length > 0) {
    const where = r.kinks.map((k) => tex(`${k.tex} = 0`, { where: `${game.id}: kink` })).join(', ');
    const local = r.equilibrium.differentiable ? ` ${escapeHtml(t.kinksLocal)}` : '';
    // The sentence's own words contain no markup characters; its argument is escaped here.
    const jumps = r.kinks.map((k) => `<p class="reason">${escapeHtml(t.kinkJumps)} ${tex(k.jump.field.tex, { where: `${game.id}: jump of v` })}, ${tex(k.jump.jacobian.tex, { where: `${game.id}: jump of J` })}</p>`).join('');
    const filippov = r.kinks.flatMap((k) => (k.filippov ?? []).map((curve) =>
      `<p class="reason">${t.kinkFilippov(tex(`u = ${k.tex} = 0`, { where: `${game.id}: kink` }), tex(curve.curve.tex, { where: `${game.id}: switching curve` }))}${escapeHtml(curve.segments.map((s) => t.kinkSegment(num(s.from), num(s.to), s.kind, s.slides)).join(lang === 'zh' ? '；' : '; '))}${lang === 'zh' ? '。' : '.'}</p>`)).join('');
    facts.push(`<dt>${escapeHtml(t.kinksHeading)}</dt><dd>${t.kinksWhere(where)}${local}${jumps}${filippov}</dd>`);
  }
  for (const note of r.notes) facts.push(`<dt>${escapeHtml(t.noteHeading)}</dt><dd>${escapeHtml(note.text[lang])}</dd>`);
  return facts;
}
