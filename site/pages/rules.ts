/**
 * The training methods of methods/ on a game's training page: a table of every method in both
 * variants (verdict and bound with one learning rate h), and for each method a map of where
 * its update map contracts over a plane of two of its numbers, the others at the values the
 * record used: (q, h) for its first hyperparameter q, or (h_G, h_D), two time scales, when it
 * has none. The maps are drawn from the record's planes (p's coefficients as polynomials in
 * the two numbers) with the runtime's Schur test, the one the generator's closed-form
 * conditions state; each computation serves both languages.
 */
import type { Basin as RecordBasin, RuleRecord } from '../../generator/contract/records.js';
import { basinSvg } from '../plots/basins.js';
import type { Outcome } from '../data/basins.js';
import { ruleResult } from '../data/discrete.js';
import { hasRootAtOne, polynomialRadius, schurStable, withoutRootsAtOne } from '../../generated/runtime/schur.js';
import type { Game } from '../data/game.js';
import { coefficientsAt, methodsRecord } from '../data/methods.js';
import type { Plane } from '../data/methods.js';
import { STRINGS, num } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { DEFAULT_RUN } from '../model/explore.js';
import { H_RANGE, ON_CIRCLE, stabilityLayer, stabilitySvg } from '../plots/stability.js';
import type { StabilityLayer } from '../plots/stability.js';
import { discreteVerdictHtml, figure } from './fragments.js';
import { escapeHtml } from './layout.js';
import * as methods from '../../generated/methods.js';
import type { CompiledMethod } from '../../generated/methods.js';
import { methodSpectralRadius } from '../../generated/runtime/method-steps.js';
import { namespaceOf } from '../model/evaluator.js';
import { paramsFor } from '../model/params.js';
import { tex } from '../render/tex.js';

const VARIANTS = ['simultaneous', 'alternating'] as const;

/**
 * A stand-in for the spectral radius that the maps' bands and edges need, from at most four
 * Schur tests (whether every root lies within 0.9, 0.99, 1 and 1 + ON_CIRCLE): a number in
 * each band, 1 on the circle. The bisection that places the edges compares it with the
 * levels only, so the edges are where the true radius crosses them.
 */
function band(polynomial: readonly number[]): number {
  // An eigenvalue 1 (J's eigenvalue 0: LSGAN) is on the circle whatever the rates: set it apart,
  // since the tests below cannot place a root at 1 to better than the root of the rounding error.
  const atOne = hasRootAtOne(polynomial);
  const c = atOne ? withoutRootsAtOne(polynomial) : polynomial;
  const scaled = new Array<number>(c.length);
  const within = (r: number): boolean => {
    let power = 1;
    for (let k = 0; k < c.length; k++) {
      scaled[k] = c[k]! * power;
      power *= r;
    }
    return c.length <= 1 || schurStable(scaled);
  };
  if (atOne) return within(1 + ON_CIRCLE) ? 1 : 2;
  if (within(0.9)) return 0.5;
  if (within(0.99)) return 0.95;
  if (within(1)) return 0.995;
  return within(1 + ON_CIRCLE) ? 1 : 2;
}

/** By plane and range: games that share J(0, 0) share their planes, so their maps. */
const LAYERS = new Map<string, StabilityLayer>();

/** Samples a side, a quarter of the stability maps' (up to four Schur tests a sample; the edges
 * are placed by bisection, so a coarser grid moves no edge, it may only miss a sliver). */
const GRID = 24;

/** The plane a method's map is drawn over: its first hyperparameter against h, or the two rates. */
const planeOf = (rule: RuleRecord): Plane | undefined => rule.planes.find((p) => p.y === 'h') ?? rule.planes[0];

type MethodSummary = ReturnType<typeof methodsRecord>['methods'][number];

/** Over which two numbers a method is mapped, and what decides each point's band: the record's
 * plane with the Schur test, or, where the record has none (lookahead's p is too long to keep,
 * CGD's coefficients are rational), the compiled method's N(J) and the runtime's radius. */
