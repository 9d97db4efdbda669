/**
 * Small pieces every picture uses: escaping, the <svg> element with its <title> and <desc>
 * (the picture's accessible name and description), axes with ticks and labels (scale.ts),
 * and a legend that wraps to the picture's width. Pictures are strings, so the same code
 * draws them at build time and redraws them in the page. Colours and strokes live in the
 * stylesheet, keyed by class, so a legend's swatch and its series always match.
 */
import type { Scale } from './scale.js';
import { linearTicks, logTicks } from './scale.js';

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

const fmtTick = (x: number): string => {
  const s = Math.abs(x) < 1e-12 ? '0' : String(Number(x.toPrecision(6)));
  return s.replace('-', '−');
};

export interface AxisOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly ticks?: number;
  /** The x ticks, where the scale's own would crowd a narrow panel. */
  readonly xTickValues?: readonly number[];
  /** Draw the x = 0 and y = 0 lines darker. */
  readonly zeroLines?: boolean;
  /** Which part to draw: everything (the default), the grid lines alone (to go under a
   * picture's filled regions), or everything but them. */
  readonly part?: 'all' | 'grid' | 'labels';
}

/** Grid, tick marks and labels on the left and bottom, and the axis titles. */
export function axes(x: Scale, y: Scale, o: AxisOptions): string {
  const [x0, x1] = x.range() as [number, number];
  const [y0, y1] = y.range() as [number, number];
  const xt = o.xTickValues ?? (o.xLog ? logTicks(x) : linearTicks(x, o.ticks ?? 6));
  const yt = o.yLog ? logTicks(y) : linearTicks(y, o.ticks ?? 6);
  const grid = o.part !== 'labels';
  const labels = o.part !== 'grid';
  // The grid lines in one path, the zero lines in another: two elements where there were a
  // dozen, in every picture of a page.
  let gridLines = '';
  const ticks: string[] = [];
  for (const t of xt) {
    const px = x(t).toFixed(1);
    gridLines += `M${px},${y0}V${y1}`;
    ticks.push(`<text class="tick" x="${px}" y="${y0 + FONT + 4}" text-anchor="middle">${fmtTick(t)}</text>`);
  }
  for (const t of yt) {
    const py = y(t).toFixed(1);
    gridLines += `M${x0},${py}H${x1}`;
    ticks.push(`<text class="tick" x="${x0 - 5}" y="${py}" dy="0.32em" text-anchor="end">${fmtTick(t)}</text>`);
  }
  const parts: string[] = ['<g class="axes">', ...(grid && gridLines ? [`<path class="grid" d="${gridLines}"/>`] : []), ...(labels ? ticks : [])];
  if (!labels) return `${parts.join('')}</g>`;
  if (o.zeroLines) {
    const [dx0, dx1] = x.domain() as [number, number];
    const [dy0, dy1] = y.domain() as [number, number];
    let zero = '';
    if (dy0 < 0 && dy1 > 0) zero += `M${x0},${y(0).toFixed(1)}H${x1}`;
    if (dx0 < 0 && dx1 > 0) zero += `M${x(0).toFixed(1)},${y0}V${y1}`;
    if (zero) parts.push(`<path class="zero" d="${zero}"/>`);
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

/**
 * A polyline [x0, y0, x1, y1, ...] in picture units with the points dropped that lie within
 * `tolerance` of the line through the ones kept (Douglas-Peucker): marching squares and
 * sampled curves put a point on every grid line, most of them on a straight stretch.
 */
export function simplify(points: readonly number[], tolerance = 0.3): number[] {
  const n = points.length / 2;
  if (n <= 2) return [...points];
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const ax = points[2 * a]!;
    const ay = points[2 * a + 1]!;
    const dx = points[2 * b]! - ax;
    const dy = points[2 * b + 1]! - ay;
    const length = Math.hypot(dx, dy);
    let far = -1;
    let farthest = tolerance;
    for (let i = a + 1; i < b; i++) {
      const px = points[2 * i]! - ax;
      const py = points[2 * i + 1]! - ay;
      const d = length > 0 ? Math.abs(px * dy - py * dx) / length : Math.hypot(px, py);
      if (d > farthest) {
        farthest = d;
        far = i;
      }
    }
    if (far >= 0) {
      keep[far] = 1;
      stack.push([a, far], [far, b]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[2 * i]!, points[2 * i + 1]!);
  return out;
}

/** The `d` of polylines in picture units, each simplified (tolerance 0 keeps every point);
 * closed ones end in Z. */
export function polylinePath(lines: readonly (readonly number[])[], closed = false, tolerance = 0.3): string {
  let d = '';
  for (const line of lines) {
    const p = tolerance > 0 ? simplify(line, tolerance) : line;
    if (p.length < 4) continue;
    d += relative(p) + (closed ? 'Z' : '');
  }
  return d;
}

/**
 * A polyline as "M x,y l dx,dy ...", to 0.1 unit: the points are rounded first and the steps
 * taken between the rounded points, so no rounding accumulates along the line; a step is a
 * few characters where an absolute point is a dozen.
 */
export const relative = (points: ArrayLike<number>): string => relativePaths(points, false).line;

/**
 * The polyline of `relative`, and with `dots` the same points as a dot each: "M x,y h0 m dx,dy
 * h0 ...", zero-length pieces that a round line cap draws as discs (one path: a marker at every
 * vertex of a long line took the page a fifth of a slider move). Both in one pass.
 */
export function relativePaths(points: ArrayLike<number>, dots: boolean): { line: string; dots: string } {
  let x = Math.round(points[0]! * 10);
  let y = Math.round(points[1]! * 10);
  const start = `M${tenths(x)},${tenths(y)}`;
  let line = `${start}l`;
  let dotted = dots ? `${start}h0` : '';
  for (let i = 2; i < points.length; i += 2) {
    const nx = Math.round(points[i]! * 10);
    const ny = Math.round(points[i + 1]! * 10);
    const dx = tenths(nx - x);
    const dy = tenths(ny - y);
    // A minus sign separates numbers; anything else needs a comma.
    const pair = dy.charCodeAt(0) === MINUS ? dx + dy : `${dx},${dy}`;
    line += i > 2 && dx.charCodeAt(0) !== MINUS ? `,${pair}` : pair;
    if (dots) dotted += `m${pair}h0`;
    x = nx;
    y = ny;
  }
  return { line, dots: dotted };
}

const MINUS = '-'.charCodeAt(0);

/** An integer number of tenths as SVG path text: 17 -> "1.7", -3 -> "-.3", 20 -> "2". The
 * page writes thousands per slider move, most of them the same few hundred numbers: each is
 * made once and kept (the numbers of a picture 500 units wide and more, in tenths). */
function tenths(n: number): string {
  if (!(Math.abs(n) <= TENTHS_KEPT)) return tenthsText(n);
  return (keptTenths[n + TENTHS_KEPT] ??= tenthsText(n));
}

const TENTHS_KEPT = 5000;
const keptTenths = new Array<string | undefined>(2 * TENTHS_KEPT + 1);

function tenthsText(n: number): string {
  // Integers to text, not the double n / 10, whose shortest-decimal printing costs several times
  // more; beyond 2^52 (a run far past the picture) a double is no longer an integer number of
  // tenths with a digit to split off, and the double's own text is right.
  if (!(Math.abs(n) < 2 ** 52)) return (n < 0 ? '-' : '') + String(Math.abs(n) / 10);
  const a = Math.abs(n);
  const whole = Math.floor(a / 10);
  const tenth = a - 10 * whole;
  const text = tenth === 0 ? String(whole) : whole === 0 ? `.${tenth}` : `${whole}.${tenth}`;
  return n < 0 ? `-${text}` : text;
}
