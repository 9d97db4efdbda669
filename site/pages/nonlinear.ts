/**
 * "Beyond the linearisation" on a game page: every equilibrium of the record's nonlinear
 * analysis, its verdict of the flow in words of the page's language (composed here from the
 * verdict, the analyses it rests on, the formulas and the numbers; never the record's English
 * `reason`), the key formulas typeset, any f and this f, and the computed tables: the periodic
 * orbits against a hyperparameter (WGAN-GP, DRAGAN) and the end points of trajectories (LSGAN).
 */
import type { Game } from '../data/game.js';
import { decisive, equilibriaOf, flowAtOrigin, segmentKind } from '../data/nonlinear.js';
import type { EquilibriumRecord, WhereRecord } from '../data/nonlinear.js';
import { STRINGS, num } from '../i18n.js';
import type { Lang } from '../i18n.js';
import { NONLINEAR } from '../i18n-nonlinear.js';
import type { Args } from '../i18n-nonlinear.js';
import { tex } from '../render/tex.js';
import { escapeHtml } from './layout.js';
import { orbitsFigure } from '../plots/orbits.js';
import { conditionalFactor } from '../../generator/contract/records.js';

const CLASS: Record<string, string> = {
  'asymptotically-stable': 'good',
  'weakly-attracting': 'good',
  'line-of-equilibria': 'good',
  'exact-centre': 'warn',
  'filippov-equilibria': 'warn',
  'lyapunov-stable': 'neutral',
  unstable: 'bad',
  'weakly-repelling': 'bad',
};

/** A number inside TeX: four significant digits, a TeX exponent. */
export function texNumber(x: number): string {
  if (x === 0) return '0';
  if (Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3) {
    const [m, e] = x.toExponential(2).split('e');
    return `${m} \\times 10^{${Number(e)}}`;
  }
  return String(Number(x.toPrecision(4)));
}

/** The symbol a formula of the analysis is named by in a sentence (record key -> TeX). */
const SYMBOL: Record<string, string> = {
  trace: '\\operatorname{tr} J',
  determinant: '\\det J',
  rate: '-\\tfrac{1}{2}\\operatorname{tr} J',
  conservedQuantity: 'H',
  quadraticForm: 'H',
  derivativeOfQuadraticForm: '\\dot H',
  lambda1: 'L_1',
  lambda2: 'L_2',
  lambda3: 'L_3',
  lambda3WhenLambda1Vanishes: 'L_3\\big|_{L_1 = 0}',
  rateConstant: 'C',
  transversalEigenvalue: '\\lambda_{\\perp}',
  segmentEnd1: '\\theta_1',
  segmentEnd2: '\\theta_2',
};
const symbolOf = (key: string): string => SYMBOL[key] ?? `\\mathrm{${key.replace(/[^A-Za-z0-9]/g, '')}}`;

const VARIABLE: Record<string, string> = { theta: '\\theta', phi: '\\phi' };

function whereTex(where: WhereRecord, numbers: Readonly<Record<string, number>>): string {
  switch (where.kind) {
    case 'point':
      // A certified numeric zero is an unwieldy fraction: its decimals instead.
      return numbers.theta !== undefined && numbers.phi !== undefined
        ? `(\\theta, \\phi) \\approx (${texNumber(numbers.theta)}, ${texNumber(numbers.phi)})`
        : `(\\theta, \\phi) = (${where.theta.tex}, ${where.phi.tex})`;
    case 'line':
    case 'switching-line':
      return `${VARIABLE[where.variable]} = ${where.value.tex}`;
    case 'conditional':
      return `${conditionalFactor(where).tex} = 0`;
  }
}

/** The first Lyapunov coefficient L_k that is not identically 0, by its number, else its formula. */
function firstCoefficient(e: EquilibriumRecord): number | undefined {
  for (const k of [1, 2, 3]) {
    const n = e.numbers[`lambda${k}`];
    const f = e.formulas[`lambda${k}`];
    if (n !== undefined ? n !== 0 : f !== undefined && f.text !== '0') return k;
  }
  return undefined;
}

