/**
 * The periodic orbit of a kinked game (WGAN-GP, DRAGAN) against the hyperparameter the record
 * swept: its period and its amplitude (largest θ on it), one panel each, from the record's
 * Poincaré-map rows; values with no orbit are marked on the axis.
 */
import type { Game } from '../data/game.js';
import type { EquilibriumRecord } from '../data/nonlinear.js';
import type { Lang } from '../i18n.js';
import { num } from '../i18n.js';
import { NONLINEAR } from '../i18n-nonlinear.js';
import { escapeHtml } from '../pages/layout.js';
import { niceDomain, scaleLinear, scaleLog } from './scale.js';
import type { Scale } from './scale.js';
import { axes, diamond, svgOpen } from './svg.js';

const W = 440;
const H = 210;
const PANEL = { top: 12, bottom: 44, left: 50, gap: 62 };

export function orbitsFigure(game: Game, e: EquilibriumRecord, lang: Lang, symbol: string): string {
  const t = NONLINEAR[lang];
  const rows = e.orbits ?? [];
  const found = rows.filter((o) => o.period !== undefined && o.crossing !== undefined);
  if (found.length < 2) return '';
  const values = rows.map((o) => o.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const log = lo > 0 && hi / lo >= 20;
  const width = (W - PANEL.left - PANEL.gap - 10) / 2;
  const panel = (index: number, label: string, pick: (o: (typeof found)[number]) => number): string => {
    const x0 = PANEL.left + index * (width + PANEL.gap);
    const x: Scale = log ? scaleLog([lo, hi], [x0, x0 + width]) : scaleLinear([lo, hi], [x0, x0 + width]);
    const ys = found.map(pick);
    const y = scaleLinear(niceDomain([Math.min(...ys) * 0.95, Math.max(...ys) * 1.05], 4), [H - PANEL.bottom, PANEL.top]);
    const points = found.map((o) => [x(o.value), y(pick(o))] as const);
    const line = `<path class="orbit-line" d="M${points.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join('L')}"/>`;
    const dots = points.map(([a, b]) => `<circle class="orbit-dot" cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3.5"/>`).join('');
    const end = e.numbers.orbitEnd;
    const endLine = end !== undefined && end >= lo && end <= hi ? `<path class="orbit-end" d="M${x(end).toFixed(1)},${PANEL.top}V${H - PANEL.bottom}"/>` : '';
    const none = rows
      .filter((o) => o.period === undefined)
      .map((o) => `<path class="orbit-none" d="${diamond(x(o.value), H - PANEL.bottom, 4)}"/>`)
      .join('');
    // Powers of ten only on a log axis: a panel is too narrow for 1-2-5 labels.
    const decades = log ? Array.from({ length: Math.floor(Math.log10(hi)) - Math.ceil(Math.log10(lo)) + 1 }, (_, i) => 10 ** (Math.ceil(Math.log10(lo)) + i)) : undefined;
    return axes(x, y, { xLabel: symbol, yLabel: label, xLog: log, ticks: 4, xTickValues: decades && decades.length >= 2 ? decades : undefined }) + endLine + line + dots + none;
  };
  const end = e.numbers.orbitEnd === undefined ? '' : `; ${t.orbitsEnd(symbol, num(e.numbers.orbitEnd, 4))}`;
  const desc = found.map((o) => `${symbol} = ${num(o.value)}: T = ${num(o.period!)}, θ ≤ ${num(o.crossing!)}`).join('; ') + end;
  const svg =
    svgOpen(`fig-orbits-${e.orbits![0]!.parameter}`, W, H, t.orbitsTitle(game.record.title[lang], symbol), desc, 'orbits') +
    panel(0, t.periodLabel, (o) => o.period!) +
    panel(1, t.amplitudeLabel, (o) => o.crossing!) +
    '</svg>';
  return `<figure class="picture orbits">${svg}<figcaption>${escapeHtml(t.orbitsFigureCaption(symbol))}</figcaption></figure>`;
}
