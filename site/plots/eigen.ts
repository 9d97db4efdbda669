/**
 * The eigenvalues of the training methods' update maps, linearised at the equilibrium,
 * against the unit circle: the iterates converge locally when every eigenvalue lies inside
 * (Mescheder et al. 2017, Proposition 3; for simultaneous steps the eigenvalues are 1 + h*lambda).
 * Two panels: the plane around the unit circle, and a magnified window where the circle is
 * nearest the dominant eigenvalue, since for small h every eigenvalue sits close to 1.
 * The page moves the markers on every change, and redraws a panel whole when its window moves.
 */
import { circlePath, scaleLinear } from './scale.js';
import type { ClientStrings as Strings } from '../i18n-client.js';
import type { Eigenvalues } from '../../generated/runtime/methods.js';
import type { Method } from '../model/numerics.js';
import { axes, diamond, legend, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

const WIDTH = 320;
const MARGIN = { top: 10, right: 12, bottom: 46, left: 56 };
const SIDE = WIDTH - MARGIN.left - MARGIN.right;

export interface EigenSeries {
  readonly method: Method;
  readonly eigenvalues: Eigenvalues;
  readonly label: string;
}

export interface EigenPicture {
  readonly id: string;
  readonly series: readonly EigenSeries[];
  readonly title: string;
  readonly desc: string;
  readonly re: string;
  readonly im: string;
  readonly unitCircle: string;
  /** 'plane': the unit circle and every eigenvalue; 'zoom': the magnified window. */
  readonly view: 'plane' | 'zoom';
  /** The word for the magnified view, shown in its corner. */
  readonly zoomLabel?: string;
}

const points = (series: readonly EigenSeries[]): { re: number; im: number; method: Method }[] =>
  series.flatMap((s) => s.eigenvalues.re.map((re, i) => ({ re, im: s.eigenvalues.im[i]!, method: s.method })));

/** Round up to 1, 2 or 5 times a power of ten. */
function nice(x: number): number {
  const e = 10 ** Math.floor(Math.log10(x));
  return ([1, 2, 5, 10].find((m) => x <= m * e * (1 + 1e-12)) ?? 10) * e;
}

/** The square shown, as a centre and a half-width. The plane view has fixed steps, so the
 * axes do not jitter as h moves; the zoom is centred on the circle next to the dominant
 * eigenvalue and wide enough for every eigenvalue near it. */
export function eigenWindow(series: readonly EigenSeries[], view: 'plane' | 'zoom'): { cx: number; cy: number; r: number } {
  const ps = points(series);
  if (view === 'plane') {
    const m = Math.max(0, ...ps.map((p) => Math.max(Math.abs(p.re), Math.abs(p.im))));
    return { cx: 0, cy: 0, r: [1.5, 2, 3, 5, 10, 20, 50, 100].find((r) => m * 1.08 <= r) ?? Math.ceil(m * 1.08) };
  }
  const top = ps.reduce((a, b) => (Math.hypot(b.re, b.im) > Math.hypot(a.re, a.im) || (Math.hypot(b.re, b.im) === Math.hypot(a.re, a.im) && b.im > a.im) ? b : a), ps[0] ?? { re: 1, im: 0, method: 'simultaneous' });
  const modulus = Math.hypot(top.re, top.im);
  const cx = modulus > 0 ? top.re / modulus : 1;
  const cy = modulus > 0 ? top.im / modulus : 0;
  // The conjugate of a complex pair is its mirror image: the window shows the upper one.
  const near = ps
    .filter((p) => p.im * cy >= 0)
    .map((p) => Math.hypot(p.re - cx, p.im - cy))
    .filter((d) => d < 0.5);
  const r = nice(Math.min(1, Math.max(0.005, 1.6 * Math.max(0, ...near))));
  // The centre on a grid of r / 4: the window, and with it the axes, stays put while a slider
  // moves the eigenvalues a little (the page then moves the markers alone); the points stay
  // inside, within 0.625 r of the circle's point and 0.18 r of that off the centre.
  const snap = (v: number): number => Math.round((4 * v) / r) * (r / 4);
  return { cx: snap(cx), cy: snap(cy), r };
}

/**
 * One panel, in parts the page can redraw apart: `parts`, the markup of the groups `<id>-frame`
 * (the axes and the unit circle, which change with the window), `<id>-points` (the
 * eigenvalues' markers) and `<id>-legend` (whose labels carry the spectral radii), and
 * `shell`, what holds them (the size, the title), which changes only with the words. A slider
 * that moves the eigenvalues replaces the parts that changed and the description, not the
 * picture (replacing the picture was a third of a move of h where the window moved; most of
 * that is the frame, which a new window still rewrites).
 */
export function eigenPanel(pic: EigenPicture): { readonly id: string; readonly svg: string; readonly shell: string; readonly parts: Readonly<Record<'frame' | 'points' | 'legend', string>> } {
  const w = eigenWindow(pic.series, pic.view);
  const x = scaleLinear([w.cx - w.r, w.cx + w.r], [MARGIN.left, MARGIN.left + SIDE]);
  const y = scaleLinear([w.cy - w.r, w.cy + w.r], [MARGIN.top + SIDE, MARGIN.top]);
  const items: LegendItem[] = [
    { label: pic.unitCircle, className: 'unit-circle', swatch: 'line' },
    ...pic.series.map((s): LegendItem => ({ label: s.label, className: `eig-${s.method}`, swatch: s.method === 'simultaneous' ? 'dot' : 'diamond' })),
  ];
  const top = MARGIN.top + SIDE + MARGIN.bottom;
  // One legend for the pair, under the plane.
  const lg = pic.view === 'plane' ? legend(items, MARGIN.left - 44, top, WIDTH - MARGIN.left + 40) : { svg: '', height: 0 };
  const height = Math.ceil(top + lg.height + 4);
  const clip = `${pic.id}-clip`;
  // Alternating first, so the simultaneous rings stay visible on top of coinciding diamonds.
  const ordered = [...points(pic.series)].sort((a, b) => (a.method === b.method ? 0 : a.method === 'alternating' ? -1 : 1));
  const markers = ordered.map((p) => {
    const px = x(p.re);
    const py = y(p.im);
    return p.method === 'simultaneous' ? `<circle class="eig-simultaneous" cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="6"/>` : `<path class="eig-alternating" d="${diamond(px, py, 5)}"/>`;
  }).join('');
  const parts = {
    frame: [
      axes(x, y, { xLabel: pic.re, yLabel: pic.im, zeroLines: true, ticks: 4 }),
      `<path class="unit-circle" clip-path="url(#${clip})" d="${circlePath(x(0), y(0), x(1) - x(0))}"/>`,
      pic.view === 'zoom' ? `<text class="panel-label" x="${MARGIN.left + 6}" y="${MARGIN.top + 16}">${pic.zoomLabel ?? ''} ±${w.r}</text>` : '',
    ].join(''),
    points: markers,
    legend: lg.svg,
  };
  const shell = [
    svgOpen(pic.id, WIDTH, height, pic.title, pic.desc, 'eigen-plot'),
    `<defs><clipPath id="${clip}"><rect x="${MARGIN.left}" y="${MARGIN.top}" width="${SIDE}" height="${SIDE}"/></clipPath></defs>`,
    `<g id="${pic.id}-frame">#frame</g>`,
    `<g clip-path="url(#${clip})" id="${pic.id}-points">#points</g>`,
    `<g id="${pic.id}-legend">#legend</g>`,
    '</svg>',
  ].join('');
  const svg = shell.replace('#frame', parts.frame).replace('#points', parts.points).replace('#legend', parts.legend);
  // The description is left out of the shell: the page writes it as a text of its own.
  return { id: pic.id, svg, shell: `${height} ${pic.title}`, parts };
}

export const eigenSvg = (pic: EigenPicture): string => eigenPanel(pic).svg;

/** Both panels, plane then zoom. */
export function eigenPanels(t: Strings, title: string, data: { readonly series: readonly EigenSeries[]; readonly desc: string }, id: string): ReturnType<typeof eigenPanel>[] {
  const common = { series: data.series, desc: data.desc, re: t.re, im: t.im, unitCircle: t.unitCircle };
  return [
    eigenPanel({ ...common, id, title, view: 'plane' }),
    eigenPanel({ ...common, id: `${id}-zoom`, title: `${title} (${t.eigenZoom})`, view: 'zoom', zoomLabel: t.eigenZoom }),
  ];
}

/** Both views of the eigenvalues, as the page shows them side by side. */
export const eigenSvgs = (t: Strings, title: string, data: { readonly series: readonly EigenSeries[]; readonly desc: string }, id: string): string =>
  eigenPanels(t, title, data, id).map((panel) => panel.svg).join('');