function mapOf(game: Game, method: MethodSummary, rule: RuleRecord): { x: string; band: (x: number, y: number) => number; radius: (x: number, y: number) => number; key: string } {
  const plane = planeOf(rule);
  if (plane) {
    return { x: plane.x, band: (x, y) => band(coefficientsAt(plane, x, y)), radius: (x, y) => polynomialRadius(coefficientsAt(plane, x, y)), key: JSON.stringify(plane.coefficients) };
  }
  const compiled = (methods as unknown as Record<string, CompiledMethod<Record<string, number>>>)[namespaceOf(method.id)]!;
  const j = [...game.evaluator.jacobianUnchecked!(0, 0, paramsFor(game.evaluator.sampleActivation, game.defaults), new Float64Array(4))];
  const q = method.hyperparameters.find((h) => !h.count);
  const hyperparameters = { ...compiled.defaults, ...rule.atDefaults };
  const radius = q
    ? (x: number, y: number) => methodSpectralRadius(compiled, rule.variant, j, { hG: y, hD: y }, { ...hyperparameters, [q.name]: x })
    : (x: number, y: number) => methodSpectralRadius(compiled, rule.variant, j, { hG: x, hD: y }, hyperparameters);
  return { x: q ? q.name : 'h_g', band: radius, radius, key: `${method.id} ${rule.variant} ${j.join(' ')} ${JSON.stringify(hyperparameters)}` };
}

function ruleFigure(game: Game, lang: Lang, method: MethodSummary, rule: RuleRecord): string {
  const map = mapOf(game, method, rule);
  const t = STRINGS[lang];
  const q = method.hyperparameters.find((h) => h.name === map.x);
  const range = q ? q.range : H_RANGE;
  const key = `${range.join(' ')}/${map.key}`;
  let layer = LAYERS.get(key);
  if (!layer) LAYERS.set(key, (layer = stabilityLayer(range, map.band, GRID)));
  const steps = `${method.title[lang]} (${t.rulesCols[rule.variant]})`;
  const h = DEFAULT_RUN.h;
  const marker = q ? { value: rule.atDefaults[q.name] ?? q.default, h } : { value: h, h };
  const at = map.radius(marker.value, marker.h);
  const summary = q ? `${q.symbol} = ${num(marker.value)}, h = ${num(h)}: ρ = ${num(at, 4)}.` : `h_G = h_D = ${num(h)}: ρ = ${num(at, 4)}.`;
  const svg = stabilitySvg({
    id: `fig-rule-${method.id}-${rule.variant}`,
    range,
    layer,
    marker,
    text: {
      title: t.rulesMapTitle(game.record.title[lang], steps),
      desc: t.stabilityDesc(steps, summary),
      xLabel: q ? `${q.symbol} — ${q.description[lang]}` : t.rulesGeneratorRate,
      yLabel: q ? t.learningRate : t.rulesDiscriminatorRate,
      bands: t.rhoBands,
      cycles: t.rhoCycles,
      diverges: t.rhoDiverges,
      marker: `${t.defaults} (h = ${num(h)})`,
    },
  });
  const over = q ? `${q.symbol}, h` : 'h_G, h_D';
  return figure(svg, escapeHtml(t.rulesMapCaption(steps, over, layer, planeOf(rule) !== undefined)), 'stability');
}

