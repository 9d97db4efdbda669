/**
 * Discrete-time results per training method, for the index table and the game pages.
 *
 * A record may carry derived discrete-time results: `discrete: { generic: [...], concrete?:
 * [...] }`, one entry per method with its label, update map, eigenvalues, spectral radius,
 * verdict, reason and largest stable learning rate (the shape being added to
 * generator/emit/record.ts). `fromRecord` is the one place that reads it, loosely, so a
 * change of shape is a change here only. A record without them (or a method it leaves out
 * that the pictures use) gets numbers computed from the generated `jacobian` at (0, 0),
 * in the same vocabulary, marked as numeric.
 */
import type { Rendered } from '../../generator/emit/record.js';
import type { Text } from '../../generator/game.js';
import type { Method } from '../model/numerics.js';
import { H_MAX, H_MIN, MARGINAL, METHODS, equilibriumJacobian, spectralRadius, stepBounds, updateMatrix } from '../model/numerics.js';
import { paramsFor } from '../model/params.js';
import { DEFAULT_RUN } from '../model/explore.js';
import type { Game } from './games.js';

/** How training behaves near the equilibrium as h grows from 0 (as the derivation says it). */
export type DiscreteVerdict = 'converges-below-bound' | 'cycles-below-bound' | 'never-converges' | 'undecided' | 'converges-for-all-h';

export interface MethodResult {
  /** 'simultaneous', 'alternating', or any method a record names. */
  readonly method: string;
  readonly label?: Text;
  readonly source: 'record' | 'numeric';
  /** Undefined where the equilibrium has no Jacobian. */
  readonly verdict?: DiscreteVerdict | string;
  readonly reason?: string;
  /** The largest stable learning rate at the default hyperparameters. */
  readonly bound?: number;
  /** Formulas (record only): h*, the update map, its eigenvalues and spectral radius, each
   * generic in f and, where the record has them, with f substituted. */
  readonly formulas?: readonly { readonly key: 'bound' | 'map' | 'eigenvalues' | 'spectralRadius'; readonly generic?: Rendered; readonly concrete?: Rendered }[];
  /** Numeric only: rho at the defaults and the default learning rate. */
  readonly rhoAtDefault?: number;
}

type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const rendered = (x: unknown): Rendered | undefined => (isObject(x) && typeof x.tex === 'string' ? { tex: x.tex, text: typeof x.text === 'string' ? x.text : x.tex } : undefined);
const text = (x: unknown): Text | undefined => (isObject(x) && typeof x.en === 'string' && typeof x.zh === 'string' ? { en: x.en, zh: x.zh } : undefined);
const entries = (x: unknown): Loose[] => (Array.isArray(x) ? x.filter(isObject) : []);

/** The record's own discrete-time results, in its order; [] when it has none. */
export function fromRecord(record: unknown): MethodResult[] {
  if (!isObject(record) || !isObject(record.discrete)) return [];
  const generic = entries(record.discrete.generic);
  const concrete = entries(record.discrete.concrete);
  return generic
    .filter((g) => typeof g.method === 'string')
    .map((g): MethodResult => {
      const c = concrete.find((e) => e.method === g.method);
      const best = c ?? g;
      const bound = isObject(best.bound) && typeof best.bound.atDefaults === 'number' ? best.bound.atDefaults : undefined;
      const formulas = (['bound', 'map', 'eigenvalues', 'spectralRadius'] as const).map((key) => ({ key, generic: rendered(g[key]), concrete: c ? rendered(c[key]) : undefined }));
      return {
        method: g.method as string,
        ...(text(g.label) ? { label: text(g.label)! } : {}),
        source: 'record',
        ...(typeof best.verdict === 'string' ? { verdict: best.verdict } : {}),
        ...(typeof best.reason === 'string' ? { reason: best.reason } : {}),
        ...(bound !== undefined ? { bound } : {}),
        formulas: formulas.filter((f) => f.generic || f.concrete),
      };
    });
}

/** The learning rates at which `numericResult` looks for a spectral radius that h does not move. */
const UNDECIDED_GRID = Array.from({ length: 61 }, (_, i) => H_MIN * (H_MAX / H_MIN) ** (i / 60));

/** The numbers for a method from the generated `jacobian` at (0, 0), at the defaults. */
export function numericResult(game: Game, method: Method): MethodResult {
  const j = equilibriumJacobian(game.evaluator, paramsFor(game.abstractActivation, game.defaults));
  if (!j) return { method, source: 'numeric' };
  const rhoAtDefault = spectralRadius(updateMatrix(j, method, DEFAULT_RUN.h, 1));
  // rho = 1 for every h (an eigenvalue 1 that h does not move, as for a nilpotent J): as the derivation says it.
  if (UNDECIDED_GRID.every((h) => Math.abs(spectralRadius(updateMatrix(j, method, h, 1)) - 1) <= MARGINAL)) {
    return { method, source: 'numeric', verdict: 'undecided', rhoAtDefault };
  }
  const b = stepBounds(j, method, 1);
  if (b.convergesBelow !== null) {
    return Number.isFinite(b.convergesBelow)
      ? { method, source: 'numeric', verdict: 'converges-below-bound', bound: b.convergesBelow, rhoAtDefault }
      : { method, source: 'numeric', verdict: 'converges-for-all-h', rhoAtDefault };
  }
  if (b.boundedBelow !== null) return { method, source: 'numeric', verdict: 'cycles-below-bound', bound: b.boundedBelow, rhoAtDefault };
  return { method, source: 'numeric', verdict: 'never-converges', rhoAtDefault };
}

/** Every method the record derives, and numeric results for the pictures' methods it does not. */
export function methodResults(game: Game): MethodResult[] {
  const derived = fromRecord(game.record);
  const missing = METHODS.filter((m) => !derived.some((d) => d.method === m)).map((m) => numericResult(game, m));
  return [...derived, ...missing];
}

/** The methods of all games, for the index's columns: the record's order, then the others. */
export function allMethods(games: readonly Game[]): string[] {
  const seen: string[] = [];
  for (const game of games) for (const r of methodResults(game)) if (!seen.includes(r.method)) seen.push(r.method);
  return seen;
}
