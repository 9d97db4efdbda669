/**
 * The evaluators the benchmark compares for each game, behind one interface:
 *   generated      generated/<id>.ts, as committed;
 *   no-CSE         the same emitter with common-subexpression elimination off, written to
 *                  bench/.cache/<id>.nocse.ts and imported from there;
 *   hand-written   bench/reference.ts;
 *   buildFunction  nerdamer's buildFunction on the record's formulas (nerdamer-baseline.ts).
 * Games whose activation is abstract have no concrete formulas to time and are skipped.
 *
 * A game with instance noise (the record's `noise`) computes expectations by quadrature. Its
 * hand-written and buildFunction variants use rules the bench builds itself (quadrature.ts):
 * the generated module keeps its Gauss-Hermite nodes in module-level constants that it does not
 * export, so the bench reads only their count from the module's source, recomputes the nodes,
 * and reports how far they are from the printed ones.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadGames } from '../generator/load/load.js';
import { specialise } from '../generator/specialise/dirac.js';
import { derive } from '../generator/derive/derive.js';
import { emitEvaluator } from '../generator/emit/evaluator.js';
import { emitTrainingModule } from '../generator/emit/training-module.js';
import { instanceNoise, references } from './reference.js';
import type { NormalRule } from './reference.js';
import { buildFunctionBaseline } from './nerdamer-baseline.js';
import { arrayLiteral, noiseRules } from './quadrature.js';

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
  /** What the output should say about a game's variants (the quadrature of games with noise). */
  readonly notes: readonly string[];
}

/** Quadrature rules for the hand-written and buildFunction variants of a game with instance noise, and a note on them. */
function rulesFor(id: string, source: string): { readonly ruleFor: (sharpness: number) => NormalRule; readonly note: string } {
  const printed = arrayLiteral(source, 'HERMITE_NODES');
  if (printed === undefined || printed.length === 0) throw new Error(`generated/${id}.ts has no HERMITE_NODES array: the bench cannot tell how many Gauss-Hermite nodes it uses`);
  const ruleFor = noiseRules(printed.length);
  const recomputed = ruleFor(0).nodes;
  const worst = printed.reduce((max, x, i) => Math.max(max, Math.abs(x - recomputed[i]!) / Math.max(1, Math.abs(x))), 0);
  return {
    ruleFor,
    note: `${id}: the hand-written and buildFunction variants use the generated module's rules, built by the bench: the ${printed.length}-point Gauss-Hermite rule (the count read from the module's HERMITE_NODES, which it does not export; nodes recomputed by Newton's method on the Hermite recurrence, ${worst === 0 ? 'identical to' : `within ${worst.toExponential(1)} of`} the printed ones) up to sharpness sigma |phi| = 1, the trapezoidal rule (2 ceil(23.75 sigma |phi|) + 1 nodes on [-9.5, 9.5]) beyond; the bench keeps every trapezoidal rule it builds, by size. buildFunction cannot take the expectation: its variant builds each integrand as a function of epsilon too and sums it over the nodes.`,
  };
}

/** Every concrete game of derivations/, in the generator's order, with its four variants. */
export async function loadBenchGames(): Promise<BenchGames> {
  await mkdir(CACHE, { recursive: true });
  // The no-CSE modules import the shared training module, as the generated ones do.
  await writeFile(path.join(CACHE, 'training.ts'), emitTrainingModule());
  const games: BenchGame[] = [];
  const skipped: Skipped[] = [];
  const stale: string[] = [];
  const notes: string[] = [];
  for (const game of await loadGames(path.join(ROOT, 'derivations'), ROOT)) {
    const { id } = game.definition;
    const derivation = derive(specialise(game));
    if (derivation.concrete === undefined) {
      skipped.push({ id, reason: 'its activation f is a parameter, so there is no concrete formula to time' });
      continue;
    }
    const generatedFile = path.join(ROOT, 'generated', `${id}.ts`);
    const source = await readFile(generatedFile, 'utf8');
    if (source !== emitEvaluator(derivation)) stale.push(id);
    const rules = derivation.game.noise === undefined ? undefined : rulesFor(id, source);
    if (rules) notes.push(rules.note);
    const reference = rules ? instanceNoise(rules.ruleFor) : references[id];
    if (reference === undefined) throw new Error(`bench/reference.ts has no hand-written evaluator for '${id}'; write one`);
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
        buildFunction: await buildFunctionBaseline(path.join(ROOT, 'generated', `${id}.json`), rules?.ruleFor),
      },
    });
  }
  return { games, skipped, stale, notes };
}
