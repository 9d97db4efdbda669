/**
 * Pieces the index, the game pages and the article companion share: a formula with its copy
 * button, a verdict badge, and a game's pictures drawn at the default settings.
 */
import { METHOD_LABELS } from '../../generator/contract/records.js';
import type { FormulaRecord, Text } from '../../generator/contract/records.js';
import type { Game } from '../data/game.js';
import { sampleActivationTex, specOf } from '../data/game.js';
import type { Hyperparameter } from '../data/sweeps.js';
import { lambdaSweep, muSweep, paramsAt, spectralRadiusOver, sweepValues } from '../data/sweeps.js';
import { STRINGS, num, point } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { complex, defaultState, eigenData, fieldDesc, paramsOf, runs } from '../model/explore.js';
import type { State } from '../model/explore.js';
import { streamlets } from '../model/numerics.js';
import type { Method } from '../model/numerics.js';
import type { MethodResult } from '../data/discrete.js';
import type { StableInterval } from '../../generated/runtime/methods.js';
import { diracSvg } from '../plots/dirac.js';
import { eigenSvgs } from '../plots/eigen.js';
import { FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH, fieldSvg } from '../plots/field.js';
import type { Path, PathKind, Spectrum } from '../plots/paths.js';
import { moves, pathsOf, pathsSvg } from '../plots/paths.js';
import { ON_CIRCLE, isLogRange, stabilityLayer, stabilitySvg } from '../plots/stability.js';
import type { StabilityLayer } from '../plots/stability.js';
import { tex } from '../render/tex.js';
import { escapeHtml } from './layout.js';

/** The TeX of the game's activation, f(t) = ..., where it has a concrete one. */
export const activationTex = (game: Game): string | undefined => (typeof game.record.activation === 'object' ? game.record.activation.tex : undefined);

/** A formula whose typeset HTML passes this many characters is shown as its LaTeX source. */
export const LONGEST_TYPESET = 100_000;
/** Formulas with more LaTeX than this are not set side by side. */
const WIDE_TEX = 200;

/** One formula: generic (any f) and, where the record has it, concrete (this f), each with a
 * copy button that the page's script reveals. The concrete variant is labelled with the
 * activation typeset, unless the page shows it once elsewhere (`fShown`): then "this f".
 * `context` (a method, a game) tells the copy buttons of formulas of one label apart. */
export function formulaBlock(game: Game, formula: FormulaRecord, lang: Lang, headingLevel = 3, idPrefix = 'f-', fShown = false, context = ''): string {
  const t = STRINGS[lang];
  const variants: string[] = [];
  const where = `${game.id}: ${formula.id}`;
  const f = activationTex(game);
  const concreteLabel = f && !fShown ? t.concrete(tex(f, { where: `${game.id}: activation` })) : escapeHtml(t.thisF);
  const variant = (label: string, source: string, which: string): string => {
    const head = formula.concrete ? `<p class="variant-label">${label}</p>` : '';
    // Named for its formula: a page has dozens of these boxes and buttons.
    const name = `${formula.label[lang]}${context ? `, ${context}` : ''}${formula.concrete ? ` (${which})` : ''}`;
    const button = `<button type="button" class="copy" hidden aria-label="${escapeHtml(`${t.copyTex}: ${name}`)}">${escapeHtml(t.copyTex)}</button>`;
    const html = tex(source, { display: true, where });
    // A formula wider than its column scrolls in its box, which the keyboard reaches with or
    // without the page script (whether it overflows depends on the reader's screen, and
    // measuring every box would lay out the ones off the screen).
    const box = `<div class="math" tabindex="0" role="group" aria-label="${escapeHtml(name)}">${html}</div>`;
    if (html.length <= LONGEST_TYPESET) return `<div class="variant">${head}${box}${button}</div>`;
    // Too long to read typeset, and heavy: the source, to copy or to read.
    return (
      `<div class="variant long">${head}<p class="note">${escapeHtml(t.longFormula(source.length))}</p>` +
      `<details><summary>${escapeHtml(t.texSource)}</summary><pre class="tex-source">${escapeHtml(source)}</pre></details>${button}</div>`
    );
  };
  // Long formulas get the full width each, one under the other.
  const wide = Math.max(formula.generic.tex.length, formula.concrete?.tex.length ?? 0) > WIDE_TEX;
  variants.push(variant(escapeHtml(t.generic), formula.generic.tex, t.generic));
  if (formula.concrete) variants.push(variant(concreteLabel, formula.concrete.tex, t.thisF));
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
  'not-an-equilibrium': 'neutral',
  inconclusive: 'neutral',
  'converges-below-bound': 'good',
  'converges-for-all-h': 'good',
  'cycles-below-bound': 'warn',
  'converges-in-intervals': 'warn',
  'never-converges': 'bad',
  undecided: 'neutral',
};

