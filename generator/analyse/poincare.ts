/**
 * Periodic orbits of a field with a switching line phi = 0, by a Poincare return map on
 * the half-line of upward crossings (theta beyond the last segment end, where n.v+ and
 * n.v- are both > 0): from (s, 0) the orbit follows v+ until phi = 0 again, crosses, and
 * follows v- back to the half-line at P(s). Each piece is integrated by odex on its smooth
 * one-sided field and stopped exactly on the line (numeric.ts). A zero of P(s) - s is a
 * periodic orbit: its period is the return time, |P'(s*)| < 1 makes it attracting.
 */
import { evaluate } from '../ir/evaluate.js';
import type { FilippovLine } from './filippov.js';
import { compileField, edgeBetween, integrateUntil } from './numeric.js';

export interface PeriodicOrbit {
  /** Where the orbit crosses the section (its largest theta: theta' = 0 on phi = 0 here). */
  readonly crossing: number;
  /** Where it crosses phi = 0 downwards (its smallest theta). */
  readonly opposite: number;
  readonly period: number;
  /** P'(s*): the orbit attracts when |multiplier| < 1. */
  readonly multiplier: number;
}

export interface ReturnMap {
  /** Start of the section: theta > threshold on phi = 0. */
  readonly threshold: number;
  map(s: number): { readonly value: number; readonly time: number; readonly opposite: number } | undefined;
}

const HORIZON = 200;
const TOLERANCE = 1e-11;

export function returnMap(line: FilippovLine, symbols: Readonly<Record<string, number>>): ReturnMap | undefined {
  if (line.variable !== 'phi') return undefined;
  const last = line.segments[line.segments.length - 1]!;
  if (last.kind !== 'crossing' || evaluate(line.normalPlus, { symbols: { ...symbols, theta: 1e6 } }) <= 0) return undefined;
  const threshold = last.from ? evaluate(last.from, { symbols }) : 0;
  const plus = compileField(line.plus, symbols);
  const minus = compileField(line.minus, symbols);
  return {
    threshold,
    map(s) {
      const up = integrateUntil(plus, [s, 0], 1, HORIZON, TOLERANCE);
      if (!up.hit) return undefined;
      const down = integrateUntil(minus, [up.theta, 0], 1, HORIZON, TOLERANCE);
      if (!down.hit || down.theta <= threshold) return undefined;
      return { value: down.theta, time: up.t + down.t, opposite: up.theta };
    },
  };
}

/**
 * Where the section's search starts, just beyond the segment's end (relative to its size):
 * near the end of their family the orbits pass within 1e-4 of it (DRAGAN at gamma = 0.738).
 */
const SECTION_START = 1e-9;

const sectionStart = (p: ReturnMap): number => p.threshold + SECTION_START * (1 + Math.abs(p.threshold));

/** P(s) - s, or undefined where the orbit from s does not come back. */
const gapOf = (p: ReturnMap) => (s: number): number | undefined => {
  const r = p.map(s);
  return r ? r.value - s : undefined;
};

/**
 * The innermost periodic orbit beyond the threshold: P(s) - s > 0 just outside the
 * segment ends (orbits are pushed out), so a bracket is grown outwards from `guess` until
 * P(s) - s changes sign, and closed by the Illinois variant of false position.
 */
export function innermostPeriodicOrbit(line: FilippovLine, symbols: Readonly<Record<string, number>>, guess?: number): PeriodicOrbit | undefined {
  const p = returnMap(line, symbols);
  if (!p) return undefined;
  const gap = gapOf(p);
  let lo = sectionStart(p);
  let glo = gap(lo);
  if (glo === undefined || glo <= 0) return undefined;
  let hi = Math.max(guess ?? 0, lo * 1.5 + 0.1);
  let ghi = gap(hi);
  for (let k = 0; k < 8 && ghi !== undefined && ghi > 0; k++) {
    [lo, glo] = [hi, ghi];
    hi = lo + 2 * (hi - p.threshold);
    ghi = gap(hi);
  }
  if (ghi === undefined || ghi > 0) return undefined;
  let side = 0;
  for (let k = 0; k < 60 && hi - lo > 1e-11 * Math.max(1, hi); k++) {
    const s: number = (lo * ghi - hi * glo) / (ghi - glo);
    const g = gap(s);
    if (g === undefined) return undefined;
    if (Math.sign(g) === Math.sign(glo)) {
      [lo, glo] = [s, g];
      if (side === -1) ghi /= 2;
      side = -1;
    } else {
      [hi, ghi] = [s, g];
      if (side === 1) glo /= 2;
      side = 1;
    }
    if (g === 0) [lo, hi] = [s, s];
  }
  const crossing = (lo + hi) / 2;
  const at = p.map(crossing)!;
  const h = 1e-5 * Math.max(1, crossing);
  const multiplier = (p.map(crossing + h)!.value - p.map(crossing - h)!.value) / (2 * h);
  return { crossing, opposite: at.opposite, period: at.time, multiplier };
}

/** Whether the orbit leaving the segment's end comes back beyond it: then an orbit surrounds the segment. */
function pushedOut(line: FilippovLine, symbols: Readonly<Record<string, number>>): boolean {
  const p = returnMap(line, symbols);
  if (!p) return false;
  const g = gapOf(p)(sectionStart(p));
  return g !== undefined && g > 0;
}

/** Relative width of the bracket on the hyperparameter where the search for the end stops. */
const END_TOLERANCE = 1e-5;

/**
 * Where the family of innermost orbits ends between a value of `name` with an orbit and one
 * without: near the end the orbit closes onto the segment's ends, so the end is where the
 * orbit leaving the segment's end stops coming back beyond it (bisection on that). Undefined
 * where the two values do not bracket such a change.
 */
export function orbitFamilyEnd(line: FilippovLine, symbols: Readonly<Record<string, number>>, name: string, withOrbit: number, without: number): number | undefined {
  const at = (value: number) => pushedOut(line, { ...symbols, [name]: value });
  if (!at(withOrbit) || at(without)) return undefined;
  return edgeBetween(at, withOrbit, without, END_TOLERANCE);
}
