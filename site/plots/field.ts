/**
 * The phase portrait: short streamlines of the vector field v(theta, phi), and from one start
 * the continuous flow and the iterates of simultaneous and alternating gradient steps (and, on
 * request, the same from four more starts).
 * The page redraws the parts that move (the field layer, each trajectory's `d`, the start and
 * end markers) through the same functions and the element ids set here.
 */
import { scaleLinear } from './scale.js';
import type { Scale } from './scale.js';
import type { Box, Streamlet } from '../model/numerics.js';
import { axes, escapeXml, legend, polylinePath, relativePaths, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

export const FIELD_BOX: Box = { theta: [-2.5, 2.5], phi: [-2.5, 2.5] };
const WIDTH = 420;
const MARGIN = { top: 10, right: 12, bottom: 46, left: 54 };
const SIDE = WIDTH - MARGIN.left - MARGIN.right;
/** The phase portrait's frame, for the other pictures over (theta, phi) (the basins). */
export const FIELD_FRAME = { width: WIDTH, margin: MARGIN, side: SIDE } as const;

export const SERIES = ['flow', 'simultaneous', 'alternating'] as const;
export type Series = (typeof SERIES)[number];

export interface FieldScales {
  readonly x: Scale;
  readonly y: Scale;
}

export const fieldScales = (): FieldScales => ({
  x: scaleLinear(FIELD_BOX.theta, [MARGIN.left, MARGIN.left + SIDE]),
  y: scaleLinear(FIELD_BOX.phi, [MARGIN.top + SIDE, MARGIN.top]),
});

/** Streamlines of the field, with the grid and length the pictures use. */
export const STREAMLET_GRID = 15;
export const STREAMLET_LENGTH = 0.22;

/** The bands of |v| the streamlets are shaded in, darker where the field is faster. */
export const SPEED_BANDS = 3;

/** A streamlet's band: where log |v| at its start falls between the layer's least and greatest
 * (one band when they differ by less than 1.5x, where shading would say nothing). */
export function speedBand(speed: number, least: number, greatest: number): number {
  if (!(greatest > 1.5 * least) || !(least > 0)) return 1;
  const position = Math.log(speed / least) / Math.log(greatest / least);
  return Math.min(SPEED_BANDS - 1, Math.max(0, Math.floor(position * SPEED_BANDS)));
}

/** The field layer: the streamlets of each band of |v| in one path, their arrowheads in another. */
export function fieldLayer(lines: readonly Streamlet[], s: FieldScales): string {
  const bodies: number[][][] = Array.from({ length: SPEED_BANDS }, () => []);
  const heads: number[][][] = Array.from({ length: SPEED_BANDS }, () => []);
  // streamlets() keeps only streamlets from where |v| is positive and finite.
  const speeds = lines.map((l) => l.speed);
  const [least, greatest] = [Math.min(...speeds), Math.max(...speeds)];
  for (const { points: l, speed } of lines) {
    const band = speedBand(speed, least, greatest);
    const n = l.length / 2;
    const body: number[] = [];
    for (let i = 0; i < n; i++) body.push(s.x(l[2 * i]!), s.y(l[2 * i + 1]!));
    bodies[band]!.push(body);
    // An arrowhead along the last segment.
    const ex = body[2 * n - 2]!;
    const ey = body[2 * n - 1]!;
    const dx = ex - body[2 * n - 4]!;
    const dy = ey - body[2 * n - 3]!;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const a = 4.2;
    const b = 2.4;
    heads[band]!.push([ex + ux * 1.5, ey + uy * 1.5, ex - ux * a - uy * b, ey - uy * a + ux * b, ex - ux * a + uy * b, ey - uy * a - ux * b]);
  }
  return bodies
    .map((band, k) => (band.length === 0 ? '' : `<path class="streamlet speed-${k}" d="${polylinePath(band, false, 0.2)}"/><path class="streamlet-head speed-${k}" d="${polylinePath(heads[k]!, true, 0)}"/>`))
    .join('');
}

/** The `d` of a trajectory [theta0, phi0, theta1, phi1, ...], to 0.1 unit, every point kept. */
export const trajectoryPath = (points: Float64Array, s: FieldScales): string => trajectoryPaths(points, s, false).line;

/** How far from the picture, in its units, a drawn point may lie. A run that diverges ends
 * where it passed ESCAPE_RADIUS, which one step can overshoot by far (LSGAN's alternating steps
 * at h = 5 and n_D = 10: 1.6e41): such a point is drawn where its segment from the point before
 * meets this box, in the same direction. Chromium holds path data in single precision, and one
 * number past 3.4e38 voids the whole path; beyond the box, every piece lies outside the clip. */
export const FAR = 1e5;

/** The trajectory's line and, with `dots`, its points as dots (relativePaths). */
export function trajectoryPaths(points: Float64Array, s: FieldScales, dots: boolean): { line: string; dots: string } {
  const n = points.length / 2;
  const picture = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    let x = s.x(points[2 * i]!);
    let y = s.y(points[2 * i + 1]!);
    if (!(Math.abs(x) <= FAR && Math.abs(y) <= FAR)) {
      // Along the segment from the point before (inside the box) to this one, as far as the box.
      const [ax, ay] = i > 0 ? [picture[2 * i - 2]!, picture[2 * i - 1]!] : [0, 0];
      const [dx, dy] = [x - ax, y - ay];
      const reach = Math.min(Math.abs(x) > FAR ? (Math.sign(x) * FAR - ax) / dx : 1, Math.abs(y) > FAR ? (Math.sign(y) * FAR - ay) / dy : 1);
      const t = reach >= 0 && reach <= 1 ? reach : 0;
      [x, y] = [ax + t * dx, ay + t * dy];
    }
    picture[2 * i] = x;
    picture[2 * i + 1] = y;
  }
  if (n > 1) return relativePaths(picture, dots);
  const point = `M${picture[0]!.toFixed(1)},${picture[1]!.toFixed(1)}`;
  return { line: point, dots: dots ? `${point}h0` : '' };
}

