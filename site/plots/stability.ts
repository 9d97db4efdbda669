/**
 * Where a training method converges, over a hyperparameter and the learning rate: the
 * spectral radius rho of the method's update map at (0, 0), from the generated
 * `spectralRadius`, sampled on a grid, with d3-contour's contours: the region rho > 1
 * (diverges) shaded, the band rho = 1 (the iterates cycle, as alternating steps do on a purely
 * imaginary pair) shaded apart, both edged with a thick line, and the converging region in
 * three bands, paler towards rho = 1, edged by dashed lines at 0.9 and 0.99, each labelled with
 * its value where it runs farthest left.
 * The drawing is split from the words (`stabilityLayer`), so one computation serves both
 * languages.
 */
import { scaleLinear, scaleLog } from './scale.js';
import type { Scale } from './scale.js';
import { contours } from 'd3-contour';
import { axes, legend, polylinePath, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

const WIDTH = 420;
const HEIGHT_PLOT = 300;
const MARGIN = { top: 10, right: 12, bottom: 46, left: 58 };
const GRID = 96;
/** Halvings of a cell where a contour crosses it: to a 128th of a cell (about 0.03 px). */
const BISECTIONS = 7;

/** The level lines of the converging region: its bands rho < 0.9, 0.9 <= rho < 0.99 and 0.99 <= rho < 1. */
const LEVELS = [0.9, 0.99] as const;

/** The learning rates shown. */
export const H_RANGE: readonly [number, number] = [1e-3, 10];

/** Spectral radii within this distance of 1 are 1: rounding on the unit circle, as the
 * generated `learningRateBound` counts them (TOUCHES_ONE in generated/training.ts). */
export const ON_CIRCLE = 1e-9;

export interface StabilityScales {
  readonly x: Scale;
  readonly y: Scale;
  readonly xLog: boolean;
}

/** A hyperparameter's axis is logarithmic when its range spans a factor of 20 or more. */
export const isLogRange = (range: readonly [number, number]): boolean => range[0] > 0 && range[1] / range[0] >= 20;

export function stabilityScales(range: readonly [number, number]): StabilityScales {
  const xLog = isLogRange(range);
  const xr: [number, number] = [MARGIN.left, WIDTH - MARGIN.right];
  const x = xLog ? scaleLog(range, xr) : scaleLinear(range, xr);
  const y = scaleLog(H_RANGE, [MARGIN.top + HEIGHT_PLOT, MARGIN.top]);
  return { x, y, xLog };
}

/** The drawing of a map, without words: the regions and level lines inside the plot. */
export interface StabilityLayer {
  readonly svg: string;
  /** Which regions the map has, for its legend and description. */
  readonly converges: boolean;
  readonly cycles: boolean;
  readonly diverges: boolean;
  /** Which bands of the converging region the map has: rho < 0.9, 0.9 <= rho < 0.99, 0.99 <= rho < 1. */
  readonly bands: readonly [boolean, boolean, boolean];
}

/** A spectral radius snapped to 1 within ON_CIRCLE (and NaN counted as diverging). */
const snap = (rho: number): number => (Number.isNaN(rho) ? Infinity : Math.abs(rho - 1) <= ON_CIRCLE ? 1 : rho);

/**
 * rho(value, h) on the grid, contoured. Marching squares finds which pair of neighbouring
 * samples each contour crosses between; where it crosses is then found by bisection on rho
 * itself along that segment, not by interpolating the two samples, so that the edges are
 * where rho passes each level to a 128th of a cell, 0.03 px, finer than the 0.1 px the paths
 * are written at (interpolation would misplace the edge of a band where rho is exactly 1 by up
 * to a cell).
 */
export function stabilityLayer(range: readonly [number, number], rho: (value: number, h: number) => number, grid = GRID): StabilityLayer {
  const s = stabilityScales(range);
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const cw = (x1 - x0) / grid;
  const ch = (y1 - y0) / grid;
  // Sample i (0-based) sits at the centre of cell i; the grid is padded by one cell of copies
  // on each side, so that the contours close outside the plot, where the clip hides them. In
  // d3-contour's coordinates the padded sample k is centred at k + 0.5.
  const P = grid + 2;
  const px = (c: number): number => x0 + (c - 1) * cw;
  const py = (c: number): number => y0 + (c - 1) * ch;
  const at = (cx: number, cy: number): number => snap(rho(s.x.invert(px(cx)), s.y.invert(py(cy))));
  // The samples' coordinates, inverted once per row and column rather than once per sample.
  const columns = Array.from({ length: grid + 1 }, (_, i) => s.x.invert(px(i + 0.5)));
  const rows = Array.from({ length: grid + 1 }, (_, k) => s.y.invert(py(k + 0.5)));
  const values = new Array<number>(P * P);
  let converges = false;
  const bands: [boolean, boolean, boolean] = [false, false, false];
  let cycles = false;
  let diverges = false;
  for (let i = 1; i <= grid; i++) {
    for (let k = 1; k <= grid; k++) {
      const r = snap(rho(columns[i]!, rows[k]!));
      if (r < 1) {
        const band = LEVELS.findIndex((level) => r < level);
        bands[band < 0 ? LEVELS.length : band] = true;
      }
      if (r < 1) converges = true;
      else if (r === 1) cycles = true;
      else diverges = true;
      values[i + k * P] = Math.min(r, 1e6);
    }
  }
  for (let i = 0; i < P; i++) {
    for (let k = 0; k < P; k++) {
      const ci = Math.min(grid, Math.max(1, i));
      const ck = Math.min(grid, Math.max(1, k));
      if (ci !== i || ck !== k) values[i + k * P] = values[ci + ck * P]!;
    }
  }
  /** A vertex of an unsmoothed contour lies between two samples, along the axis on which its
   * coordinate is an integer c: between the samples centred at c - 0.5 and c + 0.5. */
  const place = (point: number[], level: number): [number, number] => {
    const [cx, cy] = point as [number, number];
    const alongX = Number.isInteger(cx);
    const c = alongX ? cx : cy;
    if (!Number.isInteger(c) || c < 2 || c > P - 2) return [px(cx), py(cy)];
    const inside = (t: number): boolean => (alongX ? at(t, cy) : at(cx, t)) >= level;
    let lo = c - 0.5;
    let hi = c + 0.5;
    const low = inside(lo);
    for (let n = 0; n < BISECTIONS; n++) {
      const mid = (lo + hi) / 2;
      if (inside(mid) === low) lo = mid;
      else hi = mid;
    }
    const m = (lo + hi) / 2;
    return alongX ? [px(m), py(cy)] : [px(cx), py(m)];
  };
  // rho >= 1 (snapped), and rho > 1: the thresholds sit between 1 and its neighbours.
  const levels = contours().size([P, P]).smooth(false).thresholds([...LEVELS, 1 - ON_CIRCLE / 2, 1 + ON_CIRCLE / 2])(values);
  const parts: string[] = [];
  const placed = levels.map((level) => level.coordinates.flatMap((polygon) => polygon.map((ring) => ring.flatMap((point) => place(point, level.value)))));
  const labels: string[] = [];
  levels.forEach((level, k) => {
    const rings = placed[k]!;
    const d = polylinePath(rings, true);
    if (!d) return;
    if (level.value < 1 - ON_CIRCLE) {
      // The region rho >= level, filled: over the plot's fill (rho < 0.9) the bands grow paler towards rho = 1.
      parts.push(`<path class="rho-level rho-at-${(LEVELS as readonly number[]).indexOf(level.value)}" d="${d}"/>`);
      const at = labelPoint(rings, placed.filter((_, j) => j !== k).flat(), [x0, x1], [y0, y1]);
      if (at) labels.push(`<text class="rho-label" x="${at[0].toFixed(1)}" y="${at[1].toFixed(1)}" dx="-3" dy="0.35em" text-anchor="end">${level.value}</text>`);
    } else if (level.value < 1) {
      if (cycles) parts.push(`<path class="rho-cycles" d="${d}"/>`);
    } else parts.push(`<path class="rho-unstable" d="${d}"/>`);
  });
  return { svg: parts.join('') + labels.join(''), converges, cycles, diverges, bands };
}

/** Where a level line is labelled: its vertex farthest left with LABEL_ROOM to its left inside
 * the plot and CLEARANCE from every other line (the other levels, the edges rho = 1), the
 * label set to the left of the line there, in the open region around the level set; undefined
 * for a line that nowhere has the room (one that runs along the edge rho = 1, say). */
const LABEL_ROOM = 30;
const CLEARANCE = 14;
function labelPoint(rings: readonly number[][], others: readonly number[][], [x0, x1]: readonly [number, number], [y0, y1]: readonly [number, number]): [number, number] | undefined {
  const clear = (x: number, y: number): boolean => others.every((ring) => {
    for (let i = 0; i < ring.length; i += 2) if (Math.abs(ring[i]! - x) < CLEARANCE && Math.abs(ring[i + 1]! - y) < CLEARANCE) return false;
    return true;
  });
  let best: [number, number] | undefined;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      const [x, y] = [ring[i]!, ring[i + 1]!];
      if (x < x0 + LABEL_ROOM || x > x1 - 4 || y < y0 + 12 || y > y1 - 4 || (best && x >= best[0]) || !clear(x, y)) continue;
      best = [x, y];
    }
  }
  return best;
}

