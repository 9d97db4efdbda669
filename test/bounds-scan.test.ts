/**
 * Every closed-form learning-rate bound of every game, scanned over its hyperparameter's
 * declared range and at the points where a candidate's denominator vanishes (found from the
 * candidate itself, symbolically): the smallest positive candidate against an independent
 * bisection on the spectral radius of the update map, built here as an explicit 2x2 matrix
 * from the record's J(0, 0) (radius from its trace and determinant). A closed form that is
 * right almost everywhere but wrong at a point (a removable 0/0) fails here.
 */
import { describe, expect, it } from 'vitest';
import * as E from '../generator/ir/expr.js';
import { nodesOf, rewrite } from '../generator/ir/traverse.js';
import type { Expr } from '../generator/ir/expr.js';
import { evaluate } from '../generator/ir/evaluate.js';
import { fromNerdamer } from '../generator/cas/differentiate.js';
import { coefficients, nonZeroRoots } from '../generator/ir/polynomial.js';
import type { GameRecord } from '../generator/contract/records.js';
import { formula, loadRecords, parseEntries } from './support/records.js';
import { importEvaluator } from './support/evaluators.js';

type Method = 'simultaneous' | 'alternating' | 'extragradient';
type M2 = [number, number, number, number];

const times = (a: M2, b: M2): M2 => [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]];

/** The map of a method with one learning rate h (nG = nD = 1), from J(0, 0) = [a, b; c, d]. */
function map(method: Method, [a, b, c, d]: M2, h: number): M2 {
  if (method === 'simultaneous') return [1 + h * a, h * b, h * c, 1 + h * d];
  if (method === 'extragradient') {
    const j2 = times([a, b, c, d], [a, b, c, d]);
    return [1 + h * a + h * h * j2[0], h * b + h * h * j2[1], h * c + h * h * j2[2], 1 + h * d + h * h * j2[3]];
  }
  // The discriminator steps first, then the generator: G D.
  return times([1 + h * a, h * b, 0, 1], [1, 0, h * c, 1 + h * d]);
}

function radius(m: M2): number {
  const half = (m[0] + m[3]) / 2;
  const det = m[0] * m[3] - m[1] * m[2];
  const discriminant = half * half - det;
  if (discriminant < 0) return Math.sqrt(det);
  const root = Math.sqrt(discriminant);
  return Math.max(Math.abs(half + root), Math.abs(half - root));
}

/** The first learning rate where the radius passes 1 (by more than `slack`: 0 for a map that
 * contracts below it, 1e-9 for one whose eigenvalues sit on the unit circle below it). */
function bisectedBound(rho: (h: number) => number, slack: number, guess: number): number | undefined {
  const above = (h: number): boolean => rho(h) > 1 + slack;
  // Up from tiny h on a fine geometric grid, so that a first crossing below the guess is not missed.
  let low = 1e-6;
  if (above(low)) return undefined;
  let high = low;
  while (!above(high)) {
    low = high;
    high *= 1.01;
    if (high > 100 * guess) return undefined;
  }
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const middle = (low + high) / 2;
    if (above(middle)) high = middle;
    else low = middle;
  }
  return (low + high) / 2;
}

/** The candidates of a closed form: `min(a, b, ...)` or one expression. */
const candidatesOf = (text: string): Expr[] => (text.startsWith('min(') ? parseEntries(`[${text.slice(4, -1)}]`) : [fromNerdamer(text)]);

/** Where a candidate's denominators vanish: the real roots of each base of a negative power. */
function singularPoints(candidate: Expr, name: string): number[] {
  const points: number[] = [];
  for (const node of nodesOf(candidate)) {
    if (node.kind !== 'pow' || node.exponent.kind !== 'num' || node.exponent.value.num >= 0n) continue;
    const c = coefficients(node.base, name);
    const roots = c && nonZeroRoots(c);
    for (const root of roots ?? []) {
      const value = evaluate(root, { symbols: {} });
      if (Number.isFinite(value)) points.push(value);
    }
  }
  return points;
}

interface Scanned { readonly record: GameRecord; readonly method: Method; readonly candidates: Expr[]; readonly hyperparameter: GameRecord['hyperparameters'][number] }

/** The closed-form bounds of one stage of every game with one hyperparameter. */
const closedForms = (which: 'generic' | 'concrete'): Scanned[] => loadRecords().flatMap((record) => {
  const stage = record.discrete[which];
  if (!stage || record.hyperparameters.length !== 1) return [];
  return stage.flatMap((m) => (m.bound?.kind === 'closed-form' && m.method !== 'optimistic'
    ? [{ record, method: m.method as Method, candidates: candidatesOf(m.bound.text), hyperparameter: record.hyperparameters[0]! }]
    : []));
});

const scanned = closedForms('concrete');

