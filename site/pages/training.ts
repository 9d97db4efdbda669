/**
 * A game's training page: how training in discrete time behaves near the equilibrium. First,
 * for each hyperparameter, the pictures of the sweep: the eigenvalues of J(0, 0) along its
 * range, those of each method's update map for a fixed h, and the stability map of every
 * method over the hyperparameter and h. Then the Jacobian J(theta, phi), the longest formula
 * of every game, which would double the game page's weight. Then, for each training method
 * the record derives, the update map linearised at the equilibrium, its eigenvalues, its
 * spectral radius and the largest stable learning rate, generic in f and with f substituted,
 * with the verdict and its reason; and, where the linearisation says the method converges,
 * where it converges from at the defaults (data/basins.ts); where it says the iterates cycle,
 * whether a run finds them drifting (data/drift.ts).
 */
import type { Game } from '../data/game.js';
import { figureParams } from '../data/game.js';
import { methodResults } from '../data/discrete.js';
import { hasSweeps } from '../data/sweeps.js';
import { BASIN_RUN, basinOf } from '../data/basins.js';
import type { Outcome } from '../data/basins.js';
import { basinSvg } from '../plots/basins.js';
import { DRIFT_RUN, driftOf } from '../data/drift.js';
import { STRINGS, num } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { DEFAULT_RUN } from '../model/explore.js';
import { METHODS } from '../model/numerics.js';
import type { Method } from '../model/numerics.js';
import { rulesSection } from './rules.js';
import { discreteVerdictHtml, formulaBlock, lambdaPathsFigure, methodName, muPathsFigure, reasonHtml, stabilityFigures } from './fragments.js';
import { escapeHtml, page } from './layout.js';

export const trainingPath = (id: string): string => `games/${id}-training.html`;

export const hasTrainingPage = (game: Game): boolean => methodResults(game).some((r) => r.source === 'record' && (r.formulas?.length ?? 0) > 0);

/** Formulas of the derivation typeset on the training page instead of the game page: the
 * Jacobian away from the equilibrium, by far the longest of every game. */
const TRAINING_FORMULAS: readonly string[] = ['jacobian'];

export const onTrainingPage = (game: Game, formulaId: string): boolean => TRAINING_FORMULAS.includes(formulaId) && hasTrainingPage(game);

function stabilitySection(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const blocks = game.record.hyperparameters.map((hp) => {
    const symbol = hp.symbol;
    const maps = stabilityFigures(game, lang, 'fig-stability', METHODS, false, hp);
    return `<section class="sweep" id="sweep-${hp.name}" aria-labelledby="sweep-${hp.name}-h">
<h3 id="sweep-${hp.name}-h">${escapeHtml(t.pathsHeading(symbol))}</h3>
${lambdaPathsFigure(game, hp, lang, `fig-paths-${hp.name}`)}
${muPathsFigure(game, hp, lang, 'fig-mu', METHODS, DEFAULT_RUN.h)}
<h3 id="maps-${hp.name}">${escapeHtml(t.stabilityMapsHeading(symbol))}</h3>
<div class="maps">${maps.join('\n')}</div>
</section>`;
  });
  return `<section id="stability" aria-labelledby="stability-h">
<h2 id="stability-h">${escapeHtml(t.stabilityHeading)}</h2>
<p>${escapeHtml(t.stabilityIntro(num(DEFAULT_RUN.h)))}</p>
${blocks.join('\n')}
</section>`;
}

/** Where the linearisation says the iterates cycle: what a run says of the drift. */
export function driftParagraph(game: Game, method: Method, lang: Lang): string {
  const drift = driftOf(game, method);
  if (!drift) return '';
  // The record's coefficient at the run's h, where it has one (the cubic d, or the first higher
  // order's d_n where d = 0): the derivation, then the run that shows it.
  const order = game.record.drift?.order ?? 3;
  const derived = method === 'alternating' ? game.record.drift?.samples.find((s) => s.h === drift.h && s.coefficient !== null) : undefined;
  const d = order === 3 ? derived?.coefficient : derived?.higher;
  const sign = d === undefined || d === null ? undefined : game.record.drift!.verdict === 'stays' ? 'linear' : d < 0 ? 'negative' : d > 0 ? 'positive' : 'zero';
  // Where higher terms decide: how many steps from |z| = 0.1 until |z|^(2m) doubles (drifting out)
  // or halves (in), from |z|^(-2m) moving by 2m |d| a step.
  const m = (order - 1) / 2;
  const halving = d === undefined || d === null ? 0 : (0.1 ** (-2 * m) / (2 * m * Math.abs(d))) * (d > 0 ? 0.5 : 1);
  const sentence = sign === undefined ? '' : `${STRINGS[lang].driftDerived(sign, num(drift.h), num(d!, 6), num(1 / ((order - 1) * Math.abs(d!)), 6), order, num(halving, 2))} `;
  return `<p class="drift" id="drift-${method}">${escapeHtml(sentence + STRINGS[lang].driftFinding(drift.kind, num(drift.h), DRIFT_RUN.steps, drift.ratio.toPrecision(6)))}</p>`;
}

