/**
 * Small pieces every picture uses: escaping, the <svg> element with its <title> and <desc>
 * (the picture's accessible name and description), axes with ticks and labels from d3-scale,
 * and a legend that wraps to the picture's width. Pictures are strings, so the same code
 * draws them at build time and redraws them in the page. Colours and strokes live in the
 * stylesheet, keyed by class, so a legend's swatch and its series always match.
 */
import type { ScaleContinuousNumeric } from 'd3-scale';

export const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Margin {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/** The font size of labels, in viewBox units (pictures are ~420 units wide). */
export const FONT = 13;

export function svgOpen(id: string, width: number, height: number, title: string, desc: string, className: string): string {
  return (
    `<svg id="${id}" class="plot ${className}" viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
    `aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg" font-size="${FONT}">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(desc)}</desc>`
  );
}

type Scale = ScaleContinuousNumeric<number, number>;

const fmtTick = (x: number): string => {
  const s = Math.abs(x) < 1e-12 ? '0' : String(Number(x.toPrecision(6)));
  return s.replace('-', '−');
};

/** Ticks of a log scale that a reader can use: powers of ten, or 1-2-5 when few decades. */
function logTicks(scale: Scale): number[] {
  const [a, b] = scale.domain() as [number, number];
  const decades = Math.log10(b / a);
  const mantissas = decades <= 2.5 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++) {
    for (const m of mantissas) {
      const t = m * 10 ** e;
      if (t >= a * (1 - 1e-9) && t <= b * (1 + 1e-9)) ticks.push(Number(t.toPrecision(6)));
    }
  }
  return ticks;
}

export interface AxisOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly ticks?: number;
  /** Draw the x = 0 and y = 0 lines darker. */
  readonly zeroLines?: boolean;
}

/** Grid, tick marks and labels on the left and bottom, and the axis titles. */
export function axes(x: Scale, y: Scale, o: AxisOptions): string {
  const [x0, x1] = x.range() as [number, number];
  const [y0, y1] = y.range() as [number, number];
  const xt = o.xLog ? logTicks(x) : x.ticks(o.ticks ?? 6);
  const yt = o.yLog ? logTicks(y) : y.ticks(o.ticks ?? 6);
  const parts: string[] = ['<g class="axes">'];
  for (const t of xt) {
    const px = x(t).toFixed(1);
    parts.push(`<line class="grid" x1="${px}" x2="${px}" y1="${y0}" y2="${y1}"/>`);
    parts.push(`<text class="tick" x="${px}" y="${y0 + FONT + 4}" text-anchor="middle">${fmtTick(t)}</text>`);
  }
  for (const t of yt) {
    const py = y(t).toFixed(1);
    parts.push(`<line class="grid" x1="${x0}" x2="${x1}" y1="${py}" y2="${py}"/>`);
    parts.push(`<text class="tick" x="${x0 - 5}" y="${py}" dy="0.32em" text-anchor="end">${fmtTick(t)}</text>`);
  }
  if (o.zeroLines) {
    const [dx0, dx1] = x.domain() as [number, number];
    const [dy0, dy1] = y.domain() as [number, number];
    if (dy0 < 0 && dy1 > 0) parts.push(`<line class="zero" x1="${x0}" x2="${x1}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`);
    if (dx0 < 0 && dx1 > 0) parts.push(`<line class="zero" x1="${x(0).toFixed(1)}" x2="${x(0).toFixed(1)}" y1="${y0}" y2="${y1}"/>`);
  }
  parts.push(`<rect class="frame" x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}"/>`);
  parts.push(`<text class="axis-label" x="${(x0 + x1) / 2}" y="${y0 + 2 * FONT + 10}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  parts.push(
    `<text class="axis-label" transform="translate(${x0 - 38} ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
  );
  parts.push('</g>');
  return parts.join('');
}

export interface LegendItem {
  readonly label: string;
  /** The class of the series it names; the swatch is drawn with it. */
  readonly className: string;
  readonly swatch: 'line' | 'dot' | 'area' | 'cross' | 'diamond';
  /** An id for the label's <text>, when the page updates it. */
  readonly id?: string;
}

/** Rough width of a label: CJK characters are square, Latin ones about 0.58 em. */
const textWidth = (s: string): number => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 1 : 0.58), 0) * FONT;

/** A legend in rows from (x, y), wrapping at `width`; returns the markup and its height. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  const parts: string[] = ['<g class="legend">'];
  let cx = x;
  let cy = y + FONT;
  for (const item of items) {
    const w = 26 + textWidth(item.label) + 16;
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += FONT + 8;
    }
    parts.push(swatch(item, cx, cy - FONT / 3));
    parts.push(`<text x="${cx + 24}" y="${cy}"${item.id ? ` id="${item.id}"` : ''}>${escapeXml(item.label)}</text>`);
    cx += w;
  }
  parts.push('</g>');
  return { svg: parts.join(''), height: cy - y + 6 };
}

function swatch(item: LegendItem, x: number, y: number): string {
  const c = item.className;
  switch (item.swatch) {
    case 'line':
      return `<line class="${c}" x1="${x}" x2="${x + 18}" y1="${y}" y2="${y}"/>`;
    case 'dot':
      return `<circle class="${c}" cx="${x + 9}" cy="${y}" r="4.5"/>`;
    case 'diamond':
      return `<path class="${c}" d="${diamond(x + 9, y, 5.5)}"/>`;
    case 'cross':
      return `<path class="${c}" d="M${x + 4},${y - 5}L${x + 14},${y + 5}M${x + 4},${y + 5}L${x + 14},${y - 5}"/>`;
    case 'area':
      return `<rect class="${c}" x="${x}" y="${y - 6}" width="18" height="12"/>`;
  }
}

export const diamond = (cx: number, cy: number, r: number): string =>
  `M${cx.toFixed(1)},${(cy - r).toFixed(1)}L${(cx + r).toFixed(1)},${cy.toFixed(1)}L${cx.toFixed(1)},${(cy + r).toFixed(1)}L${(cx - r).toFixed(1)},${cy.toFixed(1)}Z`;
