/**
 * The evaluators the benchmark compares for each game, behind one interface:
 *   generated      generated/<id>.ts's `vectorField` and `jacobian` (checked, `out` optional);
 *   unchecked      its `vectorFieldUnchecked` and `jacobianUnchecked`, where the module has
 *                  them (looked up by name: a module without them shows "absent");
 *   hand-written   the best formula known: reference.ts, or noise-reference.ts for a game
 *                  with instance noise;
 *   nerdamer text  nerdamer's text output of the record's formulas, compiled with new Function;
 *   buildFunction  nerdamer's buildFunction on the same formulas (nerdamer-baseline.ts).
 * The games are read from the records, generated/<id>.json; a game whose formulas keep the
 * activation abstract has nothing concrete to time and is skipped.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { references } from './reference.js';
import { instanceNoise } from './noise-reference.js';
import { nerdamerBaselines } from './nerdamer-baseline.js';
import { NoiseRules } from './quadrature.js';
import { ROOT } from './root.js';
import { isGameRecordFile } from '../generator/contract/records.js';

export type Params = Readonly<Record<string, number>>;

/** A field or Jacobian entry point: (theta, phi, p, out) writes `out` and returns it. */
export type Evaluate = (theta: number, phi: number, p: Params, out: Float64Array) => Float64Array;

/** The shape of generated/<id>.ts's two functions (method syntax, so each game may narrow p). */
export interface Evaluators {
  vectorField(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
  jacobian(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
}

export const VARIANTS = ['generated', 'unchecked', 'hand-written', 'nerdamer text', 'buildFunction'] as const;
export type Variant = (typeof VARIANTS)[number];

export const KINDS = [
  { name: 'vector field', width: 2, checked: 'vectorField', unchecked: 'vectorFieldUnchecked' },
  { name: 'Jacobian', width: 4, checked: 'jacobian', unchecked: 'jacobianUnchecked' },
] as const;
export type Kind = (typeof KINDS)[number];

export interface BenchGame {
  readonly id: string;
  /** The generated module's defaults, passed to every variant. */
  readonly defaults: Params;
  readonly noisy: boolean;
  /** The variant's entry point of a kind; undefined where the module lacks it. */
  readonly evaluate: (variant: Variant, kind: Kind) => Evaluate | undefined;
}

export interface Skipped {
  readonly id: string;
  readonly reason: string;
}

/** The few fields of a record the bench reads. */
interface RecordFields {
  readonly id: string;
  readonly activation: string;
  readonly noise?: unknown;
  readonly formulas: readonly { readonly id: string; readonly concrete?: { readonly text: string } }[];
}

const isConcrete = (record: RecordFields): boolean =>
  record.activation === 'none' || record.formulas.some((f) => f.id === 'field' && f.concrete !== undefined);

/** The generated module of a game, as a bag of possibly absent functions. */
export type GeneratedModule = Readonly<Record<string, unknown>> & { readonly defaults: Params };

export const importGenerated = async (id: string): Promise<GeneratedModule> =>
  (await import(pathToFileURL(path.join(ROOT, 'generated', `${id}.ts`)).href)) as GeneratedModule;

/** A function export of a module, or undefined when it has none by that name. */
export function lookUp<F>(module: GeneratedModule, name: string): F | undefined {
  const value = module[name];
  return typeof value === 'function' ? (value as F) : undefined;
}

/** Every concrete game of generated/, by id, with its variants. `only` restricts to some ids. */
export async function loadBenchGames(only?: readonly string[]): Promise<{ games: BenchGame[]; skipped: Skipped[] }> {
  const files = (await readdir(path.join(ROOT, 'generated'))).filter(isGameRecordFile).sort();
  const games: BenchGame[] = [];
  const skipped: Skipped[] = [];
  for (const file of files) {
    const recordFile = path.join(ROOT, 'generated', file);
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as RecordFields;
    if (only && !only.includes(record.id)) continue;
    if (!isConcrete(record)) {
      skipped.push({ id: record.id, reason: 'its activation f is a parameter, so there is no concrete formula to time' });
      continue;
    }
    const noisy = record.noise !== undefined;
    const rules = noisy ? new NoiseRules() : undefined;
    const reference = rules ? instanceNoise(rules) : references[record.id];
    if (reference === undefined) throw new Error(`bench/reference.ts has no hand-written evaluator for '${record.id}'; write one`);
    const generated = await importGenerated(record.id);
    const baselines = await nerdamerBaselines(recordFile, rules?.ruleFor);
    const byVariant: Readonly<Record<Variant, (kind: Kind) => Evaluate | undefined>> = {
      generated: (kind) => lookUp<Evaluate>(generated, kind.checked),
      unchecked: (kind) => lookUp<Evaluate>(generated, kind.unchecked),
      'hand-written': (kind) => reference[kind.checked],
      'nerdamer text': (kind) => baselines['nerdamer text'][kind.checked],
      buildFunction: (kind) => baselines.buildFunction[kind.checked],
    };
    games.push({ id: record.id, defaults: generated.defaults, noisy, evaluate: (variant, kind) => byVariant[variant](kind) });
  }
  return { games, skipped };
}