export interface StabilityPicture {
  readonly id: string;
  readonly range: readonly [number, number];
  readonly layer: StabilityLayer;
  readonly marker: { readonly value: number; readonly h: number };
  readonly text: {
    readonly title: string;
    readonly desc: string;
    readonly xLabel: string;
    readonly yLabel: string;
    /** The converging region's bands: rho < 0.9, 0.9 <= rho < 0.99, 0.99 <= rho < 1. */
    readonly bands: readonly [string, string, string];
    readonly cycles: string;
    readonly diverges: string;
    readonly marker: string;
  };
}

export function stabilitySvg(pic: StabilityPicture): string {
  const s = stabilityScales(pic.range);
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const { layer } = pic;
  const items: LegendItem[] = [
    // The colour scale of the converging region: a swatch for each band the map has.
    ...layer.bands.flatMap((has, k) => (has ? [{ label: pic.text.bands[k]!, className: k === 0 ? 'rho-stable' : `rho-at-${k - 1}`, swatch: 'area' } as const] : [])),
    ...(layer.cycles ? [{ label: pic.text.cycles, className: 'rho-cycles', swatch: 'area' } as const] : []),
    ...(layer.diverges ? [{ label: pic.text.diverges, className: 'rho-unstable', swatch: 'area' } as const] : []),
    { label: pic.text.marker, className: 'stability-marker', swatch: 'dot' },
  ];
  const top = MARGIN.top + HEIGHT_PLOT + MARGIN.bottom;
  const lg = legend(items, MARGIN.left - 44, top, WIDTH - MARGIN.left + 40);
  const height = Math.ceil(top + lg.height + 4);
  const clip = `${pic.id}-clip`;
  const mx = s.x(pic.marker.value);
  const my = s.y(pic.marker.h);
  return [
    svgOpen(pic.id, WIDTH, height, pic.text.title, pic.text.desc, 'stability-plot'),
    `<defs><clipPath id="${clip}"><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/></clipPath></defs>`,
    // The grid under the regions (the edge of a region is not to be cut by grid lines).
    `<rect class="rho-stable" x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/>`,
    axes(s.x, s.y, { xLabel: '', yLabel: '', xLog: s.xLog, yLog: true, part: 'grid' }),
    `<g clip-path="url(#${clip})">${layer.svg}</g>`,
    axes(s.x, s.y, { xLabel: pic.text.xLabel, yLabel: pic.text.yLabel, xLog: s.xLog, yLog: true, part: 'labels' }),
    `<circle id="${pic.id}-marker" class="stability-marker" cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="5"/>`,
    lg.svg,
    '</svg>',
  ].join('');
}
