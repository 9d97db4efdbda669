/**
 * Figures over the bench processes: each is the median of the per-process values with their
 * range (min - max) beside it. A ratio is taken within each process (both sides measured
 * side by side there) and then summarised, not divided out of two medians.
 */
import type { WorkerResult } from './worker.js';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The per-process values of one candidate of one group, or undefined when some process lacks it. */
export function perProcess(workers: readonly WorkerResult[], section: string, row: string, name: string): number[] | undefined {
  const values = workers.map((w) => w.groups.find((g) => g.section === section && g.row === row)?.ns[name]);
  return values.every((v) => v !== undefined) ? (values as number[]) : undefined;
}

/** Per-process ratios time(a) / time(b), summarised; undefined when either is absent. */
export function ratio(workers: readonly WorkerResult[], section: string, row: string, a: string, b: string): Spread | undefined {
  const top = perProcess(workers, section, row, a);
  const bottom = perProcess(workers, section, row, b);
  return top && bottom ? spread(top.map((x, i) => x / bottom[i]!)) : undefined;
}

const significant = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** "30.7 (29.1-33.0)": median and range; "absent" for a missing figure. */
export const figure = (s: Spread | undefined): string => (s ? `${significant(s.median)} (${significant(s.min)}-${significant(s.max)})` : 'absent');

/** "1.05x (0.98-1.12)". */
export const times = (s: Spread | undefined): string => (s ? `${significant(s.median)}x (${significant(s.min)}-${significant(s.max)})` : 'absent');

/** "met", "not met", or "absent, not met" when the figure is missing; `ok` judges the median. */
export const verdict = (s: Spread | undefined, ok: (median: number) => boolean): string => (s === undefined ? 'absent: not met' : ok(s.median) ? 'met' : 'not met');
