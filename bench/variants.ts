/**
 * The evaluators the benchmark compares for each game, behind one interface:
 *   generated      generated/<id>.ts, as committed;
 *   no-CSE         the same emitter with common-subexpression elimination off, written to
 *                  bench/.cache/<id>.nocse.ts and imported from there;
 *   hand-written   bench/reference.ts;
 *   buildFunction  nerdamer's buildFunction on the record's formulas (nerdamer-baseline.ts).
 * Games whose activation is abstract have no concrete formulas to time and are skipped.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadGames } from '../generator/load/load.js';
import { specialise } from '../generator/specialise/dirac.js';
import { derive } from '../generator/derive/derive.js';
import { emitEvaluator } from '../generator/emit/evaluator.js';
import { emitTrainingModule } from '../generator/emit/training-module.js';
import { references } from './reference.js';
import { buildFunctionBaseline } from './nerdamer-baseline.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, 'bench', '.cache');

export type Params = Readonly<Record<string, number>>;

/** The shape of generated/<id>.ts's two functions (method syntax, so each game may narrow p). */
export interface Evaluators {
  vectorField(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
  jacobian(theta: number, phi: number, p: Params, out: Float64Array): Float64Array;
}

export const VARIANTS = ['generated', 'no-CSE', 'hand-written', 'buildFunction'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface BenchGame {
  readonly id: string;
  /** The generated module's defaults, passed to every variant. */
  readonly defaults: Params;
  readonly variants: Readonly<Record<Variant, Evaluators>>;
}

export interface Skipped {
  readonly id: string;
  readonly reason: string;
}

const importEvaluators = async (file: string): Promise<Evaluators & { readonly defaults: Params }> =>
  (await import(pathToFileURL(file).href)) as Evaluators & { readonly defaults: Params };

export interface BenchGames {
  readonly games: readonly BenchGame[];
  readonly skipped: readonly Skipped[];
  /** Games whose generated/<id>.ts differs from what the current generator emits. */
  readonly stale: readonly string[];
}

/** Every concrete game of derivations/, in the generator's order, with its four variants. */
export async function loadBenchGames(): Promise<BenchGames> {
  await mkdir(CACHE, { recursive: true });
  // The no-CSE modules import the shared training module, as the generated ones do.
  await writeFile(path.join(CACHE, 'training.ts'), emitTrainingModule());
  const games: BenchGame[] = [];
  const skipped: Skipped[] = [];
  const stale: string[] = [];
  for (const game of await loadGames(path.join(ROOT, 'derivations'), ROOT)) {
    const { id } = game.definition;
    const derivation = derive(specialise(game));
    if (derivation.concrete === undefined) {
      skipped.push({ id, reason: 'its activation f is a parameter, so there is no concrete formula to time' });
      continue;
    }
    const reference = references[id];
    if (reference === undefined) throw new Error(`bench/reference.ts has no hand-written evaluator for '${id}'; write one`);
    const generatedFile = path.join(ROOT, 'generated', `${id}.ts`);
    if ((await readFile(generatedFile, 'utf8')) !== emitEvaluator(derivation)) stale.push(id);
    const noCseFile = path.join(CACHE, `${id}.nocse.ts`);
    await writeFile(noCseFile, emitEvaluator(derivation, { cse: false }));
    const generated = await importEvaluators(generatedFile);
    games.push({
      id,
      defaults: generated.defaults,
      variants: {
        generated,
        'no-CSE': await importEvaluators(noCseFile),
        'hand-written': reference,
        buildFunction: await buildFunctionBaseline(path.join(ROOT, 'generated', `${id}.json`)),
      },
    });
  }
  return { games, skipped, stale };
}