/** A training method's name: the record's label, else the method's own (METHOD_LABELS), else its id. */
export function methodName(result: MethodResult, lang: Lang): string {
  return result.label?.[lang] ?? methodLabel(result.method, lang);
}

/** A method's own name (METHOD_LABELS), or its id for a method the records name alone. */
export const methodLabel = (method: string, lang: Lang): string => (METHOD_LABELS as Readonly<Record<string, Text | undefined>>)[method]?.[lang] ?? method;

/** Why a game has no Jacobian at (0, 0) to linearise with: a kink there, or an equilibrium elsewhere. */
export const noJacobianShort = (game: Game, lang: Lang): string =>
  game.record.verdict.verdict === 'not-an-equilibrium' ? STRINGS[lang].notAnEquilibriumShort : STRINGS[lang].notDifferentiableShort;

/** The learning rates a verdict is about: h < bound, or the intervals of h where the map converges away from 0. */
function learningRates(result: { readonly bound?: number | undefined; readonly intervals?: readonly StableInterval[] }): string {
  if (result.bound !== undefined) return `h < ${num(result.bound)}`;
  // An interval that reaches the end of the scan ends at 1e3, as far as the search looked.
  return (result.intervals ?? []).map((i) => `${num(i.from)} < h < ${Number.isFinite(i.to) ? num(i.to) : '1e3'}`).join(', ');
}

/** A method's verdict in discrete time: a badge and, in full, its learning-rate bound; where
 * there is none, `missing` says why. */
export function discreteVerdictHtml(result: MethodResult, lang: Lang, short: boolean, missing = STRINGS[lang].notDifferentiableShort): string {
  const t = STRINGS[lang];
  if (!result.verdict) return `<span class="note">${escapeHtml(missing)}</span>`;
  const badge = `<span class="badge ${VERDICT_CLASS[result.verdict] ?? 'neutral'}">${escapeHtml(t.discreteShort[result.verdict] ?? result.verdict)}</span>`;
  const bound = learningRates(result);
  const words = short ? (bound || (t.discreteShortWords[result.verdict] ?? '')) : (t.discrete[result.verdict]?.(bound) ?? '');
  // The short form ("h < 2") kept on one line; the sentence of the full one wraps like any text.
  return `${badge}${words ? ` <span class="${short ? 'bound' : 'bound-words'}">${escapeHtml(words)}</span>` : ''}`;
}

export function verdictBadge(verdict: string, lang: Lang, short = false): string {
  const t = STRINGS[lang];
  const label = (short ? t.verdictShort : t.verdict)[verdict] ?? verdict;
  return `<span class="badge ${VERDICT_CLASS[verdict] ?? 'neutral'}">${escapeHtml(label)}</span>`;
}

/** The reason the generator gives, in the page's language. */
export const reasonHtml = (reason: Text, lang: Lang): string => escapeHtml(reason[lang]);

/** A picture in a <figure> with its caption. */
export const figure = (svg: string, caption: string, className = ''): string =>
  `<figure class="picture ${className}">${svg}<figcaption>${caption}</figcaption></figure>`;

/** The phase portrait at a state (by default the game's default state). */
export function fieldFigure(game: Game, lang: Lang, id: string, state: State = defaultState(specOf(game, lang))): string {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const r = runs(game.evaluator, spec, state);
  const lines = streamlets(game.evaluator, paramsOf(state, game.evaluator.sampleActivation), FIELD_BOX, STREAMLET_GRID, STREAMLET_LENGTH);
  const svg = fieldSvg({
    id,
    lines,
    runs: { flow: r.flow.path, simultaneous: r.simultaneous.path, alternating: r.alternating.path },
    text: {
      title: t.fieldTitle(spec.title),
      desc: fieldDesc(t, spec, state, r),
      xLabel: t.theta,
      yLabel: t.phi,
      legend: { flow: t.flow, simultaneous: t.simultaneous, alternating: t.alternating, start: t.start, equilibrium: t.equilibriumPoint },
    },
  });
  let caption = `<span data-run>${escapeHtml(t.fieldCaption(num(state.h), state.steps, point(state.start[0], state.start[1])))}</span>`;
  const clips = game.record.constraints.map((c) => tex(c.tex, { where: `${game.id}: constraint` }));
  if (clips.length > 0) caption += ` ${escapeHtml(t.clipped)} ${clips.join(', ')}.`;
  if (game.abstractActivation) caption += ` ${sampleNote(lang)}`;
  return figure(svg, caption, 'field');
}

/** A sentence with a formula in it, typeset: the sentence's words escaped, the formula by KaTeX. */
export const withTex = (sentence: (f: string) => string, source: string): string => {
  const [before, after] = sentence('\u0000').split('\u0000');
  return `${escapeHtml(before ?? '')}${tex(source)}${escapeHtml(after ?? '')}`;
};

