/**
 * `npx tsx bench/run.ts`: how long generation takes, and how fast the generated evaluators
 * are against the same emitter without CSE, hand-written code and nerdamer's buildFunction.
 * It prints markdown tables to paste into the README:
 *   1. generation wall time, all games and one, in a child process (generation.ts);
 *   2. throughput of the vector field and the Jacobian of every concrete game (timing.ts);
 *   3. where buildFunction's results are NaN or differ from the generated ones;
 *   4. training code of one game (training.ts): a 512 x 512 stability map of the spectral
 *      radius, and 10^6 steps of each method, against hand-written code.
 * Before timing, the hand-written and no-CSE evaluators must agree with the generated ones
 * to 1e-12 relative, or the run stops: a ratio against a wrong evaluator means nothing. The
 * training section checks its own results likewise, after timing.
 */
import os from 'node:os';
import { VARIANTS, loadBenchGames } from './variants.js';
import type { BenchGame, Evaluators, Variant } from './variants.js';
import { checksum, measure, points } from './timing.js';
import type { Rate } from './timing.js';
import { timeGeneration } from './generation.js';
import { GAMMA_RANGE, GAME, H, H_RANGE, MAP_SIZE, START, STEPS, stabilityMaps, stepRuns } from './training.js';

const GENERATION_RUNS = 5;
/** Points of the timed batches: 1024 (16 KiB, in L1), uniform in [-3, 3]^2. */
const BENCH_POINTS = points(1024, 3, 0x5eed);
/**
 * Points of the agreement check: away from every kink (phi = 0 for WGAN-GP, DRAGAN and WGAN-LP,
 * |phi| = 1 for WGAN-LP, phi theta = 1 for the hinge loss), with both branches of each
 * (|phi| < 1 and > 1, phi theta < 1 and > 1); (10, 10) probes sigmoid's tails.
 */