/** The typeset arguments of the verdict's sentence. */
function args(game: Game, e: EquilibriumRecord, siblings: readonly EquilibriumRecord[]): Args {
  const where = `${game.id}: nonlinear ${e.verdict}`;
  // MathML alone in the running text of this section: the page's weight budget.
  const m = (source: string): string => tex(source, { where, mathml: true });
  const f = (key: string): string | undefined => e.formulas[key]?.tex;
  const eq = (key: string, tail = ''): string | undefined => (f(key) === undefined ? undefined : m(`${symbolOf(key)} = ${f(key)}${tail}`));
  const k = firstCoefficient(e);
  switch (e.verdict) {
    case 'asymptotically-stable':
      // The trace and the determinant are in the derivation above: here their signs suffice.
      return { signs: m('\\operatorname{tr} J < 0,\\; \\det J > 0'), rate: eq('rate') };
    case 'unstable': {
      const saddle = (e.numbers.determinant ?? 0) < 0;
      return { saddle: saddle ? 'yes' : undefined, determinant: m(`\\det J = ${texNumber(e.numbers.determinant ?? 0)} < 0`), trace: m(`\\operatorname{tr} J = ${texNumber(e.numbers.trace ?? 0)} > 0`) };
    }
    case 'exact-centre':
      return { conservedQuantity: eq('conservedQuantity'), at: m(whereTex(e.where, e.numbers).replace(/^\(\\theta, \\phi\) = /, '')) };
    case 'weakly-attracting':
    case 'weakly-repelling':
      return {
        coefficient: k === undefined ? undefined : eq(`lambda${k}`),
        rateLaw: m(`H(t)${k === 1 || k === undefined ? '' : `^{${k}}`} \\sim C / t`),
        quadraticForm: eq('quadraticForm'),
        rateConstant: eq('rateConstant'),
        lyapunov: e.restsOn.includes('Lyapunov function') ? eq('derivativeOfQuadraticForm', ' \\le 0') : undefined,
        H: m('H'),
      };
    case 'sign-condition':
      return e.restsOn.includes('Lyapunov coefficients') && k !== undefined
        ? { coefficient: eq(`lambda${k}`), next: eq('lambda3WhenLambda1Vanishes') }
        : { trace: eq('trace') };
    case 'line-of-equilibria': {
      const variable = e.where.kind === 'line' ? VARIABLE[e.where.variable] : '\\phi';
      return {
        line: m(whereTex(e.where, e.numbers)),
        transversal: eq('transversalEigenvalue', ' \\le 0'),
        distance: f('derivativeOfSquaredDistance') === undefined ? undefined : m(`\\tfrac{d}{dt}${variable}^{2} = ${f('derivativeOfSquaredDistance')} \\le 0`),
      };
    }
    case 'lyapunov-stable': {
      // The line of equilibria through it is where its variable vanishes: that variable divides the field.
      const line = siblings.find((s) => s.where.kind === 'line')?.where;
      return {
        factor: m(line?.kind === 'line' ? VARIABLE[line.variable]! : '\\phi'),
        reduced: m(`w = \\left(${f('reducedTheta') ?? '\\cdot'},\\; ${f('reducedPhi') ?? '\\cdot'}\\right)`),
        endPoint: f('endPointPower') === undefined ? undefined : m(`\\theta_\\infty^{3} \\approx \\left.\\left(${f('endPointPower')}\\right)\\right|_{t = 0}`),
      };
    }
    case 'filippov-equilibria': {
      const n = e.numbers;
      const attracting = n.orbitMultiplier !== undefined && n.orbitMultiplier < 1 && n.orbitCrossing !== undefined && n.orbitOpposite !== undefined;
      const parameter = e.orbits?.[0]?.parameter;
      const symbol = game.record.hyperparameters.find((h) => h.name === parameter)?.tex ?? parameter;
      const focus = Object.keys(e.formulas).filter((key) => key.startsWith('focusCondition')).map((key) => `${f(key)} > 0`);
      return {
        line: m(whereTex(e.where, n)),
        end1: eq('segmentEnd1'),
        end2: eq('segmentEnd2'),
        normals: f('normalPlus') === undefined || f('normalMinus') === undefined ? undefined : m(`v^{+}_{\\perp} = ${f('normalPlus')},\\; v^{-}_{\\perp} = ${f('normalMinus')}`),
        kind: segmentKind(game, e),
        origin: n.originWeight !== undefined ? 'yes' : undefined,
        orbit: attracting ? m(`\\theta \\in [${texNumber(n.orbitOpposite!)}, ${texNumber(n.orbitCrossing!)}]`) : undefined,
        period: attracting ? m(`T = ${texNumber(n.orbitPeriod ?? NaN)}`) : undefined,
        multiplier: attracting ? m(`m = ${texNumber(n.orbitMultiplier!)}`) : undefined,
        closedForm: e.restsOn.includes('affine return map') && f('orbitPeriod') && f('orbitMultiplier') ? m(`T = ${f('orbitPeriod')},\\; m = ${f('orbitMultiplier')}`) : undefined,
        condition: focus.length ? m(focus.join(',\\; ')) : undefined,
        end: n.orbitEnd !== undefined && symbol ? m(`${symbol} ${f('orbitEnd') ? `= ${f('orbitEnd')}` : `\\approx ${texNumber(n.orbitEnd)}`}`) : undefined,
      };
    }
    case 'conditional':
      return e.where.kind === 'conditional' ? { factor: m(`${conditionalFactor(e.where).tex} = 0`) } : {};
    default:
      return {};
  }
}