export interface FieldPictureText {
  readonly title: string;
  readonly desc: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly legend: Record<Series | 'start' | 'equilibrium', string>;
}

export interface FieldPicture {
  readonly id: string;
  readonly lines: readonly Streamlet[];
  readonly runs: Readonly<Record<Series, Float64Array>>;
  readonly text: FieldPictureText;
}

export function fieldSvg(pic: FieldPicture): string {
  const s = fieldScales();
  const { id } = pic;
  const items: LegendItem[] = [
    { label: pic.text.legend.flow, className: 'traj-flow', swatch: 'line' },
    { label: pic.text.legend.simultaneous, className: 'traj-simultaneous', swatch: 'line' },
    { label: pic.text.legend.alternating, className: 'traj-alternating', swatch: 'line' },
    { label: pic.text.legend.start, className: 'start-marker', swatch: 'dot' },
    { label: pic.text.legend.equilibrium, className: 'equilibrium-marker', swatch: 'cross' },
  ];
  const top = MARGIN.top + SIDE + MARGIN.bottom;
  const lg = legend(items, MARGIN.left - 40, top, WIDTH - MARGIN.left + 36);
  const height = Math.ceil(top + lg.height + 4);
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const parts = [
    svgOpen(id, WIDTH, height, pic.text.title, pic.text.desc, 'field-plot'),
    `<defs><clipPath id="${id}-clip"><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/></clipPath></defs>`,
    axes(s.x, s.y, { xLabel: pic.text.xLabel, yLabel: pic.text.yLabel, zeroLines: true }),
    `<g id="${id}-field" clip-path="url(#${id}-clip)">${fieldLayer(pic.lines, s)}</g>`,
    `<g clip-path="url(#${id}-clip)">`,
    // The runs from the other starts, drawn by the page when asked for (extraLayer), under the main ones.
    `<g id="${id}-extra" class="extra-starts"></g>`,
  ];
  for (const series of SERIES) {
    const paths = trajectoryPaths(pic.runs[series], s, isDiscrete(series));
    parts.push(`<path id="${id}-${series}" class="traj traj-${series}" d="${paths.line}"/>`);
    if (isDiscrete(series)) parts.push(`<path id="${id}-${series}-iterates" class="iterates traj-${series}-iterates" d="${paths.dots}"/>`);
  }
  for (const series of SERIES) {
    const e = endOf(pic.runs[series]);
    parts.push(`<circle id="${id}-end-${series}" class="end end-${series}" cx="${s.x(e[0]).toFixed(1)}" cy="${s.y(e[1]).toFixed(1)}" r="3.2"/>`);
  }
  const start = pic.runs.flow;
  parts.push(`<path class="equilibrium-marker" d="M${s.x(0) - 5},${s.y(0) - 5}L${s.x(0) + 5},${s.y(0) + 5}M${s.x(0) - 5},${s.y(0) + 5}L${s.x(0) + 5},${s.y(0) - 5}"/>`);
  parts.push(`<circle id="${id}-start" class="start-marker" cx="${s.x(start[0]!).toFixed(1)}" cy="${s.y(start[1]!).toFixed(1)}" r="4.5"/>`);
  for (const series of SERIES) parts.push(`<circle id="${id}-dot-${series}" class="anim-dot traj-${series}-dot" r="5" cx="-20" cy="-20" visibility="hidden"/>`);
  parts.push('</g>', lg.svg, '</svg>');
  return parts.join('');
}

/** The runs from the other starts (model/explore.ts, EXTRA_STARTS): for each, its start and the
 * shown series, lighter and without the iterates' dots. */
export function extraLayer(extra: readonly Readonly<Record<Series, Float64Array>>[], shown: ReadonlySet<Series>, s: FieldScales): string {
  return extra.map((runs) => {
    const start = runs.flow;
    const paths = SERIES.filter((series) => shown.has(series)).map((series) => `<path class="traj traj-${series} traj-extra" d="${trajectoryPath(runs[series], s)}"/>`);
    return `${paths.join('')}<circle class="start-marker start-extra" cx="${s.x(start[0]!).toFixed(1)}" cy="${s.y(start[1]!).toFixed(1)}" r="3"/>`;
  }).join('');
}

export const endOf = (points: Float64Array): [number, number] => [points[points.length - 2]!, points[points.length - 1]!];

/** The training methods' series: their iterates are drawn as dots on the line (a path of
 * their own over it, `<id>-<series>-iterates`, which the page redraws with the line), as the
 * paper's notebook draws them; the flow is a line. */
export const isDiscrete = (series: Series): boolean => series !== 'flow';

export { escapeXml };
