/**
 * Where gradient steps converge, over a hyperparameter and the learning rate: the spectral
 * radius rho of the update map linearised at (0, 0) (simultaneous: I + hJ(0, 0), from the
 * generated `jacobian`), sampled on a grid, with d3-contour's contours at rho = 1 (thick,
 * the region rho >= 1 shaded) and at 0.9 and 0.99.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { ScaleContinuousNumeric } from 'd3-scale';
import { contours } from 'd3-contour';
import { pathRound } from 'd3-path';
import type { Matrix2, Method } from '../model/numerics.js';
import { spectralRadius, updateMatrix } from '../model/numerics.js';
import { axes, legend, svgOpen } from './svg.js';
import type { LegendItem } from './svg.js';

const WIDTH = 420;
const HEIGHT_PLOT = 300;
const MARGIN = { top: 10, right: 12, bottom: 46, left: 58 };
const GRID = 96;

/** The learning rates shown. */
export const H_RANGE: readonly [number, number] = [1e-3, 10];

export interface StabilityScales {
  readonly x: ScaleContinuousNumeric<number, number>;
  readonly y: ScaleContinuousNumeric<number, number>;
  readonly xLog: boolean;
}

/** A hyperparameter's axis is logarithmic when its range spans a factor of 20 or more. */
export function stabilityScales(range: readonly [number, number]): StabilityScales {
  const xLog = range[0] > 0 && range[1] / range[0] >= 20;
  const xr: [number, number] = [MARGIN.left, WIDTH - MARGIN.right];
  const x = xLog ? scaleLog().domain(range).range(xr) : scaleLinear().domain(range).range(xr);
  const y = scaleLog().domain(H_RANGE).range([MARGIN.top + HEIGHT_PLOT, MARGIN.top]);
  return { x, y, xLog };
}

export interface StabilityPicture {
  readonly id: string;
  readonly method: Method;
  readonly nD: number;
  readonly range: readonly [number, number];
  /** J(0, 0) at a value of the hyperparameter (the others at their defaults). */
  readonly jacobianAt: (value: number) => Matrix2 | undefined;
  readonly marker: { readonly value: number; readonly h: number };
  readonly text: {
    readonly title: string;
    readonly desc: string;
    readonly xLabel: string;
    readonly yLabel: string;
    readonly unstable: string;
    readonly one: string;
    readonly levels: string;
    readonly defaults: string;
  };
}

export function stabilitySvg(pic: StabilityPicture): string {
  const s = stabilityScales(pic.range);
  const [x0, x1] = s.x.range() as [number, number];
  const [y1, y0] = s.y.range() as [number, number];
  const cw = (x1 - x0) / GRID;
  const ch = (y1 - y0) / GRID;
  // Sampled at the centres of GRID x GRID cells, padded by one cell of copies on each side:
  // the contours then close outside the plot, and the clip hides those edges, so no line is
  // drawn along the frame.
  const rho = new Array<number>(GRID * GRID);
  for (let i = 0; i < GRID; i++) {
    const j = pic.jacobianAt(s.x.invert(x0 + (i + 0.5) * cw));
    for (let k = 0; k < GRID; k++) {
      const h = s.y.invert(y0 + (k + 0.5) * ch);
      rho[i + k * GRID] = j ? spectralRadius(updateMatrix(j, pic.method, h, pic.nD)) : 0;
    }
  }
  const P = GRID + 2;
  const clampIndex = (i: number): number => Math.min(GRID - 1, Math.max(0, i - 1));
  const values = new Array<number>(P * P);
  for (let i = 0; i < P; i++) for (let k = 0; k < P; k++) values[i + k * P] = rho[clampIndex(i) + clampIndex(k) * GRID]!;
  const levels = contours().size([P, P]).thresholds([0.9, 0.99, 1])(values);
  const draw = (coordinates: number[][][][]): string => {
    const p = pathRound(1);
    for (const polygon of coordinates) {
      for (const ring of polygon) {
        ring.forEach(([cx, cy], n) => {
          const px = x0 + (cx! - 1) * cw;
          const py = y0 + (cy! - 1) * ch;
          if (n === 0) p.moveTo(px, py);
          else p.lineTo(px, py);
        });
        p.closePath();
      }
    }
    return p.toString();
  };
  const items: LegendItem[] = [
    { label: pic.text.unstable, className: 'rho-unstable', swatch: 'area' },
    { label: pic.text.one, className: 'rho-one', swatch: 'line' },
    { label: pic.text.levels, className: 'rho-level', swatch: 'line' },
    { label: pic.text.defaults, className: 'stability-marker', swatch: 'dot' },
  ];
  const top = MARGIN.top + HEIGHT_PLOT + MARGIN.bottom;
  const lg = legend(items, MARGIN.left - 44, top, WIDTH - MARGIN.left + 40);
  const height = Math.ceil(top + lg.height + 4);
  const clip = `${pic.id}-clip`;
  const parts = [
    svgOpen(pic.id, WIDTH, height, pic.text.title, pic.text.desc, 'stability-plot'),
    `<defs><clipPath id="${clip}"><rect x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/></clipPath></defs>`,
    `<rect class="rho-stable" x="${x0}" y="${y0}" width="${x1 - x0}" height="${y1 - y0}"/>`,
    `<g clip-path="url(#${clip})">`,
  ];
  for (const level of levels) {
    const d = draw(level.coordinates);
    if (!d) continue;
    parts.push(level.value === 1 ? `<path class="rho-unstable" d="${d}"/><path class="rho-one" d="${d}"/>` : `<path class="rho-level" d="${d}"/>`);
  }
  parts.push('</g>');
  parts.push(axes(s.x, s.y, { xLabel: pic.text.xLabel, yLabel: pic.text.yLabel, xLog: s.xLog, yLog: true }));
  const mx = s.x(pic.marker.value);
  const my = s.y(pic.marker.h);
  parts.push(`<circle id="${pic.id}-marker" class="stability-marker" cx="${mx.toFixed(1)}" cy="${my.toFixed(1)}" r="5"/>`);
  parts.push(lg.svg, '</svg>');
  return parts.join('');
}
