/**
 * Pieces the index, the game pages and the article companion share: a formula with its copy
 * button, a verdict badge, and a game's pictures drawn at the default settings.
 */
import type { FormulaRecord } from '../../generator/emit/record.js';
import type { Game } from '../data/games.js';
import { specOf } from '../data/games.js';
import { STRINGS, num, point } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { SAMPLE_ACTIVATION, paramsFor } from '../model/params.js';
import { defaultState, eigenData, fieldDesc, paramsOf, runs } from '../model/explore.js';
import type { State } from '../model/explore.js';
import { equilibriumJacobian, stepBounds } from '../model/numerics.js';
import type { Method } from '../model/numerics.js';
import type { MethodResult } from '../data/discrete.js';
import { diracSvg } from '../plots/dirac.js';
import { eigenSvgs } from '../plots/eigen.js';
import { FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH, fieldSvg } from '../plots/field.js';
import { streamlets } from '../model/numerics.js';
import { stabilitySvg } from '../plots/stability.js';
import { tex } from '../render/tex.js';
import { escapeHtml } from './layout.js';

/** The TeX of the game's activation, f(t) = ..., from its 'activation' formula. */
export function activationTex(game: Game): string | undefined {
  const activation = game.record.formulas.find((f) => f.id === 'activation');
  return activation?.generic.tex.split(', \\quad ')[0];
}

/** A formula whose typeset HTML passes this many characters is shown as its LaTeX source. */
export const LONGEST_TYPESET = 100_000;
/** Formulas with more LaTeX than this are not set side by side. */
const WIDE_TEX = 200;

/** One formula: generic (any f) and, where the record has it, concrete (this f), each with a
 * copy button that the page's script reveals. */
export function formulaBlock(game: Game, formula: FormulaRecord, lang: Lang, headingLevel = 3, idPrefix = 'f-'): string {
  const t = STRINGS[lang];
  const variants: string[] = [];
  const where = `${game.id}: ${formula.id}`;
  const f = activationTex(game);
  const concreteLabel = f ? t.concrete(tex(f, { where: `${game.id}: activation` })) : escapeHtml(t.thisF);
  const variant = (label: string, source: string): string => {
    const head = formula.concrete ? `<p class="variant-label">${label}</p>` : '';
    const button = `<button type="button" class="copy" hidden>${escapeHtml(t.copyTex)}</button>`;
    const html = tex(source, { display: true, where });
    if (html.length <= LONGEST_TYPESET) return `<div class="variant">${head}<div class="math">${html}</div>${button}</div>`;
    // Too long to read typeset, and heavy: the source, to copy or to read.
    return (
      `<div class="variant long">${head}<p class="note">${escapeHtml(t.longFormula(source.length))}</p>` +
      `<details><summary>${escapeHtml(t.texSource)}</summary><pre class="tex-source">${escapeHtml(source)}</pre></details>${button}</div>`
    );
  };
  // Long formulas get the full width each, one under the other.
  const wide = Math.max(formula.generic.tex.length, formula.concrete?.tex.length ?? 0) > WIDE_TEX;
  variants.push(variant(escapeHtml(t.generic), formula.generic.tex));
  if (formula.concrete) variants.push(variant(concreteLabel, formula.concrete.tex));
  return (
    `<section class="formula" id="${idPrefix}${formula.id}" aria-labelledby="${idPrefix}${formula.id}-h">` +
    `<h${headingLevel} id="${idPrefix}${formula.id}-h">${escapeHtml(formula.label[lang])}</h${headingLevel}>` +
    `<div class="variants${formula.concrete && !wide ? ' two' : ''}">${variants.join('')}</div></section>`
  );
}

const VERDICT_CLASS: Record<string, string> = {
  'locally-convergent': 'good',
  'purely-imaginary': 'warn',
  unstable: 'bad',
  'not-differentiable': 'bad',
  inconclusive: 'neutral',
  'converges-below-bound': 'good',
  'converges-for-all-h': 'good',
  'cycles-below-bound': 'warn',
  'never-converges': 'bad',
};

/** A training method's name: the record's label, else ours, else its id. */
export function methodName(result: MethodResult, lang: Lang): string {
  return result.label?.[lang] ?? (STRINGS[lang].colMethod as Record<string, string>)[result.method] ?? result.method;
}

/** A method's verdict in discrete time: a badge and, in full, its learning-rate bound. */
export function discreteVerdictHtml(result: MethodResult, lang: Lang, short: boolean): string {
  const t = STRINGS[lang];
  if (!result.verdict) return `<span class="note">${escapeHtml(t.notDifferentiableShort)}</span>`;
  const badge = `<span class="badge ${VERDICT_CLASS[result.verdict] ?? 'neutral'}">${escapeHtml(t.discreteShort[result.verdict] ?? result.verdict)}</span>`;
  const bound = result.bound !== undefined ? num(result.bound) : '';
  const words = short ? (result.bound !== undefined ? `h < ${bound}` : '') : (t.discrete[result.verdict]?.(bound) ?? '');
  return `${badge}${words ? ` <span class="bound">${escapeHtml(words)}</span>` : ''}`;
}

export function verdictBadge(verdict: string, lang: Lang, short = false): string {
  const t = STRINGS[lang];
  const label = (short ? t.verdictShort : t.verdict)[verdict] ?? verdict;
  return `<span class="badge ${VERDICT_CLASS[verdict] ?? 'neutral'}">${escapeHtml(label)}</span>`;
}

