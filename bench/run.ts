/**
 * `npx tsx bench/run.ts`: how long generation takes, and how fast the generated evaluators
 * are against the same emitter without CSE, hand-written code and nerdamer's buildFunction.
 * It prints markdown tables to paste into the README:
 *   1. generation wall time, all games and one, in a child process (generation.ts);
 *   2. throughput of the vector field and the Jacobian of every concrete game (timing.ts);
 *   3. where buildFunction's results are NaN or differ from the generated ones.
 * Before timing, the hand-written and no-CSE evaluators must agree with the generated ones
 * to 1e-12 relative, or the run stops: a ratio against a wrong evaluator means nothing.
 */
import os from 'node:os';
import { VARIANTS, loadBenchGames } from './variants.js';
import type { BenchGame, Evaluators, Variant } from './variants.js';
import { checksum, measure, points } from './timing.js';
import type { Rate } from './timing.js';
import { timeGeneration } from './generation.js';

const GENERATION_RUNS = 5;
/** Points of the timed batches: 1024 (16 KiB, in L1), uniform in [-3, 3]^2. */
const BENCH_POINTS = points(1024, 3, 0x5eed);
/** Points of the agreement check: phi != 0, where WGAN-GP's Jacobian exists; (10, 10) probes sigmoid's tails. */
const CHECK_POINTS: readonly (readonly [number, number])[] = [[0.7, -1.3], [2.1, 0.4], [-1.5, -2.2], [-0.3, 2.9], [3, 3], [10, 10]];
/** Where buildFunction's powers of its rational e overflow. */
const SPOT: readonly [number, number] = [10, 10];
const AGREEMENT = 1e-12;
const TIMING = { warmupMs: 60, batchMs: 8, rounds: 21 };

const KINDS = [
  { name: 'vector field', width: 2, of: (e: Evaluators) => e.vectorField },
  { name: 'Jacobian', width: 4, of: (e: Evaluators) => e.jacobian },
] as const;
type Kind = (typeof KINDS)[number];

function evaluateAt(game: BenchGame, variant: Variant, kind: Kind, [theta, phi]: readonly [number, number]): Float64Array {
  try {
    return kind.of(game.variants[variant])(theta, phi, game.defaults, new Float64Array(kind.width));
  } catch (error) {
    throw new Error(`${variant} ${kind.name} of ${game.id} threw at (theta, phi) = (${theta}, ${phi}): ${(error as Error).message}`);
  }
}

/** |a - b| / max(|a|, |b|), entry by entry; 0 where both are equal (zeros included), NaN where either is. */
const relativeDifferences = (a: Float64Array, b: Float64Array): number[] =>
  Array.from(a, (x, i) => (x === b[i] ? 0 : Math.abs(x - b[i]!) / Math.max(Math.abs(x), Math.abs(b[i]!))));

const worst = (differences: readonly number[]): number => (differences.some(Number.isNaN) ? Number.NaN : Math.max(0, ...differences));

/** Throws, naming the game, function and point, unless the variant agrees with the generated evaluator. */
function checkAgreement(game: BenchGame, variant: Variant): void {
  for (const kind of KINDS) {
    for (const point of CHECK_POINTS) {
      const expected = evaluateAt(game, 'generated', kind, point);
      const actual = evaluateAt(game, variant, kind, point);
      const difference = worst(relativeDifferences(expected, actual));
      if (!(difference <= AGREEMENT)) {
        throw new Error(`${variant} ${kind.name} of ${game.id} at (theta, phi) = (${point.join(', ')}) is [${[...actual].join(', ')}], generated is [${[...expected].join(', ')}] (relative difference ${difference.toExponential(1)} > ${AGREEMENT})`);
      }
    }
  }
}

/** Where buildFunction goes wrong: NaN or differing entries at SPOT, and its worst difference over the timed points. */
function buildFunctionReport(game: BenchGame, kind: Kind): string {
  const atSpot = relativeDifferences(evaluateAt(game, 'generated', kind, SPOT), evaluateAt(game, 'buildFunction', kind, SPOT));
  const nan = atSpot.filter(Number.isNaN).length;
  const differing = atSpot.filter((d) => d > 1e-9).length;
  const spot = nan + differing === 0 ? 'agrees' : [nan ? `NaN in ${nan}/${kind.width}` : '', differing ? `differs in ${differing}/${kind.width}` : ''].filter(Boolean).join(', ');
  const overPoints = BENCH_POINTS.thetas.reduce((max, theta, i) => {
    const point = [theta, BENCH_POINTS.phis[i]!] as const;
    return Math.max(max, worst(relativeDifferences(evaluateAt(game, 'generated', kind, point), evaluateAt(game, 'buildFunction', kind, point))));
  }, 0);
  return `| ${game.id} | ${kind.name} | ${spot} | ${overPoints.toExponential(1)} |`;
}