/** Where the method converges from, at the defaults, when its linearisation says it converges. */
function basinFigure(game: Game, method: Method, lang: Lang): string {
  const basin = basinOf(game, method);
  if (!basin) return '';
  const t = STRINGS[lang];
  const name = t.methodSteps[method]!;
  const counts = (['converged', 'diverged', 'running'] as const)
    .map((o) => [o, basin.outcomes.filter((x) => x === o).length] as const)
    .filter(([, n]) => n > 0)
    .map(([o, n]) => t.basinCount(n, t.basinOutcome[o as Outcome]))
    .join(', ');
  const id = `fig-basin-${method}`;
  const svg = basinSvg({
    id,
    basin,
    title: t.basinTitle(name, game.record.title[lang]),
    desc: t.basinDesc(name, counts),
    labels: { theta: t.theta, phi: t.phi, outcomes: t.basinOutcome, equilibrium: t.equilibriumPoint },
  });
  const halfBound = basin.h !== DEFAULT_RUN.h;
  return `<h3 id="${id}-h">${escapeHtml(t.basinHeading)}</h3>
<figure class="picture basin">${svg}<figcaption>${escapeHtml(t.basinCaption(name, num(basin.h), BASIN_RUN.steps, halfBound))}</figcaption></figure>`;
}

export function trainingPage(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const title = t.trainingTitle(game.record.title[lang]);
  const derived = methodResults(game).filter((r) => r.source === 'record' && r.formulas && r.formulas.length > 0);
  const sections = derived.map((r) => {
    const blocks = r.formulas!.map((f) => {
      const label = { en: STRINGS.en.formulaKey[f.key]!, zh: STRINGS.zh.formulaKey[f.key]! };
      const generic = (f.generic ?? f.concrete)!;
      return formulaBlock(game, { id: `${r.method}-${f.key}`, label, generic, ...(f.generic && f.concrete ? { concrete: f.concrete } : {}) }, lang, 3, 'm-', false, methodName(r, lang));
    });
    return `<section class="method" id="method-${escapeHtml(r.method)}" aria-labelledby="method-${escapeHtml(r.method)}-h">
<h2 id="method-${escapeHtml(r.method)}-h">${escapeHtml(methodName(r, lang))}</h2>
<p>${discreteVerdictHtml(r, lang, false)}</p>
${r.reason ? `<p class="reason">${reasonHtml(r.reason, lang)}</p>` : ''}
${driftParagraph(game, r.method as Method, lang)}
${basinFigure(game, r.method as Method, lang)}
${blocks.join('\n')}
</section>`;
  });
  const moved = game.record.formulas.filter((f) => onTrainingPage(game, f.id));
  const sweeps = hasSweeps(game);
  const toc = [
    ...(sweeps ? [`<a href="#stability">${escapeHtml(t.stabilityHeading)}</a>`] : []),
    ...moved.map((f) => `<a href="#m-${f.id}">${escapeHtml(f.label[lang])}</a>`),
    ...derived.map((r) => `<a href="#method-${escapeHtml(r.method)}">${escapeHtml(methodName(r, lang))}</a>`),
    ...(game.record.rules.length ? [`<a href="#rules">${escapeHtml(t.rulesHeading)}</a>`] : []),
  ];
  const body = `<article class="game">
<header class="page-head">
<p class="crumb"><a href="../index.html">${escapeHtml(t.navGames)}</a> › <a href="${game.id}.html">${escapeHtml(game.record.title[lang])}</a></p>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${escapeHtml(t.discreteIntro)}</p>
<nav class="toc" aria-label="${escapeHtml(t.onThisPage)}">${toc.join('')}</nav>
</header>
${sweeps ? stabilitySection(game, lang) : ''}
${moved.map((f) => formulaBlock(game, f, lang, 2, 'm-')).join('\n')}
${sections.join('\n')}
${rulesSection(game, lang)}
</article>`;
  return page({ lang, path: trainingPath(game.id), title, description: title, body, figureParams: figureParams(game) });
}

/** For a test: the pictures each page of a game should have. */
export const expectedPictures = (game: Game): { game: string[]; training: string[] } => {
  if (!hasSweeps(game)) return { game: [], training: [] };
  const hps = game.record.hyperparameters.map((h) => h.name);
  return {
    game: hps.flatMap((hp) => [`fig-paths-${hp}`, `fig-stability-simultaneous-${hp}`, `fig-stability-alternating-${hp}`]),
    training: hps.flatMap((hp) => [`fig-paths-${hp}`, ...METHODS.flatMap((m) => [`fig-mu-${m}-${hp}`, `fig-stability-${m}-${hp}`])]),
  };
};
