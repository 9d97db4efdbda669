/**
 * `npm run bench` (`npx tsx bench/run.ts [--quick]`): how fast the generated evaluators and
 * training functions are against the best hand-written code and nerdamer, and how much CPU
 * generation takes, in a form that holds on a shared machine:
 *   1. before timing, every variant is checked against the generated one (checks.ts,
 *      training.ts's checkTraining) and the instance-noise variants against a 60-digit oracle;
 *   2. PROCESSES bench processes (worker.ts), one after another, each timing every group of
 *      candidates side by side in CPU time, batches of at least 100 ms (cpu-timing.ts): the
 *      evaluators in one process, the training steps of one game in another of their own;
 *   3. every figure printed as the median over the processes with its range, every ratio
 *      taken within each process, and each goal of issue 9 marked met or not met.
 * Options: --quick, 3 processes and 3 generation runs instead of 5 and 5; --processes N;
 * --only id,id, the field and Jacobian of those games only (no training, no generation).
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './root.js';
import type { Report } from './report.js';
import type { WorkerResult } from './worker.js';

/** The value after a flag, or undefined. */
function option(flag: string): string | undefined {
  const at = process.argv.indexOf(flag);
  if (at < 0) return undefined;
  const value = process.argv[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value`);
  return value;
}

const quick = process.argv.includes('--quick');
const only = option('--only')?.split(',');
const PROCESSES = Number(option('--processes') ?? (quick ? 3 : 5));
const GENERATION_RUNS = quick ? 3 : 5;
const ROUNDS = 1;
/** The steps' groups take the median of three batches per candidate: the first runs of a process
 * allocate the memory of their paths afresh (on this machine, pages mapped on first touch), later
 * ones reuse what the first freed; one batch measured whichever came first. */
const STEP_ROUNDS = 3;
if (!Number.isInteger(PROCESSES) || PROCESSES < 1) throw new Error(`--processes: expected a positive integer, got ${option('--processes')}`);

/** One worker process of a part (worker.ts), run to its end. */
function runWorker(index: number, part: 'evaluators' | 'steps'): WorkerResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'worker.ts'), String(index), String(part === 'steps' ? STEP_ROUNDS : ROUNDS), part, ...(only ? [only.join(',')] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`bench/worker.ts ${index} ${part} exited with ${result.status}:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as WorkerResult;
}

/** The PROCESSES bench processes, each the evaluators' worker then (unless --only) the steps' one, as one result. */
function runWorkers(): WorkerResult[] {
  return Array.from({ length: PROCESSES }, (_, index) => {
    console.error(`bench: process ${index + 1} of ${PROCESSES}`);
    const parts = [runWorker(index, 'evaluators'), ...(only ? [] : [runWorker(index, 'steps')])];
    return {
      groups: parts.flatMap((w) => w.groups),
      shortestBatchMs: Math.min(...parts.map((w) => w.shortestBatchMs)),
      checksum: parts.reduce((sum, w) => sum + w.checksum, 0),
    };
  });
}

async function main(): Promise<void> {
  const start = performance.now();
  // The measuring modules (the games, nerdamer, the references) once the arguments are known right.
  const [{ loadBenchGames }, { checkFields, noiseAccuracy, spotReport }, { checkTraining }, { timeGeneration }, { MIN_BATCH_MS }, { printChecks, printFields, printGeneration, printGoals, printMaps, printSteps }] = await Promise.all([
    import('./variants.js'), import('./checks.js'), import('./training.js'), import('./generation.js'), import('./cpu-timing.js'), import('./report.js'),
  ]);
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} logical CPUs, ${os.platform()} ${os.arch()}; Node ${process.version} (V8 ${process.versions.v8})`;
  const loadBefore = os.loadavg()[0]!;
  console.log(`# Benchmark${quick ? ' (--quick)' : ''}${only ? ` (--only ${only.join(',')})` : ''}\n\nMachine: ${machine}.\n`);

  const { games, skipped } = await loadBenchGames(only);
  const agreement = checkFields(games);
  const spots = spotReport(games);
  const noisy = games.find((g) => g.noisy);
  const accuracy = noisy ? noiseAccuracy(noisy) : {};
  const training = only ? undefined : await checkTraining();
  const workers = runWorkers();
  const generation = only ? undefined : timeGeneration(GENERATION_RUNS);
  const report: Report = { workers, games, skipped, agreement, spots, accuracy, training, generation };

  const shortest = Math.min(...workers.map((w) => w.shortestBatchMs));
  console.log(`Every figure: the median over ${PROCESSES} bench processes run one after another, its range (min-max) in parentheses; in each process the candidates of a row ran side by side, in CPU time (user + system of the process), in batches of at least ${MIN_BATCH_MS} ms (shortest: ${shortest.toFixed(0)} ms). Ratios are of times (lower is faster), taken within each process. Load average (1 min) ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end.\n`);
  printChecks(report);
  printGoals(report);
  printFields(report);
  if (!only) {
    printMaps(report);
    printSteps(report);
    printGeneration(report, GENERATION_RUNS);
  }
  console.log(`\nBench run: ${((performance.now() - start) / 1000).toFixed(0)} s wall. (checksums of the timed work: ${workers.map((w) => w.checksum.toExponential(3)).join(', ')})`);
}

const USAGE = `usage: npm run bench -- [--quick] [--processes N] [--only id,id]

Times generation, the generated evaluators against the best hand-written formulas, nerdamer's
text and buildFunction, and the training code, in CPU time over several processes; prints
markdown tables for the README (minutes).
  --quick          3 processes and 3 generation runs instead of 5 and 5
  --processes N    N timing processes
  --only id,id     the field and Jacobian of these games only
  -h, --help       this text`;

/** The arguments, checked: the known options and their values only. */
function unknownArgument(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--quick') continue;
    if (arg === '--processes' || arg === '--only') {
      const value = args[++i];
      if (value === undefined || (arg === '--processes' && !(Number.isInteger(Number(value)) && Number(value) >= 1))) return `${arg} ${value ?? '(missing value)'}`;
      continue;
    }
    return arg;
  }
  return undefined;
}

const args = process.argv.slice(2);
const unknown = unknownArgument(args);
if (args.includes('--help') || args.includes('-h')) console.log(USAGE);
else if (unknown !== undefined) {
  console.error(`error: unexpected argument '${unknown}'\n${USAGE}`);
  process.exitCode = 1;
} else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? `bench: ${error.message}` : error);
    process.exit(1);
  });
}