/** The verdict as a badge, with "attracting periodic orbit" where the record computed one. */
export function flowBadge(e: EquilibriumRecord, lang: Lang): string {
  const t = NONLINEAR[lang];
  const badge = `<span class="badge ${CLASS[e.verdict] ?? 'neutral'}">${escapeHtml(t.verdict[e.verdict] ?? e.verdict)}</span>`;
  const orbit = e.numbers.orbitMultiplier !== undefined && e.numbers.orbitMultiplier < 1;
  return orbit ? `${badge} <span class="badge warn">${escapeHtml(t.periodicOrbit)}</span>` : badge;
}

/** The flow's verdict at (0, 0) for the index and the facts, or a dash. */
export function flowCell(game: Game, lang: Lang): string {
  const e = flowAtOrigin(game);
  return e ? flowBadge(e, lang) : '—';
}

/** One stage's verdict of one equilibrium: badge, sentence, what it rests on. */
function stageBlock(game: Game, e: EquilibriumRecord, siblings: readonly EquilibriumRecord[], label: string, lang: Lang): string {
  const t = NONLINEAR[lang];
  const sentence = (t.sentence[e.verdict] ?? t.sentence.undecided)(args(game, e, siblings));
  const rests = e.restsOn.map((a) => t.analysis[a] ?? a).join(t.listJoin);
  return `<div class="stage" data-verdict="${escapeHtml(e.verdict)}">${label ? `<p class="variant-label">${label}</p>` : ''}<p>${flowBadge(e, lang)}</p><p>${sentence}</p><p class="note">${escapeHtml(t.restsOn)} ${escapeHtml(rests)}${t.stop}</p></div>`;
}

/** Whether the two stages say the same: then the page says it once. A verdict the linearisation decides is said once, for this f: its formulas with f abstract are in the derivation above. */
const same = (a: EquilibriumRecord, b: EquilibriumRecord): boolean =>
  a.verdict === b.verdict &&
  (LINEARISATION_VERDICTS.has(a.verdict) || JSON.stringify([a.restsOn, a.formulas, a.orbits, a.endPoints]) === JSON.stringify([b.restsOn, b.formulas, b.orbits, b.endPoints]));
const LINEARISATION_VERDICTS: ReadonlySet<string> = new Set(['asymptotically-stable', 'unstable']);