describe('closed-form learning-rate bounds against bisection', () => {
  it('has bounds to scan', () => expect(scanned.length).toBeGreaterThan(0));

  it.each(scanned.map((s) => [`${s.record.id} ${s.method}`, s] as const))('%s: over the declared range and at the candidates’ singular points', async (_, { record, method, candidates, hyperparameter }) => {
    const { name, range: [lo, hi] } = hyperparameter;
    const evaluator = await importEvaluator(record.id) as unknown as { learningRateBound(method: string, p: Record<string, number>): { verdict: string } };
    const jacobian = parseEntries(formula(record, 'jacobian-at-equilibrium', 'concrete').text);
    const singular = candidates.flatMap((c) => singularPoints(c, name)).filter((x) => x >= lo && x <= hi);
    const points = [...Array.from({ length: 61 }, (_, i) => lo + ((hi - lo) * i) / 60), ...singular];
    let compared = 0;
    for (const value of points) {
      const symbols = { [name]: value };
      // Where the method has a bound at all at this value (the verdict may change across the range).
      const verdict = evaluator.learningRateBound(method, symbols).verdict;
      if (verdict !== 'converges-below-bound' && verdict !== 'cycles-below-bound') continue;
      const closedForm = Math.min(...candidates.map((c) => evaluate(c, { symbols })).filter((r) => Number.isFinite(r) && r > 0));
      const j = jacobian.map((e) => evaluate(e, { symbols })) as M2;
      const bisected = bisectedBound((h) => radius(map(method, j, h)), verdict === 'cycles-below-bound' ? 1e-9 : 0, Number.isFinite(closedForm) ? closedForm : 10);
      expect(bisected, `${name} = ${value}: no crossing found`).toBeDefined();
      expect(Math.abs(closedForm - bisected!), `${name} = ${value}: closed form ${closedForm}, bisection ${bisected}`).toBeLessThanOrEqual(1e-7 * Math.max(1, bisected!));
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

/** The generic records' closed forms, in the hyperparameter and f'(0): scanned over the range
 * for slopes f'(0) of both signs, and at the points where a denominator vanishes for that slope. */
const generic = closedForms('generic');
/** f'(0) and f''(0): slopes of both signs; f''(0) < 0 as for the standard GAN (-1/4), the
 * regime in which instance noise damps and its records' bounds hold. */
const TAYLOR: readonly (readonly [number, number])[] = [[-2, -0.25], [-0.5, -1], [0.5, -0.25], [1, -1], [3, -0.25]];

/** e with f'(0), f''(0) given (numbers in the tree, so that singularPoints reads the roots). */
const atTaylor = (e: Expr, taylor: readonly number[]): Expr =>
  rewrite(e, (node) => (node.kind === 'activation' && node.arg === E.ZERO ? E.num(taylor[node.order - 1]!) : undefined));

describe("the generic closed-form bounds, in f'(0), against bisection", () => {
  it('has bounds to scan, the consensus game among them', () => expect(generic.map((s) => s.record.id)).toContain('gan-consensus'));

  it.each(generic.map((s) => [`${s.record.id} ${s.method}`, s] as const))("%s: over the range and at the singular points, for f'(0) of either sign", (_, { record, method, candidates, hyperparameter }) => {
    const { name, range: [lo, hi] } = hyperparameter;
    const jacobian = parseEntries(formula(record, 'jacobian-at-equilibrium', 'generic').text);
    let compared = 0;
    for (const taylor of TAYLOR) {
      const atThese = candidates.map((c) => atTaylor(c, taylor));
      const singular = atThese.flatMap((c) => singularPoints(c, name)).filter((x) => x >= lo && x <= hi);
      for (const value of [...Array.from({ length: 21 }, (_, i) => lo + ((hi - lo) * i) / 20), ...singular]) {
        const env = { symbols: { [name]: value } };
        const closedForm = Math.min(...atThese.map((c) => evaluate(c, env)).filter((r) => Number.isFinite(r) && r > 0));
        const j = jacobian.map((e) => evaluate(atTaylor(e, taylor), env)) as M2;
        // A centre (trace 0) keeps eigenvalues on the unit circle below the bound, which rounding
        // may lift: a slack there; a damped J contracts below it, and the crossing is exact.
        const slack = Math.abs(j[0] + j[3]) < 1e-12 ? 1e-9 : 0;
        const bisected = bisectedBound((h) => radius(map(method, j, h)), slack, Number.isFinite(closedForm) ? closedForm : 10);
        const where = `${name} = ${value}, f'(0), f''(0) = ${taylor.join(', ')}: closed form ${closedForm}, bisection ${bisected}`;
        if (bisected === undefined) {
          expect(closedForm, where).toBe(Infinity);
          continue;
        }
        expect(Math.abs(closedForm - bisected), where).toBeLessThanOrEqual(1e-7 * Math.max(1, bisected));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });
});