/** The table of every training method of methods/ on this game, both variants. */
export function rulesTable(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const rules = game.record.rules;
  const cell = (method: string, variant: (typeof VARIANTS)[number]): string => {
    const rule = ruleOf(rules, method, variant);
    if (!rule) return '—';
    const verdict = discreteVerdictHtml(ruleResult(method, rule), lang, true);
    const best = rule.optimum;
    const closed = best?.closedForm ? ` ${tex(best.closedForm.h.tex, { where: `${game.id}: optimum of ${method} (${variant})` })}` : '';
    const alongH = best ? `<br><span class="note">${escapeHtml(t.rulesFastest(num(best.h, 4), num(best.radius, 4)))}${closed}</span>` : '';
    const joint = rule.jointOptimum;
    const symbol = joint && methodsRecord().methods.find((m) => m.id === method)?.hyperparameters.find((h) => h.name === joint.name)?.symbol;
    const jointly = joint && symbol ? `<br><span class="note">${escapeHtml(t.rulesFastestJointly(symbol, num(joint.value, 4), num(joint.h, 4), num(joint.radius, 4)))}</span>` : '';
    return `${verdict}${alongH}${jointly}`;
  };
  const rows = methodsOf(game).map((m) => {
    const values = m.hyperparameters.map((h) => `${escapeHtml(h.symbol)} = ${num(ruleOf(rules, m.id, 'simultaneous')?.atDefaults[h.name] ?? h.default)}`).join(', ') || escapeHtml(t.rulesNone);
    return `<tr><th scope="row">${escapeHtml(m.title[lang])}</th><td>${values}</td><td>${cell(m.id, 'simultaneous')}</td><td>${cell(m.id, 'alternating')}</td></tr>`;
  });
  const c = t.rulesCols;
  return `<div class="table-wrap"><table class="discrete">
<thead><tr><th scope="col">${escapeHtml(c.method)}</th><th scope="col">${escapeHtml(c.values)}</th><th scope="col">${escapeHtml(c.simultaneous)}</th><th scope="col">${escapeHtml(c.alternating)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

const ruleOf = (rules: readonly RuleRecord[], method: string, variant: (typeof VARIANTS)[number]): RuleRecord | undefined => rules.find((r) => r.method === method && r.variant === variant);

/** The methods the game's record has rules of, in the methods' file order. */
const methodsOf = (game: Game): ReturnType<typeof methodsRecord>['methods'] => methodsRecord().methods.filter((m) => game.record.rules.some((r) => r.method === m.id));


/** Every training method of methods/ on this game: the table, then the maps, then the methods that are simulated. */
export function rulesSection(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const simulated = simulationsSection(game, lang);
  const elsewhere = elsewhereSection(game, lang);
  if (!game.record.rules.length && !simulated && !elsewhere) return '';
  const maps = methodsOf(game).flatMap((m) => VARIANTS.flatMap((variant) => {
    const rule = ruleOf(game.record.rules, m.id, variant);
    // Where the record keeps no plane the map comes from the compiled method at the game's J, which
  // for an abstract f the page only has for the sample activation, not the record's f'(0) = 1.
  return rule && (planeOf(rule) || !game.abstractActivation) ? [ruleFigure(game, lang, m, rule)] : [];
  }));
  const basins = methodsOf(game).flatMap((m) => VARIANTS.flatMap((variant) => {
    const basin = ruleOf(game.record.rules, m.id, variant)?.basin;
    return basin ? [recordBasinFigure(game, lang, m, variant, basin, 'rule')] : [];
  }));
  const grid = game.record.rules.find((r) => r.basin)?.basin;
  const basinsBlock = grid ? `<h3 id="rules-basins">${escapeHtml(t.ruleBasinsHeading)}</h3>
<p>${escapeHtml(t.ruleBasinsIntro(grid.steps, grid.size))}</p>
<div class="maps">${basins.join('\n')}</div>` : '';
  const derived = game.record.rules.length ? `<p>${escapeHtml(t.rulesIntro)}</p>
${rulesTable(game, lang)}
<h3 id="rules-maps">${escapeHtml(t.rulesMapsHeading)}</h3>
<p>${escapeHtml(t.rulesMapsIntro)}</p>
<div class="maps">${maps.join('\n')}</div>
${basinsBlock}` : '';
  return `<section id="rules" aria-labelledby="rules-h">
<h2 id="rules-h">${escapeHtml(t.rulesHeading)}</h2>
${derived}
${elsewhere}
${simulated}
</section>`;
}

/** Where a method's runs from the record's grid of starts ended, as the basin pictures draw them:
 * a simulated method's (no linearisation), or a linearised one's where its map contracts. */
function recordBasinFigure(game: Game, lang: Lang, method: MethodSummary, variant: (typeof VARIANTS)[number], basin: RecordBasin, kind: 'simulated' | 'rule'): string {
  const t = STRINGS[lang];
  const at = (i: number): number => -basin.reach + (2 * basin.reach * i) / (basin.size - 1);
  const axis = Array.from({ length: basin.size }, (_, i) => at(i));
  const OUTCOME: Readonly<Record<string, Outcome>> = { r: 'converged', m: 'running', d: 'diverged' };
  // The record is row by row in phi; the picture takes the starts theta-major.
  const outcomes = axis.flatMap((_, i) => axis.map((__, k) => OUTCOME[basin.ends[k * basin.size + i]!]!));
  const name = `${method.title[lang]} (${t.rulesCols[variant]})`;
  const words = kind === 'simulated' ? t.simulatedOutcome : t.ruleOutcome;
  const counts = (['converged', 'running', 'diverged'] as const).map((o) => [o, outcomes.filter((x) => x === o).length] as const).filter(([, n]) => n > 0)
    .map(([o, n]) => t.basinCount(n, words[o])).join(', ');
  const svg = basinSvg({
    id: `fig-${kind === 'simulated' ? 'simulated' : 'basin'}-${method.id}-${variant}`,
    basin: { thetas: axis, phis: axis, outcomes },
    title: (kind === 'simulated' ? t.simulatedBasinTitle : t.ruleBasinTitle)(name, game.record.title[lang]),
    desc: t.simulatedBasinDesc(name, num(basin.h), counts),
    labels: { theta: t.theta, phi: t.phi, outcomes: words, equilibrium: t.equilibriumPoint },
  });
  const caption = kind === 'simulated' ? t.simulatedBasinCaption(name, num(basin.h), basin.size) : t.ruleBasinCaption(name, num(basin.h));
  return `<figure class="picture basin">${svg}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** The points of a line of equilibria at which the section states each method's bound. */
const ALONG = [0.5, 1, 2];

/** The largest h of the interval from 0 where the plane's roots other than 1 (the line's own
 * direction) lie inside the circle, at s along the line; undefined where there is none in (1e-3, 1e2). */
function boundAlong(plane: Plane, s: number): number | undefined {
  const inside = (h: number): boolean => polynomialRadius(withoutRootsAtOne(coefficientsAt(plane, s, h))) < 1;
  if (!inside(1e-3)) return undefined;
  const hs = Array.from({ length: 101 }, (_, i) => 1e-3 * 10 ** (i / 20));
  const first = hs.findIndex((h) => !inside(h));
  if (first < 0) return Infinity;
  let [low, high] = [hs[first - 1]!, hs[first]!];
  for (let i = 0; i < 50; i++) {
    const middle = Math.sqrt(low * high);
    if (inside(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** The methods at the record's other equilibria: each isolated point's verdicts; along a line of
 * equilibria, the largest h that brings the iterates back to the line at a few points of it. */
export function elsewhereSection(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const titles = new Map(methodsRecord().methods.map((m) => [m.id, m.title[lang]]));
  const c = t.rulesCols;
  const blocks = game.record.rulesElsewhere.map((e) => {
    if ('at' in e) {
      const ids = [...new Set(e.rules.map((r) => r.method))];
      const cell = (id: string, variant: (typeof VARIANTS)[number]): string => {
        const r = e.rules.find((x) => x.method === id && x.variant === variant);
        return r ? discreteVerdictHtml(ruleResult(id, r), lang, true) : '—';
      };
      return `<p>${escapeHtml(t.elsewherePoint(num(e.at.theta, 4), num(e.at.phi, 4)))}</p><div class="table-wrap"><table class="discrete">
<thead><tr><th scope="col">${escapeHtml(c.method)}</th><th scope="col">${escapeHtml(c.simultaneous)}</th><th scope="col">${escapeHtml(c.alternating)}</th></tr></thead>
<tbody>${ids.map((id) => `<tr><th scope="row">${escapeHtml(titles.get(id) ?? id)}</th><td>${cell(id, 'simultaneous')}</td><td>${cell(id, 'alternating')}</td></tr>`).join('')}</tbody></table></div>`;
    }
    const along = e.line.along === 'theta' ? 'θ' : 'φ';
    const rows = e.planes.map((p) => {
      const bounds = ALONG.map((s) => {
        const b = boundAlong(p.plane, s);
        return `<td>${b === undefined ? escapeHtml(t.discreteShort['never-converges'] ?? '—') : Number.isFinite(b) ? `h &lt; ${num(b)}` : escapeHtml(t.elsewhereAnyH)}</td>`;
      });
      return `<tr><th scope="row">${escapeHtml(`${titles.get(p.method) ?? p.method} (${c[p.variant]})`)}</th>${bounds.join('')}</tr>`;
    });
    return `<p>${escapeHtml(t.elsewhereLine(e.line.variable === 'theta' ? 'θ' : 'φ', num(e.line.value), along))}</p><div class="table-wrap"><table class="discrete">
<thead><tr><th scope="col">${escapeHtml(c.method)}</th>${ALONG.map((s) => `<th scope="col">${along} = ${num(s)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
  });
  return blocks.length ? `<h3 id="rules-elsewhere">${escapeHtml(t.elsewhereHeading)}</h3>\n${blocks.join('\n')}` : '';
}

/** The methods without a linearisation (Adam, RMSProp; every method where the field has a kink at the equilibrium), as the record's simulations found them: labelled as runs, never as a verdict. */
export function simulationsSection(game: Game, lang: Lang): string {
  const t = STRINGS[lang];
  const simulations = game.record.simulations;
  if (!simulations.length) return '';
  const methods = methodsRecord().methods.filter((m) => simulations.some((s) => s.method === m.id));
  // Where the field has a kink at the equilibrium every method is simulated (simulate.ts), for that one reason.
  const kinked = game.record.verdict.verdict === 'not-differentiable' ? [`<p>${escapeHtml(t.simulatedKink)}</p>`] : [];
  const why = [...kinked, ...methods.flatMap((m) => (m.notDifferentiable ? [`<p>${escapeHtml(t.simulatedWhy(m.title[lang], m.notDifferentiable[lang]))}</p>`] : []))].join('\n');
  const tables = methods.map((m) => {
    const runs = simulations.filter((s) => s.method === m.id);
    const not = runs.find((s) => 'notSimulated' in s);
    if (not && 'notSimulated' in not) return `<h4>${escapeHtml(t.simulatedTitle(m.title[lang]))}</h4><p>${escapeHtml(t.simulatedNot(not.notSimulated[lang]))}</p>`;
    const q = m.hyperparameters.find((h) => !h.count);
    const c = t.simulatedCols;
    const rows = runs.flatMap((run) => ('rows' in run ? run.rows.map((row) => {
      const values = q ? `${escapeHtml(q.symbol)} = ${num(row.hyperparameters[q.name] ?? q.default, 6)}` : '';
      return `<tr><td>${escapeHtml(t.rulesCols[run.variant])}</td><td>${num(row.h)}</td><td>${values}</td><td>${row.converged} / ${row.moving} / ${row.diverged}</td><td>${row.medianDistance === null ? '—' : num(row.medianDistance, 3)}</td></tr>`;
    }) : []));
    // The methods simulated only for a kink at the equilibrium have no basin (simulate.ts).
    const basins = runs.flatMap((run) => ('rows' in run && run.basin ? [recordBasinFigure(game, lang, m, run.variant, run.basin, 'simulated')] : []));
    return `<h4>${escapeHtml(t.simulatedTitle(m.title[lang]))}</h4>
<div class="maps">${basins.join('\n')}</div><div class="table-wrap"><table class="discrete simulated">
<thead><tr><th scope="col">${escapeHtml(c.variant)}</th><th scope="col">${escapeHtml(c.h)}</th><th scope="col">${escapeHtml(t.rulesCols.values)}</th><th scope="col">${escapeHtml(c.ends)}</th><th scope="col">${escapeHtml(c.distance)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
  });
  const first = simulations.find((s) => 'rows' in s);
  const intro = first && 'rows' in first ? `<p>${escapeHtml(t.simulatedIntro(first.steps, first.starts.length))}</p>` : '';
  return `<h3 id="rules-simulated">${escapeHtml(t.simulatedHeading)}</h3>
${why}
${intro}
${tables.join('\n')}`;
}