/** The reason the generator gives, which is English: marked so on the Chinese pages. */
export const reasonHtml = (reason: string, lang: Lang): string =>
  lang === 'en' ? escapeHtml(reason) : `<span lang="en">${escapeHtml(reason)}</span> <span class="note">${escapeHtml(STRINGS.zh.reasonInEnglish)}</span>`;

/** A picture in a <figure> with its caption. */
export const figure = (svg: string, caption: string, className = ''): string =>
  `<figure class="picture ${className}">${svg}<figcaption>${caption}</figcaption></figure>`;

/** The phase portrait at a state (by default the game's default state). */
export function fieldFigure(game: Game, lang: Lang, id: string, state: State = defaultState(specOf(game, lang))): string {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const p = paramsOf(spec, state);
  const r = runs(game.evaluator, p, state);
  const lines = streamlets(game.evaluator, p, FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH);
  const svg = fieldSvg({
    id,
    lines,
    runs: r,
    text: {
      title: t.fieldTitle(spec.title),
      desc: fieldDesc(t, spec, state, r),
      xLabel: t.theta,
      yLabel: t.phi,
      legend: { flow: t.flow, simultaneous: t.simultaneous, alternating: t.alternating, start: t.start, equilibrium: t.equilibriumPoint },
    },
  });
  let caption = `<span data-run>${escapeHtml(t.fieldCaption(num(state.h), state.steps, point(state.start[0], state.start[1])))}</span>`;
  if (game.abstractActivation) caption += ` ${sampleNote(lang)}`;
  return figure(svg, caption, 'field');
}

/** A sentence naming the sample activation, typeset. */
export const sampleNote = (lang: Lang, sentence: (f: string) => string = STRINGS[lang].sampleActivation): string => {
  const [before, after] = sentence('\u0000').split('\u0000');
  return `${escapeHtml(before ?? '')}${tex(SAMPLE_ACTIVATION.tex)}${escapeHtml(after ?? '')}`;
};

export function eigenFigure(game: Game, lang: Lang, id: string, state: State = defaultState(specOf(game, lang))): string | undefined {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const data = eigenData(t, game.evaluator, paramsOf(spec, state), state);
  if (!data) return undefined;
  return `<figure class="picture eigen"><div class="pair" id="${id}-pair">${eigenSvgs(t, t.eigenTitle(spec.title), data, id)}</div><figcaption>${escapeHtml(t.eigenCaption(num(state.h)))}</figcaption></figure>`;
}

export function diracFigure(lang: Lang, id: string, theta: number, phi: number): string {
  const t = STRINGS[lang];
  const svg = diracSvg({
    id,
    theta,
    phi,
    text: { title: t.diracTitle, desc: t.diracDesc(num(theta), num(phi)), x: 'x', y: 'D(x)', data: t.data, generated: t.generated, line: t.discriminatorLine },
  });
  return figure(svg, escapeHtml(t.diracCaption), 'dirac');
}

/** One stability map per hyperparameter and training method (the other hyperparameters at
 * their defaults); none for a game without hyperparameters or without J(0, 0). */
export function stabilityFigures(game: Game, lang: Lang, idPrefix: string): string[] {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const state = defaultState(spec);
  if (!equilibriumJacobian(game.evaluator, paramsOf(spec, state))) return [];
  const figures: string[] = [];
  for (const hp of game.record.hyperparameters) {
    for (const method of ['simultaneous', 'alternating'] as Method[]) {
      const methodName = t.methodName[method]!;
      const jacobianAt = (value: number) => equilibriumJacobian(game.evaluator, paramsFor(game.abstractActivation, { ...game.defaults, [hp.name]: value }));
      const j = jacobianAt(hp.default);
      const b = j ? stepBounds(j, method, state.nD) : undefined;
      const at = `${plainSymbol(hp.tex, hp.name)} = ${num(hp.default)}`;
      const summary = b?.convergesBelow ? `${at}: ${t.convergesBelow(num(b.convergesBelow))}.` : `${at}: ${t.neverStable}.`;
      const label = `${plainSymbol(hp.tex, hp.name)} — ${hp.description[lang]}`;
      const svg = stabilitySvg({
        id: `${idPrefix}-${method}-${hp.name}`,
        method,
        nD: state.nD,
        range: hp.range,
        jacobianAt,
        marker: { value: hp.default, h: state.h },
        text: {
          title: t.stabilityTitle(spec.title, methodName),
          desc: t.stabilityDesc(methodName, summary),
          xLabel: label,
          yLabel: t.learningRate,
          unstable: t.unstableRegion,
          one: 'ρ = 1',
          levels: t.rhoLevels,
          defaults: t.defaults,
        },
      });
      const caption = `${escapeHtml(t.stabilityCaption(methodName, method === 'alternating' ? state.nD : null))} ${tex(hp.tex)}: ${escapeHtml(hp.description[lang])}.`;
      figures.push(figure(svg, caption, 'stability'));
    }
  }
  return figures;
}

const GREEK: Readonly<Record<string, string>> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ',
  mu: 'μ', nu: 'ν', xi: 'ξ', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};

/** A hyperparameter's symbol as plain text (for SVG labels and slider values): \\gamma -> γ. */
export function plainSymbol(texSource: string, name: string): string {
  const m = /^\\([a-zA-Z]+)$/.exec(texSource.trim());
  return (m && GREEK[m[1]!]) ?? (/^[a-zA-Z]$/.test(texSource.trim()) ? texSource.trim() : name);
}
