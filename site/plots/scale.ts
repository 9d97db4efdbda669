/**
 * Scales, ticks and circle paths for the pictures, from d3-scale and d3-path behind the
 * small interface the plots use (so a picture names no library type, and the log/linear
 * choice travels with the scale).
 */
import { scaleLinear as d3Linear, scaleLog as d3Log } from 'd3-scale';
import type { ScaleContinuousNumeric } from 'd3-scale';
import { pathRound } from 'd3-path';

export interface Scale {
  (value: number): number;
  invert(position: number): number;
  domain(): [number, number];
  range(): [number, number];
  readonly log: boolean;
}

function wrap(s: ScaleContinuousNumeric<number, number>, log: boolean): Scale {
  const f = ((value: number): number => s(value)) as Scale;
  f.invert = (position) => s.invert(position);
  f.domain = () => s.domain() as [number, number];
  f.range = () => s.range() as [number, number];
  return Object.assign(f, { log });
}

export const scaleLinear = (domain: readonly [number, number], range: readonly [number, number]): Scale =>
  wrap(d3Linear().domain([...domain]).range([...range]), false);

/** A logarithmic scale; the domain must be positive. */
export const scaleLog = (domain: readonly [number, number], range: readonly [number, number]): Scale =>
  wrap(d3Log().domain([...domain]).range([...range]), true);

/** Round values on a linear axis (d3's 1-2-5 ticks). */
export const linearTicks = (s: Scale, count = 6): number[] => d3Linear().domain(s.domain()).ticks(count);

/** Ticks of a log axis a reader can use: d3's, kept to powers of ten, or 1-2-5 over few decades. */
export function logTicks(s: Scale): number[] {
  const [a, b] = s.domain();
  const mantissas = Math.log10(b / a) <= 2.5 ? [1, 2, 5] : [1];
  return d3Log().domain([a, b]).ticks().filter((t) => mantissas.includes(Number((t / 10 ** Math.floor(Math.log10(t) + 1e-9)).toPrecision(6))));
}

/** A domain widened to round values for about `count` ticks (d3's `nice`). */
export const niceDomain = (domain: readonly [number, number], count: number): [number, number] =>
  d3Linear().domain([...domain]).nice(count).domain() as [number, number];

/** A circle as a path, coordinates to a tenth. */
export function circlePath(cx: number, cy: number, r: number): string {
  const p = pathRound(1);
  p.moveTo(cx + r, cy);
  p.arc(cx, cy, r, 0, 2 * Math.PI);
  p.closePath();
  return p.toString();
}
