/**
 * Eigenvalue paths: where eigenvalues go in the complex plane as a hyperparameter sweeps its
 * range, one path per eigenvalue, an arrow at the end of each (the way the hyperparameter
 * grows), and a ring on each at one value of it (the default; the page moves the rings with
 * the slider). Two kinds: the eigenvalues lambda of J(0, 0) against the imaginary axis (the
 * flow converges locally when both lie left of it), and the eigenvalues mu of an update map
 * for a fixed h against the unit circle (the iterates converge when all lie inside).
 */
import { circlePath, niceDomain, scaleLinear } from './scale.js';
import type { Scale } from './scale.js';
import { axes, escapeXml, legend, polylinePath, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

export type PathKind = 'lambda' | 'mu';

/** Eigenvalues re[i] + i im[i]. */
export interface Spectrum {
  readonly re: readonly number[];
  readonly im: readonly number[];
}

/** One path: an eigenvalue at each value of the sweep. */
export interface Path {
  readonly re: readonly number[];
  readonly im: readonly number[];
}

const GEOMETRY: Record<PathKind, { width: number; height: number; margin: { top: number; right: number; bottom: number; left: number } }> = {
  lambda: { width: 420, height: 250, margin: { top: 10, right: 12, bottom: 46, left: 56 } },
  mu: { width: 300, height: 232, margin: { top: 10, right: 12, bottom: 46, left: 56 } },
};

/**
 * The spectra along a sweep as paths, one per eigenvalue: at each value the eigenvalues are
 * matched to the previous ones so that the sum of the distances is least (a formula's order
 * may swap two of them where they meet, or where a square root crosses its cut).
 */
export function pathsOf(spectra: readonly Spectrum[]): Path[] {
  const n = spectra[0]?.re.length ?? 0;
  const re = Array.from({ length: n }, () => [] as number[]);
  const im = Array.from({ length: n }, () => [] as number[]);
  const orders = permutations(n);
  for (const s of spectra) {
    let best = orders[0]!;
    if (re[0]!.length > 0) {
      let least = Infinity;
      for (const order of orders) {
        let d = 0;
        order.forEach((k, i) => (d += Math.hypot(s.re[k]! - re[i]!.at(-1)!, s.im[k]! - im[i]!.at(-1)!)));
        if (d < least) {
          least = d;
          best = order;
        }
      }
    }
    best.forEach((k, i) => {
      re[i]!.push(s.re[k]!);
      im[i]!.push(s.im[k]!);
    });
  }
  return re.map((r, i) => ({ re: r, im: im[i]! }));
}

/** The orders of 0..n-1, the identity first (it wins ties). */
function permutations(n: number, rest: readonly number[] = Array.from({ length: n }, (_, i) => i)): number[][] {
  if (rest.length <= 1) return [[...rest]];
  return rest.flatMap((first, i) => permutations(n, [...rest.slice(0, i), ...rest.slice(i + 1)]).map((p) => [first, ...p]));
}

/** The window shown, as a domain on each axis. Lambda: the paths and the imaginary axis,
 * rounded outwards; mu: a square around the unit circle, wide enough for the paths. */
export function pathsDomain(kind: PathKind, paths: readonly Path[]): { x: [number, number]; y: [number, number] } {
  const res = paths.flatMap((p) => p.re).filter(Number.isFinite);
  const ims = paths.flatMap((p) => p.im).filter(Number.isFinite);
  if (kind === 'mu') {
    const m = Math.max(0, ...res.map(Math.abs), ...ims.map(Math.abs));
    const r = [1.25, 1.5, 2, 3, 5].find((x) => m * 1.05 <= x) ?? 5;
    return { x: [-r, r], y: [-r, r] };
  }
  const lo = Math.min(0, ...res);
  const hi = Math.max(0, ...res);
  const tallest = Math.max(0, ...ims.map(Math.abs));
  // At least as wide as the paths are tall, so that still eigenvalues on the axis get a plane around them.
  const width = Math.max(hi - lo, tallest, 1e-6);
  const x = niceDomain([(lo + hi) / 2 - 0.56 * width, (lo + hi) / 2 + 0.56 * width], 5);
  const top = Math.max(tallest, 0.05 * width) * 1.12;
  const y = niceDomain([-top, top], 4);
  return { x, y };
}

export interface PathsScales {
  readonly x: Scale;
  readonly y: Scale;
}

export function pathsScales(kind: PathKind, domain: { x: readonly [number, number]; y: readonly [number, number] }): PathsScales {
  const g = GEOMETRY[kind];
  return {
    x: scaleLinear(domain.x, [g.margin.left, g.width - g.margin.right]),
    y: scaleLinear(domain.y, [g.margin.top + g.height, g.margin.top]),
  };
}

export interface PathsPicture {
  readonly id: string;
  readonly kind: PathKind;
  readonly paths: readonly Path[];
  /** The eigenvalues the rings mark (at the default), in the paths' order. */
  readonly marks: Spectrum;
  readonly text: {
    readonly title: string;
    readonly desc: string;
    readonly re: string;
    readonly im: string;
    /** The imaginary axis or the unit circle. */
    readonly boundary: string;
    /** One per path. */
    readonly labels: readonly string[];
    readonly marks: string;
    /** A label in the plot's corner (the method, when panels sit side by side). */
    readonly panel?: string;
  };
}

/** Whether a path moves at all (a hyperparameter that J(0, 0) does not contain leaves it still). */
export const moves = (p: Path): boolean => p.re.some((x, i) => Math.hypot(x - p.re[0]!, p.im[i]! - p.im[0]!) > 1e-9 * (1 + Math.hypot(p.re[0]!, p.im[0]!)));

export function pathsSvg(pic: PathsPicture): string {
  const g = GEOMETRY[pic.kind];
  const domain = pathsDomain(pic.kind, pic.paths);
  const s = pathsScales(pic.kind, domain);
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const clip = `${pic.id}-clip`;
  const parts: string[] = [];
  // The boundary of stability: the imaginary axis, or the unit circle.
  if (pic.kind === 'lambda') {
    parts.push(`<rect class="half-unstable" x="${s.x(0).toFixed(1)}" y="${y0}" width="${(x1 - s.x(0)).toFixed(1)}" height="${y1 - y0}"/>`);
    parts.push(`<line class="boundary" x1="${s.x(0).toFixed(1)}" x2="${s.x(0).toFixed(1)}" y1="${y0}" y2="${y1}"/>`);
  } else {
    parts.push(`<path class="boundary" d="${circlePath(s.x(0), s.y(0), s.x(1) - s.x(0))}"/>`);
  }
  pic.paths.forEach((p, i) => {
    const c = i % 4;
    if (!moves(p)) return;
    const points = p.re.flatMap((re, k) => (Number.isFinite(re) && Number.isFinite(p.im[k]!) ? [s.x(re), s.y(p.im[k]!)] : []));
    parts.push(`<path class="eig-path eig-path-${c}" d="${polylinePath([points])}"/>`);
    const head = arrowhead(points);
    if (head) parts.push(`<path class="path-head-${c}" d="${head}"/>`);
  });
  pic.marks.re.forEach((re, i) => {
    const im = pic.marks.im[i]!;
    parts.push(`<circle id="${pic.id}-mark-${i}" class="path-mark path-mark-${i % 4}" cx="${s.x(re).toFixed(1)}" cy="${s.y(im).toFixed(1)}" r="${pic.paths.length > 2 ? 4 : 5}"/>`);
  });
  const items: LegendItem[] = [
    { label: pic.text.boundary, className: 'boundary', swatch: 'line' },
    ...pic.text.labels.map((label, i): LegendItem => ({ label, className: `eig-path eig-path-${i % 4}`, swatch: 'line' })),
    { label: pic.text.marks, className: 'path-mark', swatch: 'dot', id: `${pic.id}-marks-label` },
  ];
  const top = g.margin.top + g.height + g.margin.bottom;
  const lg = legend(items, g.margin.left - 44, top, g.width - g.margin.left + 40);
  const height = Math.ceil(top + lg.height + 4);
  return [
    svgOpen(pic.id, g.width, height, pic.text.title, pic.text.desc, `paths-plot paths-${pic.kind}`).replace('<svg ', `<svg data-domain="${[...domain.x, ...domain.y].join(',')}" `),
    `<defs><clipPath id="${clip}"><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/></clipPath></defs>`,
    axes(s.x, s.y, { xLabel: pic.text.re, yLabel: pic.text.im, zeroLines: true, ticks: pic.kind === 'mu' ? 4 : 6 }),
    `<g clip-path="url(#${clip})">${parts.join('')}</g>`,
    pic.text.panel ? `<text class="panel-label" x="${x0 + 6}" y="${y0 + 16}">${escapeXml(pic.text.panel)}</text>` : '',
    lg.svg,
    '</svg>',
  ].join('');
}

/** An arrowhead at the end of a polyline in picture units, along its last few units. */
function arrowhead(points: readonly number[]): string | undefined {
  const n = points.length / 2;
  if (n < 2) return undefined;
  const ex = points[2 * n - 2]!;
  const ey = points[2 * n - 1]!;
  let k = n - 2;
  while (k > 0 && Math.hypot(points[2 * k]! - ex, points[2 * k + 1]! - ey) < 6) k--;
  const dx = ex - points[2 * k]!;
  const dy = ey - points[2 * k + 1]!;
  const len = Math.hypot(dx, dy);
  if (len < 1e-6) return undefined;
  const ux = dx / len;
  const uy = dy / len;
  const a = 8;
  const b = 4;
  const f = (x: number): string => x.toFixed(1);
  return `M${f(ex + ux * 2)},${f(ey + uy * 2)}L${f(ex - ux * a - uy * b)},${f(ey - uy * a + ux * b)}L${f(ex - ux * a + uy * b)},${f(ey - uy * a - ux * b)}Z`;
}
