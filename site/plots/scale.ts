/**
 * Scales, ticks and circle paths for the pictures behind the small interface the plots use
 * (so a picture names no library type, and the log/linear choice travels with the scale).
 * Ticks and nice domains are d3-array's (the 1-2-5 rule d3-scale uses), circles d3-path's;
 * the maps themselves are two lines each, written here: d3-scale would bring its colour
 * interpolation and number formatting (25 KB) into every page's script, which only maps
 * numbers.
 */
import { nice, ticks } from 'd3-array';
import { pathRound } from 'd3-path';

export interface Scale {
  (value: number): number;
  invert(position: number): number;
  domain(): [number, number];
  range(): [number, number];
  readonly log: boolean;
}

/** The scale that maps t(domain) affinely onto range, t the identity or log10. */
function affine(domain: readonly [number, number], range: readonly [number, number], log: boolean): Scale {
  const t = log ? Math.log10 : (x: number): number => x;
  const [t0, t1] = [t(domain[0]), t(domain[1])];
  const [r0, r1] = range;
  // A degenerate domain maps to the middle of the range, as d3-scale does.
  const f = ((value: number): number => (t1 === t0 ? (r0 + r1) / 2 : r0 + ((t(value) - t0) / (t1 - t0)) * (r1 - r0))) as Scale;
  f.invert = (position) => {
    const u = r1 === r0 ? t0 : t0 + ((position - r0) / (r1 - r0)) * (t1 - t0);
    return log ? 10 ** u : u;
  };
  f.domain = () => [domain[0], domain[1]];
  f.range = () => [range[0], range[1]];
  return Object.assign(f, { log });
}

export const scaleLinear = (domain: readonly [number, number], range: readonly [number, number]): Scale => affine(domain, range, false);

/** A logarithmic scale; the domain must be positive. */
export const scaleLog = (domain: readonly [number, number], range: readonly [number, number]): Scale => affine(domain, range, true);

/** Round values on a linear axis (d3's 1-2-5 ticks). */
export const linearTicks = (s: Scale, count = 6): number[] => {
  const [a, b] = s.domain();
  return ticks(Math.min(a, b), Math.max(a, b), count);
};

/** Ticks of a log axis a reader can use: powers of ten, or 1-2-5 times them over few decades. */
export function logTicks(s: Scale): number[] {
  const [a, b] = s.domain();
  const mantissas = Math.log10(b / a) <= 2.5 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++) {
    for (const m of mantissas) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (t >= a * (1 - 1e-12) && t <= b * (1 + 1e-12)) out.push(t);
    }
  }
  return out;
}

/** A domain widened to round values for about `count` ticks (d3's `nice`). */
export const niceDomain = (domain: readonly [number, number], count: number): [number, number] => nice(domain[0], domain[1], count);

/** A circle as a path, coordinates to a tenth. */
export function circlePath(cx: number, cy: number, r: number): string {
  const p = pathRound(1);
  p.moveTo(cx + r, cy);
  p.arc(cx, cy, r, 0, 2 * Math.PI);
  p.closePath();
  return p.toString();
}