function endPointsTable(e: EquilibriumRecord, lang: Lang): string {
  if (!e.endPoints || e.endPoints.length === 0) return '';
  const t = NONLINEAR[lang];
  const p = (x: readonly number[]): string => `(${num(x[0]!, 4)}, ${num(x[1]!, 4)})`;
  const rows = e.endPoints.map((r) => `<tr><td>${escapeHtml(p(r.start))}</td><td>${escapeHtml(p(r.end))}</td></tr>`);
  return `<div class="table-wrap"><table class="discrete"><caption>${escapeHtml(t.endPointsCaption)}</caption><thead><tr><th scope="col">${escapeHtml(t.endPointsCols.start)}</th><th scope="col">${escapeHtml(t.endPointsCols.end)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function orbitsTable(game: Game, e: EquilibriumRecord, lang: Lang): string {
  if (!e.orbits || e.orbits.length === 0) return '';
  const t = NONLINEAR[lang];
  const name = e.orbits[0]!.parameter;
  const hp = game.record.hyperparameters.find((h) => h.name === name);
  const symbol = tex(hp?.tex ?? name);
  const rows = e.orbits.map((o) => {
    const value = `<th scope="row">${escapeHtml(num(o.value, 4))}</th>`;
    if (o.crossing === undefined || o.opposite === undefined || o.period === undefined || o.multiplier === undefined) {
      return `<tr>${value}<td colspan="4" class="note">${escapeHtml(t.noOrbit)}</td></tr>`;
    }
    return `<tr>${value}<td>${escapeHtml(num(o.opposite, 4))}</td><td>${escapeHtml(num(o.crossing, 4))}</td><td>${escapeHtml(num(o.period, 4))}</td><td>${escapeHtml(num(o.multiplier, 3))}</td></tr>`;
  });
  const c = t.orbitCols;
  const table = `<div class="table-wrap"><table class="discrete"><caption>${t.orbitsCaption(symbol)}</caption><thead><tr><th scope="col">${symbol}</th><th scope="col">${escapeHtml(c.from)}</th><th scope="col">${escapeHtml(c.to)}</th><th scope="col">${escapeHtml(c.period)}</th><th scope="col">${escapeHtml(c.multiplier)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return `${orbitsFigure(game, e, lang, hp?.symbol ?? name)}${table}`;
}

export function nonlinearSection(game: Game, lang: Lang): string {
  const t = NONLINEAR[lang];
  const s = STRINGS[lang];
  const equilibria = equilibriaOf(game);
  const blocks = equilibria.map((q, i) => {
    const e = decisive(q);
    const siblings = equilibria.map(decisive);
    const heading = t.whereHeading[q.where.kind]!(tex(whereTex(q.where, e.numbers), { where: `${game.id}: equilibrium` }));
    const stages =
      q.generic && q.concrete && !same(q.generic, q.concrete)
        ? [stageBlock(game, q.generic, siblings, escapeHtml(s.generic), lang), stageBlock(game, q.concrete, siblings, escapeHtml(s.thisF), lang)]
        : [stageBlock(game, e, siblings, game.record.activation === 'none' ? '' : escapeHtml(e === q.concrete ? s.thisF : s.generic), lang)];
    return `<section class="equilibrium" id="nl-${i}" aria-labelledby="nl-${i}-h"><h3 id="nl-${i}-h">${heading}</h3>
<div class="variants${stages.length > 1 ? ' two' : ''}">${stages.join('')}</div>
${orbitsTable(game, e, lang)}${endPointsTable(e, lang)}</section>`;
  });
  return `<section id="nonlinear" aria-labelledby="nonlinear-h">
<h2 id="nonlinear-h">${escapeHtml(t.heading)}</h2>
<p>${escapeHtml(t.intro)}${game.record.constraints.length > 0 ? ` ${escapeHtml(t.clipNote)}` : ''}</p>
${blocks.join('\n')}
</section>`;
}
