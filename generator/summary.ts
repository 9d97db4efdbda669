/** The tables `npm run generate` ends with: per game, the equilibrium in continuous time,
 * then each training method in discrete time. */
import { claimsCompared } from './claims.js';
import type { DriftRecord, ElsewhereRecord, EquilibriumRecord, GameRecord, RuleRecord, SimulationRecord } from './contract/records.js';
import { conditionalFactor } from './contract/records.js';
import { VARIANTS } from './methods/context.js';

const formatNumber = (x: number): string => (Number.isInteger(x) ? `${x}` : x.toPrecision(4).replace(/\.?0+$/, ''));

function atDefaults(record: GameRecord): string {
  if (!record.equilibrium.differentiable) return '-';
  const values = record.equilibrium.eigenvalues.atDefaults;
  if (!values) return '-';
  const defaults = record.hyperparameters.map((h) => `${h.name}=${h.default}`).join(', ');
  const [re1, re2] = values.re;
  const [im1] = values.im;
  const pair = im1 === 0 ? `${formatNumber(re1)}, ${formatNumber(re2)}` : `${re1 === 0 ? '' : `${formatNumber(re1)} `}+-${formatNumber(Math.abs(im1))}i`;
  return defaults ? `${pair} (${defaults})` : pair;
}

/** Continuous time: eigenvalues at the equilibrium and the verdict, with the declared claim. */
export function summaryTable(records: readonly GameRecord[]): string {
  const header = ['game', 'eigenvalues at (0,0), generic f', 'concrete f', 'at defaults', 'verdict', 'claimed'];
  const rows = records.map((r) => [
    r.id,
    r.equilibrium.differentiable ? r.equilibrium.eigenvalues.generic.text : r.verdict.verdict === 'not-an-equilibrium' ? '(0,0) is not an equilibrium' : 'not differentiable at (0,0)',
    r.equilibrium.differentiable ? (r.equilibrium.eigenvalues.concrete?.text ?? (r.activation === 'none' ? '(no f)' : '(f abstract)')) : '-',
    atDefaults(r),
    r.kinks.length && r.verdict.verdict !== 'not-differentiable' ? `${r.verdict.verdict} (kinks where ${r.kinks.map((k) => `${k.text} = 0`).join(', ')})` : r.verdict.verdict,
    claimsCompared(r),
  ]);
  return table(header, rows);
}


function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const METHOD_COLUMNS = ['simultaneous', 'alternating', 'extragradient', 'optimistic'] as const;

/** The normal form's terms of each order, in words. */
const ORDER_WORDS: Readonly<Record<DriftRecord['order'], string>> = { 3: 'cubic terms', 5: 'quintic terms', 7: 'order-7 terms', 9: 'order-9 terms' };

/** What the nonlinear terms of the alternating map say (record.drift). */
function driftWords(drift: DriftRecord): string {
  const terms = ORDER_WORDS[drift.order];
  switch (drift.verdict) {
    case 'drifts-in': return `${terms}: drifts in`;
    case 'drifts-out': return `${terms}: drifts out`;
    case 'stays': return 'linear map: stays';
    case 'undecided': return `terms to order ${drift.order} 0`;
    case 'mixed': return `${terms}: ${signRuns(drift)}`;
  }
}

/** The sampled h in runs of one sign of the deciding coefficient: "out h 0.01-1.5, in h 3". */
function signRuns(drift: DriftRecord): string {
  const words = (d: number): string => (d < 0 ? 'in' : d > 0 ? 'out' : '0');
  const runs: { word: string; from: number; to: number }[] = [];
  for (const s of drift.samples) {
    const d = drift.order === 3 ? s.coefficient : s.higher;
    if (d === null || d === undefined) continue;
    const last = runs[runs.length - 1];
    if (last && last.word === words(d)) last.to = s.h;
    else runs.push({ word: words(d), from: s.h, to: s.h });
  }
  return runs.map((r) => `${r.word} h ${r.from === r.to ? r.from : `${r.from}-${r.to}`}`).join(', ');
}

function methodCell(record: GameRecord, method: (typeof METHOD_COLUMNS)[number]): string {
  const analysis = (record.discrete.concrete ?? record.discrete.generic).find((m) => m.method === method);
  if (!analysis) return '-';
  const bound = analysis.bound ? formatNumber(analysis.bound.atDefaults) : '';
  switch (analysis.verdict) {
    case 'converges-below-bound': return `converges, h < ${bound}`;
    case 'cycles-below-bound': return `cycles, h < ${bound}${method === 'alternating' && record.drift ? `; ${driftWords(record.drift)}` : ''}`;
    case 'converges-in-intervals': return `converges, h in ${intervalsText(analysis.intervals ?? [])}`;
    case 'never-converges': return 'never converges';
    case 'undecided': return 'rho = 1 for small h';
    case 'converges-for-all-h': return 'converges, any h';
  }
}

