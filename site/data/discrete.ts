/**
 * Discrete-time results per training method, for the index table, the game pages and the
 * training pages.
 *
 * A record carries derived discrete-time results: `discrete: { generic: [...], concrete?:
 * [...] }`, one entry per method with its label, update map, eigenvalues, spectral radius,
 * verdict, reason and largest stable learning rate (generator/contract/records.ts). The
 * numbers the pages print (the largest stable learning rate and the spectral radius at the
 * default h) come from the generated module (`learningRateBound`, `spectralRadius`) at the
 * parameters the pictures use, so that for a game with f abstract they are those of the
 * sample activation, like every picture; a method the record leaves out gets its verdict there
 * too, marked as numeric.
 */
import type { GameRecord, MethodRecord, Rendered, Text } from '../../generator/contract/records.js';
import type { StabilityVerdict, StableInterval } from '../../generated/runtime/methods.js';
import type { Method } from '../model/numerics.js';
import { METHODS } from '../model/numerics.js';
import { paramsFor } from '../model/params.js';
import type { Params } from '../model/params.js';
import { DEFAULT_RUN } from '../model/explore.js';
import type { Game } from './game.js';

export interface MethodResult {
  /** 'simultaneous', 'alternating', or any method a record names. */
  readonly method: string;
  readonly label?: Text;
  readonly source: 'record' | 'numeric';
  /** How training behaves near the equilibrium as h grows from 0 (generated/training.ts's
   * StabilityVerdict, or whatever a record says). Undefined where the equilibrium has no Jacobian. */
  readonly verdict?: StabilityVerdict | string;
  readonly reason?: Text;
  /** The largest stable learning rate at the default hyperparameters. */
  readonly bound?: number;
  /** Where it converges only away from h = 0 (converges-in-intervals): the intervals of h, `to` Infinity up to the end of the scan. */
  readonly intervals?: readonly StableInterval[];
  /** Formulas (record only): h*, the update map, its eigenvalues and spectral radius, each
   * generic in f and, where the record has them, with f substituted. */
  readonly formulas?: readonly { readonly key: 'bound' | 'map' | 'eigenvalues' | 'spectralRadius'; readonly generic?: Rendered; readonly concrete?: Rendered }[];
  /** rho at the default hyperparameters and the default learning rate h (generated `spectralRadius`). */
  readonly rhoAtDefault?: number;
}

const FORMULA_KEYS = ['bound', 'map', 'eigenvalues', 'spectralRadius'] as const;

/** A method's formula by key; a numeric bound has TeX only. */
function formulaIn(m: MethodRecord, key: (typeof FORMULA_KEYS)[number]): Rendered | undefined {
  if (key !== 'bound') return m[key];
  return m.bound && { tex: m.bound.tex, text: m.bound.kind === 'closed-form' ? m.bound.text : m.bound.tex };
}

/** The record's own discrete-time results, in its order, preferring those with f substituted. */
export function fromRecord(record: Pick<GameRecord, 'discrete'>): MethodResult[] {
  const { generic, concrete = [] } = record.discrete;
  return generic.map((g): MethodResult => {
    const c = concrete.find((e) => e.method === g.method);
    const best = c ?? g;
    const formulas = FORMULA_KEYS.map((key) => ({ key, generic: formulaIn(g, key), concrete: c && formulaIn(c, key) }));
    return {
      method: g.method,
      label: g.label,
      source: 'record',
      verdict: best.verdict,
      reason: best.reason,
      ...(best.bound ? { bound: best.bound.atDefaults } : {}),
      ...(best.intervals ? { intervals: best.intervals.map((i) => ({ from: i.from, to: i.to ?? Infinity })) } : {}),
      formulas: formulas.filter((f) => f.generic || f.concrete),
    };
  });
}

/** A rule's result (a method of methods/ in one variant, at an equilibrium) as the pages show a method's. */
export function ruleResult(method: string, rule: { readonly verdict: StabilityVerdict; readonly bound?: number; readonly intervals: readonly { readonly from: number; readonly to: number | null }[] }): MethodResult {
  return {
    method,
    source: 'record',
    verdict: rule.verdict,
    ...(rule.bound === undefined ? {} : { bound: rule.bound }),
    ...(rule.verdict === 'converges-in-intervals' ? { intervals: rule.intervals.map((i) => ({ from: i.from, to: i.to ?? Infinity })) } : {}),
  };
}

/** A game's hyperparameters at their defaults, with the sample activation where f is abstract. */
export const defaultParams = (game: Game): Params => paramsFor(game.evaluator.sampleActivation, game.defaults);

/** The learning rate the site's runs use for a method: the default h, or half the
 * learning-rate bound where the default is not below it. */
export const runRate = (bound: number | undefined): number => (bound === undefined || DEFAULT_RUN.h < bound ? DEFAULT_RUN.h : bound / 2);

/** The generated module's verdict, bound and rho at the default h for a method, at the
 * defaults (with the sample activation where f is abstract); no verdict for a game without
 * a Jacobian at the equilibrium. */
export function generatedResult(game: Game, method: Method): MethodResult {
  const { learningRateBound, spectralRadius } = game.evaluator;
  if (!learningRateBound || !spectralRadius) return { method, source: 'numeric' };
  const p = defaultParams(game);
  const b = learningRateBound(method, p);
  return { method, source: 'numeric', verdict: b.verdict, ...(b.bound !== undefined ? { bound: b.bound } : {}), ...(b.verdict === 'converges-in-intervals' ? { intervals: b.intervals } : {}), rhoAtDefault: spectralRadius(method, { h: DEFAULT_RUN.h }, p) };
}

const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

/** Every method the record derives (its verdict, reason and formulas, with the generated
 * module's numbers), then the methods it does not, from the generated module alone. */
export function methodResults(game: Game): MethodResult[] {
  const cached = CACHE.get(game);
  if (cached) return cached;
  const derived = fromRecord(game.record).map((r): MethodResult => {
    const g = isMethod(r.method) ? generatedResult(game, r.method) : undefined;
    if (!g?.verdict) return r;
    return { method: r.method, label: r.label, source: r.source, verdict: r.verdict, reason: r.reason, formulas: r.formulas, bound: g.bound, ...((g.intervals ?? r.intervals) ? { intervals: g.intervals ?? r.intervals } : {}), rhoAtDefault: g.rhoAtDefault };
  });
  const missing = METHODS.filter((m) => !derived.some((d) => d.method === m)).map((m) => generatedResult(game, m));
  const results = [...derived, ...missing];
  CACHE.set(game, results);
  return results;
}

const CACHE = new WeakMap<Game, MethodResult[]>();

/** The methods of all games, for the index's columns: the record's order, then the others. */
export function allMethods(games: readonly Game[]): string[] {
  const seen: string[] = [];
  for (const game of games) for (const r of methodResults(game)) if (!seen.includes(r.method)) seen.push(r.method);
  return seen;
}