const seconds = (s: number): string => `${s.toFixed(2)} s`;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const rate = (r: Rate): string => (r.median >= 100 ? r.median.toFixed(0) : r.median.toPrecision(3));
const ratio = (a: Rate, b: Rate): number => a.median / b.median;
const times = (x: number): string => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}x`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`# Benchmark\n\nMachine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, ${os.platform()} ${os.arch()}; Node ${process.version} (V8 ${process.versions.v8}).\n`);

  const { games, skipped, stale } = await loadBenchGames();
  if (stale.length) console.log(`Warning: generated/ is not what the current generator emits for ${stale.join(', ')} (run \`npm run generate\`); their no-CSE column comes from the current generator, so it differs from the generated one by more than CSE.\n`);
  for (const game of games) for (const variant of ['no-CSE', 'hand-written'] as const) checkAgreement(game, variant);
  console.log(`Hand-written and no-CSE evaluators agree with the generated ones to ${AGREEMENT} relative at ${CHECK_POINTS.length} points, for every game timed.\n`);

  const generation = timeGeneration([
    { label: 'all games', args: [] },
    { label: '--only gan-consensus', args: ['--only', 'gan-consensus'] },
  ], GENERATION_RUNS);
  console.log(`## Generation (child process \`node --import tsx generator/cli.ts --root <temp copy>\`, median of ${GENERATION_RUNS} runs)\n`);
  console.log('| run | wall time | min - max | CLI\'s own timer | goal < 5 s |');
  console.log('|---|---:|---:|---:|---|');
  for (const g of generation) {
    const wall = median(g.wall);
    console.log(`| ${g.label} | ${seconds(wall)} | ${seconds(Math.min(...g.wall))} - ${seconds(Math.max(...g.wall))} | ${seconds(median(g.reported))} | ${wall < 5 ? 'met' : 'MISSED'} |`);
  }
  console.log('\nThe CLI\'s own timer runs from load to write inside the process; the rest of the wall time is Node\'s start-up and tsx.');

  console.log(`\n## Throughput (million evaluations per second; median of ${TIMING.rounds} interleaved batches of ~${TIMING.batchMs} ms after ${TIMING.warmupMs} ms warm-up; ${BENCH_POINTS.thetas.length} fixed points in [-3, 3]^2; default hyperparameters)\n`);
  console.log(`| game | function | ${VARIANTS.join(' | ')} | generated / hand-written | generated / buildFunction | generated / no-CSE |`);
  console.log(`|---|---|${VARIANTS.map(() => '---:|').join('')}---:|---:|---:|`);
  const misses: { hand: string[]; nerdamer: string[] } = { hand: [], nerdamer: [] };
  let widest = { spread: 0, where: '' };
  for (const game of games) {
    for (const kind of KINDS) {
      const candidates = VARIANTS.map((v) => ({ evaluate: kind.of(game.variants[v]), width: kind.width }));
      const measured = measure(candidates, game.defaults, BENCH_POINTS, TIMING);
      const rates = Object.fromEntries(VARIANTS.map((v, i) => [v, measured[i]!])) as Record<Variant, Rate>;
      const where = `${game.id} ${kind.name}`;
      const overHand = ratio(rates.generated, rates['hand-written']);
      const overNerdamer = ratio(rates.generated, rates.buildFunction);
      if (overHand < 0.95) misses.hand.push(`${where} ${times(overHand)}`);
      if (overNerdamer < 8) misses.nerdamer.push(`${where} ${times(overNerdamer)}`);
      for (const v of VARIANTS) if (rates[v].spread > widest.spread) widest = { spread: rates[v].spread, where: `${where}, ${v}` };
      console.log(`| ${game.id} | ${kind.name} | ${VARIANTS.map((v) => rate(rates[v])).join(' | ')} | ${times(overHand)} | ${times(overNerdamer)} | ${times(ratio(rates.generated, rates['no-CSE']))} |`);
    }
  }
  const timed = games.length * KINDS.length;
  console.log('');
  for (const s of skipped) console.log(`Not timed: ${s.id}, because ${s.reason}.`);
  console.log(`Goal generated >= 0.95x hand-written: met in ${timed - misses.hand.length}/${timed}${misses.hand.length ? ` (not: ${misses.hand.join('; ')})` : ''}.`);
  console.log(`Goal generated >= 8x buildFunction: met in ${timed - misses.nerdamer.length}/${timed}${misses.nerdamer.length ? ` (not: ${misses.nerdamer.join('; ')})` : ''}.`);
  console.log(`Noise: the widest interquartile range of a rate was ${(100 * widest.spread).toFixed(1)}% of its median (${widest.where}).`);

  console.log(`\n## buildFunction against the generated evaluator\n`);
  console.log(`| game | function | at (theta, phi) = (${SPOT.join(', ')}) | worst relative difference over the timed points |`);
  console.log('|---|---|---|---:|');
  for (const game of games) for (const kind of KINDS) console.log(buildFunctionReport(game, kind));
  console.log(`\n(checksum of every timed output: ${checksum().toExponential(6)})`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `bench: ${error.message}` : error);
  process.exit(1);
});