/** Training in discrete time at the default hyperparameters (one learning rate h). */
export function discreteTable(records: readonly GameRecord[]): string {
  const rows = records.map((r) => [r.activation === 'abstract' ? `${r.id} *` : r.id, ...METHOD_COLUMNS.map((m) => methodCell(r, m))]);
  const abstract = records.some((r) => r.activation === 'abstract') ? "\n* f abstract: the bounds are symbolic in f'(0) (see the record); the numbers are for f'(0) = 1." : '';
  const cubic = records.some((r) => r.drift) ? '\nCubic terms: where alternating steps cycle, the sign of the cubic coefficient d of their map\'s normal form at every sampled h but strong resonances (the record\'s drift): d < 0 drifts in, d > 0 out; where the field is linear near (0, 0) the map is too: the iterates stay on their ellipse; elsewhere, where d = 0, the first term of the normal form to order 9 that does not vanish decides the same way (quintic, order-7, order-9 terms).' : '';
  const note = abstract + cubic;
  return table(['game', ...METHOD_COLUMNS], rows) + note;
}


/** Where an equilibrium (or a set of them) is, in words: a point found numerically by its numbers. */
function whereText(equilibrium: EquilibriumRecord): string {
  const { where, numbers } = equilibrium;
  switch (where.kind) {
    case 'point': return numbers['theta'] !== undefined && numbers['phi'] !== undefined ? `(${formatNumber(numbers['theta'])}, ${formatNumber(numbers['phi'])})` : `(${where.theta.text}, ${where.phi.text})`;
    case 'line': return `line ${where.variable} = ${where.value.text}`;
    case 'switching-line': return `on ${where.variable} = ${where.value.text}`;
    case 'conditional': return `where ${conditionalFactor(where).text} = 0`;
  }
}

/** Beyond the linearisation: each equilibrium the analysis found (f substituted where it is given), its verdict and what the verdict rests on. */
export function nonlinearTable(records: readonly GameRecord[]): string {
  const rows = records.flatMap((r) => {
    const stage = r.nonlinear.stages[r.nonlinear.stages.length - 1]!;
    // A game whose field vanishes nowhere the search looked still gets its row, saying how it looked.
    if (stage.equilibria.length === 0) return [[r.id, 'none found', '-', stage.search.method === 'interval count' ? `interval count on [${stage.search.box.map((b) => b.join(', ')).join('] x [')}]` : `closed form${stage.search.unsolved.length ? ' (a factor unsolved)' : ''}`]];
    return stage.equilibria.map((e, i) => [i === 0 ? r.id : '', whereText(e), e.verdict, e.restsOn.filter((a) => a !== 'factored solve').join(', ')]);
  });
  return table(['game', 'equilibrium', 'verdict of the flow', 'rests on'], rows);
}

/** Kinks away from the equilibrium: Filippov's picture along each, a segment a row (theta from, to). */
export function switchingCurvesTable(records: readonly GameRecord[]): string {
  const rows = records.flatMap((r) => r.kinks.flatMap((k) => (k.filippov ?? []).flatMap((curve, c) => curve.segments.map((s, i) => [
    i === 0 && c === 0 ? r.id : '',
    i === 0 ? curve.curve.text : '',
    `${formatNumber(s.from)} .. ${formatNumber(s.to)}`,
    s.kind + (s.slides ? ` (${s.slides === 'still' ? 'pseudo-equilibria' : `theta ${s.slides === 'increasing' ? 'up' : 'down'}`})` : ''),
  ]))));
  return rows.length ? table(['game', 'switching curve', 'theta', 'Filippov'], rows) : '';
}

/** Intervals of h as from..to (from.. where one reaches the end of the scan). */
const intervalsText = (intervals: readonly { readonly from: number; readonly to: number | null }[]): string =>
  intervals.map((i) => `${formatNumber(i.from)}..${i.to === null ? '' : formatNumber(i.to)}`).join(', ');

/** A rule's verdict in a few characters: the bound where it converges below one. */
function ruleCell(rule: Pick<RuleRecord, 'verdict' | 'bound' | 'intervals'> | undefined): string {
  if (!rule) return '-';
  switch (rule.verdict) {
    case 'converges-below-bound': return `<${formatNumber(rule.bound!)}`;
    case 'cycles-below-bound': return rule.bound === undefined ? 'cycles' : `cycles <${formatNumber(rule.bound)}`;
    case 'converges-in-intervals': return intervalsText(rule.intervals);
    case 'never-converges': return 'never';
    case 'undecided': return 'rho=1';
    case 'converges-for-all-h': return 'any h';
  }
}