const CHECK_POINTS: readonly (readonly [number, number])[] = [[0.7, -1.3], [2.1, 0.4], [-1.5, -2.2], [-0.3, 2.9], [3, 3], [10, 10]];
/** Where buildFunction's powers of its rational e overflow. */
const SPOT: readonly [number, number] = [10, 10];
const AGREEMENT = 1e-12;
const TIMING = { warmupMs: 60, batchMs: 8, rounds: 21 };
/** Interleaved rounds of the training section: whole maps, and whole runs of 10^6 steps. */
const MAP_ROUNDS = 9;
const STEP_ROUNDS = 9;

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
const nanoseconds = (ns: number): string => (ns >= 100 ? ns.toFixed(0) : ns.toPrecision(3));
const percent = (x: number): string => `${(100 * x).toFixed(0)}%`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`# Benchmark\n\nMachine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} logical CPUs, ${os.platform()} ${os.arch()}; Node ${process.version} (V8 ${process.versions.v8}).\n`);

  const { games, skipped, stale, notes } = await loadBenchGames();
  if (stale.length) console.log(`Warning: generated/ is not what the current generator emits for ${stale.join(', ')} (run \`npm run generate\`); their no-CSE column comes from the current generator, so it differs from the generated one by more than CSE.\n`);
  for (const game of games) for (const variant of ['no-CSE', 'hand-written'] as const) checkAgreement(game, variant);
  console.log(`Hand-written and no-CSE evaluators agree with the generated ones to ${AGREEMENT} relative at ${CHECK_POINTS.length} points, for every game timed.\n`);
  for (const note of notes) console.log(`Instance noise, ${note}\n`);

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

  const maps = stabilityMaps(MAP_ROUNDS);
  const points = MAP_SIZE * MAP_SIZE;
  console.log(`\n## Training: stability map (${GAME}, ${MAP_SIZE} x ${MAP_SIZE} grid, gamma log-spaced in [${GAMMA_RANGE.join(', ')}], h in [${H_RANGE.join(', ')}]; nanoseconds per point, median of ${MAP_ROUNDS} interleaved whole maps)\n`);
  console.log('| update map | generated `spectralRadius(method, { h }, { gamma })` | hand-written closed form | generated / hand-written time | whole map, generated | stable points (rho < 1) | worst difference |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const m of maps) {
    const stable = `${m.stable} (${percent(m.stable / points)})${m.verdictsDiffer ? `, ${m.verdictsDiffer} differ` : ''}`;
    console.log(`| ${m.method} | ${nanoseconds(m.generated.median)} | ${nanoseconds(m.handWritten.median)} | ${times(m.generated.median / m.handWritten.median)} | ${((m.generated.median * points) / 1e6).toFixed(0)} ms | ${stable} | ${m.worstDifference.toExponential(1)} |`);
  }
  console.log(`\nThe generated function checks the method, the rates and the parameters on every call and returns through \`updateEigenvalues\` (arrays of eigenvalues, then their largest modulus by \`Math.hypot\`); the hand-written closed form is \`sqrt(det M)\` for a complex pair and \`|tr M / 2| + sqrt(tr^2/4 - det)\` for a real one. Worst difference: |generated - hand-written| / max(1, rho) over the grid (the run stops above 1e-12).${maps.some((m) => m.verdictsDiffer) ? ' "differ": points where the two put rho on different sides of 1.' : ' The two maps put every point on the same side of rho = 1.'}`);

  const steps = stepRuns(STEP_ROUNDS);
  console.log(`\n## Training: 10^${Math.log10(STEPS)} steps (${GAME}, default gamma, h = ${H}, from (theta, phi) = (${START.join(', ')}); nanoseconds per step, median of ${STEP_ROUNDS} interleaved runs)\n`);
  console.log('| method | generated step in a loop | hand-written loop | generated / hand-written time | generated `trajectory()` | trajectory overhead per step | final distance to (0, 0) | final iterates differ by |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  let widestStep = { spread: 0, where: '' };
  for (const r of steps) {
    const overhead = r.trajectory.median - r.generated.median;
    for (const [name, t] of [['generated', r.generated], ['hand-written', r.handWritten], ['trajectory', r.trajectory]] as const) if (t.spread > widestStep.spread) widestStep = { spread: t.spread, where: `${r.method}, ${name}` };
    console.log(`| ${r.method} | ${nanoseconds(r.generated.median)} | ${nanoseconds(r.handWritten.median)} | ${times(r.generated.median / r.handWritten.median)} | ${nanoseconds(r.trajectory.median)} | +${nanoseconds(overhead)} ns (${times(r.trajectory.median / r.generated.median)}) | ${r.finalDistance.toExponential(1)} | ${r.worstDifference === 0 ? '0 (bitwise equal)' : r.worstDifference.toExponential(1)} |`);
  }
  console.log(`\nAlternating steps are \`{ hG: h, hD: h, nG: 1, nD: 1 }\`, the discriminator first; optimistic steps start from the field at the start point. The trajectory runs with \`tolerance: 0\` (the default 1e-10 would stop it, converged, after about 1.5e5 steps) and so runs all ${STEPS} steps; its overhead is checking each iterate (finite, distance to the equilibrium by \`Math.hypot\`), recording the path (${(16 * (STEPS + 1) / 2 ** 20).toFixed(0)} MiB, grown by doubling) and calling the step through a closure. Final iterates differ by: the largest distance between the final points of the three runs over their size (the run stops above 1e-10). Noise: the widest interquartile range was ${percent(widestStep.spread)} of its median (${widestStep.where}).`);
  console.log(`\n(checksum of every timed output: ${checksum().toExponential(6)})`);
}

const USAGE = `usage: npm run bench

Times generation, the generated evaluators against hand-written code, nerdamer's
buildFunction and the emitter without CSE, and the training code; prints markdown tables
for the README (minutes). It takes no options; -h, --help prints this text.`;

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) console.log(USAGE);
else if (args.length) {
  console.error(`error: unexpected argument '${args[0]}'\n${USAGE}`);
  process.exitCode = 1;
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `bench: ${error.message}` : error);
    process.exit(1);
  });
}