/** A sentence naming the sample activation, typeset. */
export const sampleNote = (lang: Lang, sentence: (f: string) => string = STRINGS[lang].sampleActivation): string => withTex(sentence, sampleActivationTex());

export function eigenFigure(game: Game, lang: Lang, id: string, state: State = defaultState(specOf(game, lang))): string | undefined {
  const t = STRINGS[lang];
  const spec = specOf(game, lang);
  const data = eigenData(t, game.evaluator, paramsOf(state, game.evaluator.sampleActivation), state);
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

/** A method's steps as the pictures name them; alternating ones with their n_D, since the
 * maps and paths take one learning rate h (hG = hD = h, nG = nD = 1). */
const methodSteps = (t: (typeof STRINGS)[Lang], method: Method): string => `${t.methodSteps[method] ?? method}${method === 'alternating' ? ' (n_D = 1)' : ''}`;

/** The drawing of each stability map, computed once for both languages. */
const LAYERS = new Map<string, StabilityLayer>();

/** The stability maps of a game, one per hyperparameter and method (the other
 * hyperparameters at their defaults), from the generated `spectralRadius` with one learning
 * rate h; marked at the defaults, and labelled for the sliders on the game page (`live`). */
export function stabilityFigures(game: Game, lang: Lang, idPrefix: string, methods: readonly Method[], live: boolean, only?: Hyperparameter): string[] {
  const t = STRINGS[lang];
  const figures: string[] = [];
  for (const hp of only ? [only] : game.record.hyperparameters) {
    const symbol = hp.symbol;
    for (const method of methods) {
      const key = `${game.id}/${hp.name}/${method}`;
      let layer = LAYERS.get(key);
      if (!layer) LAYERS.set(key, (layer = stabilityLayer(hp.range, spectralRadiusOver(game, hp, method))));
      const steps = methodSteps(t, method);
      const b = game.evaluator.learningRateBound!(method, paramsAt(game, hp, hp.default));
      const words = t.discrete[b.verdict]?.(learningRates(b)) ?? '';
      const summary = `${symbol} = ${num(hp.default)}: ${t.discreteShort[b.verdict] ?? b.verdict}${words ? `, ${words}` : ''}.`;
      const svg = stabilitySvg({
        id: `${idPrefix}-${method}-${hp.name}`,
        range: hp.range,
        layer,
        marker: { value: hp.default, h: defaultState(specOf(game, lang)).h },
        text: {
          title: t.stabilityTitle(game.record.title[lang], steps),
          desc: t.stabilityDesc(steps, summary),
          xLabel: `${symbol} — ${hp.description[lang]}`,
          yLabel: t.learningRate,
          bands: t.rhoBands,
          cycles: t.rhoCycles,
          diverges: t.rhoDiverges,
          marker: live ? t.currentSettings : `${t.defaults} (h = ${num(defaultState(specOf(game, lang)).h)})`,
        },
      });
      const caption = `${escapeHtml(t.stabilityCaption(steps, layer))} ${t.defines(tex(hp.tex), escapeHtml(hp.description[lang]))}`;
      figures.push(figure(svg, caption, 'stability'));
    }
  }
  return figures;
}

/** The sweeps of each hyperparameter, computed once for both languages. */
const SWEEPS = new Map<string, { values: number[]; paths: Path[]; marks: Spectrum }>();

function sweep(game: Game, hp: Hyperparameter, kind: PathKind, method?: Method, h?: number): { values: number[]; paths: Path[]; marks: Spectrum } {
  const key = `${game.id}/${hp.name}/${kind}/${method ?? ''}/${h ?? ''}`;
  const hit = SWEEPS.get(key);
  if (hit) return hit;
  const values = sweepValues(hp.range);
  const spectra = kind === 'lambda' ? lambdaSweep(game, hp, values) : muSweep(game, hp, method!, h!, values);
  // The rings: the spectrum at the default, matched to the paths at the nearest point of the sweep.
  const at = kind === 'lambda' ? lambdaSweep(game, hp, [hp.default])[0]! : muSweep(game, hp, method!, h!, [hp.default])[0]!;
  const axis = isLogRange(hp.range) ? Math.log : (x: number): number => x;
  const nearest = values.reduce((best, v, i) => (Math.abs(axis(v) - axis(hp.default)) < Math.abs(axis(values[best]!) - axis(hp.default)) ? i : best), 0);
  const paths = pathsOf(spectra);
  const marks = pathsOf([...spectra.slice(0, nearest + 1), at]).map((p) => ({ re: p.re.at(-1)!, im: p.im.at(-1)! }));
  const result = { values, paths, marks: { re: marks.map((m) => m.re), im: marks.map((m) => m.im) } };
  SWEEPS.set(key, result);
  return result;
}

const spectrumText = (s: Spectrum): string => s.re.map((re, i) => complex(re, s.im[i]!, 3)).join(', ');

/** The eigenvalues of J(0, 0) as a hyperparameter sweeps its range (generated
 * `equilibriumEigenvalues`), against the imaginary axis; rings at the default. */
export function lambdaPathsFigure(game: Game, hp: Hyperparameter, lang: Lang, id: string): string {
  const t = STRINGS[lang];
  const symbol = hp.symbol;
  const { paths, marks } = sweep(game, hp, 'lambda');
  const [lo, hi] = [num(hp.range[0]), num(hp.range[1])];
  const maxRe = Math.max(...paths.flatMap((p) => p.re));
  const onAxis = paths.every((p) => p.re.every((x) => Math.abs(x) <= 1e-12));
  const verdict = onAxis ? t.pathsOnAxis : maxRe < -1e-12 ? t.pathsLeft : t.pathsRight(num(maxRe));
  const at = `${t.marksAt(symbol, num(hp.default), true)}: λ = ${spectrumText(marks)}`;
  const svg = pathsSvg({
    id,
    kind: 'lambda',
    paths,
    marks,
    text: {
      title: t.pathsTitle(game.record.title[lang], symbol),
      desc: t.pathsDesc(symbol, lo, hi, movesText(t, paths, symbol, t.lambdaLabel, marks), at, verdict),
      re: `${t.re} λ`,
      im: `${t.im} λ`,
      boundary: t.imaginaryAxis,
      labels: paths.map((_, i) => t.lambdaLabel(i)),
      marks: t.marksAt(symbol, num(hp.default), true),
    },
  });
  let caption = `${escapeHtml((paths.some(moves) ? t.pathsCaption : t.pathsCaptionStill)(symbol, lo, hi))} ${t.defines(tex(hp.tex), escapeHtml(hp.description[lang]))}`;
  if (game.abstractActivation) caption += ` ${sampleNote(lang)}`;
  return figure(svg, caption, 'paths');
}

function movesText(t: (typeof STRINGS)[Lang], paths: readonly Path[], symbol: string, label: (i: number) => string, marks: Spectrum): string {
  if (!paths.some(moves)) return t.pathsStill(symbol, spectrumText(marks));
  return paths.map((p, i) => t.pathFromTo(label(i), complex(p.re[0]!, p.im[0]!, 3), complex(p.re.at(-1)!, p.im.at(-1)!, 3))).join('; ');
}

/** For each method, the eigenvalues of its update map with learning rate h as a
 * hyperparameter sweeps its range (generated `updateEigenvalues`), against the unit circle:
 * one panel per method, in a figure with one caption. */
export function muPathsFigure(game: Game, hp: Hyperparameter, lang: Lang, idPrefix: string, methods: readonly Method[], h: number): string {
  const t = STRINGS[lang];
  const symbol = hp.symbol;
  const [lo, hi] = [num(hp.range[0]), num(hp.range[1])];
  const moving = methods.some((method) => sweep(game, hp, 'mu', method, h).paths.some(moves));
  let caption = escapeHtml((moving ? t.muCaption : t.muCaptionStill)(symbol, lo, hi, num(h)));
  if (game.abstractActivation) caption += ` ${sampleNote(lang)}`;
  const panels = methods.map((method) => {
    const { paths, marks } = sweep(game, hp, 'mu', method, h);
    const steps = methodSteps(t, method);
    const rhos = paths[0]!.re.map((_, k) => Math.max(...paths.map((p) => Math.hypot(p.re[k]!, p.im[k]!))));
    const [rlo, rhi] = [Math.min(...rhos), Math.max(...rhos)];
    const rho = rhos.every((r) => Math.abs(r - 1) <= ON_CIRCLE) ? t.muOnCircle : rhi < 1 - ON_CIRCLE ? t.muInside(num(rlo, 4), num(rhi, 4)) : t.muOutside(num(rlo, 4), num(rhi, 4));
    return pathsSvg({
      id: `${idPrefix}-${method}-${hp.name}`,
      kind: 'mu',
      paths,
      marks,
      text: {
        title: t.muTitle(game.record.title[lang], steps, symbol, num(h)),
        desc: t.muDesc(symbol, movesText(t, paths, symbol, t.muLabel, marks), rho),
        re: `${t.re} μ`,
        im: `${t.im} μ`,
        boundary: t.unitCircle,
        labels: paths.map((_, i) => t.muLabel(i)),
        marks: t.marksAt(symbol, num(hp.default), true),
        panel: steps,
      },
    });
  });
  return `<figure class="picture panels"><div class="panel-grid">${panels.join('')}</div><figcaption>${caption}</figcaption></figure>`;
}