/** The training methods of methods/ per game, simultaneous / alternating: the largest stable h,
 * or 'never', 'cycles', 'rho=1' (the linearisation decides nothing), 'any h'; a window a..b
 * where M contracts only away from h = 0. */
export function rulesTable(records: readonly GameRecord[]): string {
  // A game whose equilibrium moved away from (0, 0) has its rules where the equilibria are: a row each.
  const moved = (r: GameRecord): Extract<ElsewhereRecord, { at: unknown }>[] =>
    r.verdict.verdict === 'not-an-equilibrium' ? r.rulesElsewhere.flatMap((e) => ('at' in e ? [e] : [])) : [];
  const methods = [...new Set(records.flatMap((r) => [...r.rules, ...moved(r).flatMap((e) => e.rules)].map((rule) => rule.method)))];
  type Rule = Pick<RuleRecord, 'method' | 'variant' | 'verdict' | 'bound' | 'intervals'>;
  const cells = (rules: readonly Rule[]): string[] =>
    methods.map((m) => `${ruleCell(rules.find((x) => x.method === m && x.variant === 'simultaneous'))} / ${ruleCell(rules.find((x) => x.method === m && x.variant === 'alternating'))}`);
  const rows = records.flatMap((r) => {
    if (r.rules.length) return [[r.id, ...cells(r.rules)]];
    const elsewhere = moved(r);
    if (elsewhere.length) return elsewhere.map((e, i) => [`${i === 0 ? r.id : ''} at (${formatNumber(e.at.theta)}, ${formatNumber(e.at.phi)})`, ...cells(e.rules)]);
    return [[r.id, ...methods.map(() => 'not differentiable')]];
  });
  return table(['game', ...methods], rows);
}

/** A simulated method at its defaults and one rate: the runs' end states, or why there are none. */
function simulationCell(simulation: SimulationRecord | undefined, h: number, defaults: Readonly<Record<string, number>>): string {
  if (!simulation) return '-';
  if ('notSimulated' in simulation) return 'not simulated';
  const row = simulation.rows.find((r) => r.h === h && Object.entries(defaults).every(([name, value]) => r.hyperparameters[name] === value));
  if (!row) return '-';
  return [row.converged && `${row.converged} rest`, row.moving && `${row.moving} moving`, row.diverged && `${row.diverged} diverge`].filter(Boolean).join(', ');
}

/** Every other method on the games whose field has a kink at the equilibrium (simulate.ts):
 * a row per game and method, simultaneous / alternating, for each rate. */
export function kinkSimulationsTable(records: readonly GameRecord[], methods: readonly { readonly id: string; readonly defaults: Readonly<Record<string, number>> }[]): string {
  const rates = [...new Set(records.flatMap((r) => r.simulations.flatMap((s) => ('rows' in s ? s.rows.map((row) => row.h) : []))))];
  const rows = records.filter((r) => r.verdict.verdict === 'not-differentiable').flatMap((r) =>
    methods.filter((m) => r.simulations.some((s) => s.method === m.id)).map((m, i) => [
      i === 0 ? r.id : '',
      m.id,
      ...rates.map((h) => VARIANTS.map((variant) => simulationCell(r.simulations.find((s) => s.method === m.id && s.variant === variant), h, m.defaults)).join(' / ')),
    ]));
  return rows.length ? table(['game', 'method', ...rates.map((h) => `h = ${h}`)], rows) : '';
}

/** The methods without a linearisation, simulated from 8 starts at their defaults, simultaneous / alternating, for each rate. */
export function simulationsTable(records: readonly GameRecord[], methods: readonly { readonly id: string; readonly defaults: Readonly<Record<string, number>> }[]): string {
  const rates = [...new Set(records.flatMap((r) => r.simulations.flatMap((s) => ('rows' in s ? s.rows.map((row) => row.h) : []))))];
  const columns = methods.flatMap((m) => rates.map((h) => ({ method: m, h })));
  const rows = records.map((r) => [
    r.id,
    ...columns.map(({ method, h }) => VARIANTS.map((variant) => simulationCell(r.simulations.find((s) => s.method === method.id && s.variant === variant), h, method.defaults)).join(' / ')),
  ]);
  return table(['game', ...columns.map(({ method, h }) => `${method.id}, h = ${h}`)], rows);
}
