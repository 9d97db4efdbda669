/**
 * The bench's output: markdown tables of the figures over the processes (stats.ts), each
 * goal of issue 9 with its verdict, to paste into the README's Performance section.
 */
import { KINDS, VARIANTS } from './variants.js';
import type { BenchGame, Skipped, Variant } from './variants.js';
import { SAME } from './checks.js';
import { GAME, H, MAP_METHODS, MAP_SIZE, MAP_VARIANTS, STEPS, STEP_METHODS, STEP_VARIANTS } from './training.js';
import type { StepVariant } from './training.js';
import type { GenerationCase, GenerationRun } from './generation.js';
import { TODAY } from './baseline.js';
import { figure, perProcess, ratio, spread, times, verdict } from './stats.js';
import type { Spread } from './stats.js';
import type { WorkerResult } from './worker.js';

export interface Report {
  readonly workers: readonly WorkerResult[];
  readonly games: readonly BenchGame[];
  readonly skipped: readonly Skipped[];
  /** Worst relative difference from the generated evaluator, by variant. */
  readonly agreement: Partial<Record<Variant, number>>;
  readonly spots: Readonly<Record<'nerdamer text' | 'buildFunction', readonly string[]>>;
  /** Worst error against the 60-digit oracle, by variant, for the game with instance noise. */
  readonly accuracy: Partial<Record<Variant, number>>;
  readonly training?: { readonly mapWorst: number; readonly stepWorst: number };
  readonly generation?: Readonly<Record<GenerationCase, readonly GenerationRun[]>>;
}

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[], numeric = 0): string => `${row(cells)}\n|${cells.map((_, i) => (i < cells.length - numeric ? '---|' : '---:|')).join('')}`;
const exponent = (x: number | undefined): string => (x === undefined ? 'absent' : x.toExponential(1));
const column = (r: Report, section: string, name: string, candidate: string): string => {
  const values = perProcess(r.workers, section, name, candidate);
  return values ? figure(spread(values)) : 'absent';
};
/** The entry the goals judge: the unchecked one where the module has it. */
const fastEntry = (r: Report, name: string): Variant => (perProcess(r.workers, 'field', name, 'unchecked') ? 'unchecked' : 'generated');

export function printChecks(r: Report): void {
  const training = r.training ? `; spectral radii to 1e-12 of max(1, rho) over a 384 x 384 grid (worst ${exponent(r.training.mapWorst)}); final iterates of the step variants to 1e-10 (worst ${exponent(r.training.stepWorst)})` : '';
  console.log(`Checked before timing: every variant agrees with the generated evaluator to ${SAME} relative at 5 points per game (worst: ${VARIANTS.filter((v) => v !== 'generated').map((v) => `${v} ${exponent(r.agreement[v])}`).join(', ')})${training}.\n`);
}

/** Today's ratio to the hand-written evaluator over the ratio now, as a spread. */
function noiseSpeedup(r: Report, name: string, today: number): Spread | undefined {
  const now = ratio(r.workers, 'field', name, fastEntry(r, name), 'hand-written');
  return now && { median: today / now.median, min: today / now.max, max: today / now.min };
}

/** The trajectory goal, measured three ways: as written (the loop records a path, the bare loop
 * does not), with the path's memory on both sides, and with a buffer the caller reuses. */
const STEP_GOALS = [
  ['trajectory()', 'step in a bare loop', ''],
  ['trajectory()', 'bare loop into a fresh path', ' (supplementary, not the goal: both allocate the path)'],
  ['trajectory() into a buffer', 'step in a bare loop', ' (supplementary, not the goal: the path in a reused buffer)'],
] as const;

export function printGoals(r: Report): void {
  console.log('## Goals (issue 9)\n');
  console.log(header(['goal', 'measured', 'verdict']));
  if (r.training) {
    for (const method of MAP_METHODS) {
      const s = ratio(r.workers, 'map', method, 'spectralRadiusUnchecked', 'inline closed form');
      console.log(row([`${GAME} \`spectralRadiusUnchecked\`, ${method}: within 2x of the inline closed form, per point`, times(s), verdict(s, (m) => m <= 2)]));
    }
    for (const method of STEP_METHODS) {
      for (const [variant, against, how] of STEP_GOALS) {
        const s = ratio(r.workers, 'steps', method, variant, against);
        console.log(row([`${GAME} \`${variant}\`, ${method}: within 1.5x of its ${against}${how}, per step`, times(s), verdict(s, (m) => m <= 1.5)]));
      }
    }
  }
  const closedForm = r.games.filter((g) => !g.noisy).flatMap((g) => KINDS.map((k) => `${g.id} ${k.name}`));
  const judged = closedForm.map((name) => ({ name, s: ratio(r.workers, 'field', name, fastEntry(r, name), 'hand-written') }));
  const missed = judged.filter(({ s }) => !(s && s.median <= 1.1));
  if (judged.length) console.log(row(['field and Jacobian of the closed-form games: within 1.1x of the hand-written formula (the unchecked entry where the module has one)', `${judged.length - missed.length}/${judged.length} rows`, missed.length ? `not met: ${missed.map(({ name, s }) => `${name} ${times(s)}`).join('; ')}` : 'met']));
  for (const game of r.games.filter((g) => g.noisy)) {
    for (const [kind, today] of [['vector field', TODAY.field], ['Jacobian', TODAY.jacobian]] as const) {
      const name = `${game.id} ${kind}`;
      const s = noiseSpeedup(r, name, today.overHandWritten.median);
      const error = r.accuracy[fastEntry(r, name)];
      const ok = s !== undefined && s.median >= 4 && error !== undefined && error <= 2 * TODAY.worstError;
      console.log(row([`${name}: at least 4x faster than today (${TODAY.commit}), error against the 60-digit oracle at most today's`, `${times(s)} faster; error ${exponent(error)} (today ${exponent(TODAY.worstError)})`, ok ? 'met' : 'not met']));
    }
  }
  if (r.generation) {
    for (const [name, runs] of Object.entries(r.generation)) {
      const cpu = spread(runs.map((g) => g.cpu));
      console.log(row([`regeneration of all games, ${name}: under 5 s of CPU`, `${figure(cpu)} s`, verdict(cpu, (m) => m < 5)]));
    }
  }
  console.log(`\nInstance noise, faster than today: today's time over the hand-written evaluator's, measured beside it at ${TODAY.commit} (field ${times(TODAY.field.overHandWritten)}, Jacobian ${times(TODAY.jacobian.overHandWritten)}), divided by the same ratio now (its range from the range now): unlike the times, it carries over to another machine. Error: the worst over the oracle's points of |value - oracle| / max(1, |oracle|); "at most today's" allows twice today's worst, the size of rounding.`);
}

export function printFields(r: Report): void {
  console.log('\n## Field and Jacobian (CPU ns per evaluation; 1024 fixed points in [-3, 3]^2, default hyperparameters)\n');
  console.log(header(['game', 'function', ...VARIANTS, 'generated / hand-written', 'unchecked / hand-written', 'nerdamer text / generated', 'buildFunction / generated'], VARIANTS.length + 4));
  for (const game of r.games) {
    for (const kind of KINDS) {
      const name = `${game.id} ${kind.name}`;
      const over = (a: Variant, b: Variant): string => times(ratio(r.workers, 'field', name, a, b));
      console.log(row([game.id, kind.name, ...VARIANTS.map((v) => column(r, 'field', name, v)), over('generated', 'hand-written'), over('unchecked', 'hand-written'), over('nerdamer text', 'generated'), over('buildFunction', 'generated')]));
    }
  }
  console.log('');
  for (const s of r.skipped) console.log(`Not timed: ${s.id}, because ${s.reason}.`);
  console.log(`nerdamer text: nerdamer's \`.text()\` of each formula, e^x as Math.exp, compiled with new Function (nerdamer-text.ts). buildFunction and nerdamer text are NaN or wrong at (theta, phi) = (10, 10) in: buildFunction: ${r.spots.buildFunction.join(', ') || 'none'}; nerdamer text: ${r.spots['nerdamer text'].join(', ') || 'none'}.`);
  for (const game of r.games.filter((g) => g.noisy)) {
    console.log(`\n${game.id}: worst error against the 60-digit oracle (field and Jacobian at 9 points, sharpness sigma |phi| from 0.05 to 3, both sides of the switch of rules), relative to max(1, |value|): ${VARIANTS.map((v) => `${v} ${exponent(r.accuracy[v])}`).join(', ')}. Today (${TODAY.commit}) the module took ${figure(TODAY.field.ns)} ns (field) and ${figure(TODAY.jacobian.ns)} ns (Jacobian) on ${TODAY.machine}. The hand-written evaluator pairs the nodes +-z (21 exp calls under the Gauss-Hermite rule, as the module now does too; it made 80 at ${TODAY.commit}) and keeps every rule it builds; the nerdamer variants sum their integrands over the same kept rules; all use the module's rules, switched at the module's threshold.`);
  }
}

export function printMaps(r: Report): void {
  console.log(`\n## Spectral radius at the equilibrium (${GAME}; CPU ns per point of a ${MAP_SIZE} x ${MAP_SIZE} grid, gamma in [0.05, 10] and h in [0.01, 10], log-spaced)\n`);
  console.log(header(['update map', ...MAP_VARIANTS, 'unchecked / inline', 'checked / inline'], MAP_VARIANTS.length + 2));
  for (const method of MAP_METHODS) {
    console.log(row([method, ...MAP_VARIANTS.map((v) => column(r, 'map', method, v)), times(ratio(r.workers, 'map', method, 'spectralRadiusUnchecked', 'inline closed form')), times(ratio(r.workers, 'map', method, 'spectralRadius', 'inline closed form'))]));
  }
  console.log('\n`spectralRadius(method, { h }, p)` checks its input; `spectralRadiusUnchecked(method, h, p)` and `updateEigenvaluesUnchecked(method, h, p, out)` do not; the inline closed form is the 2x2 update matrix\'s sqrt(det) for a complex pair, |tr/2| + sqrt(tr^2/4 - det) for a real one (training-reference.ts).');
}

export function printSteps(r: Report): void {
  console.log(`\n## Training steps (${GAME}, default gamma, h = ${H}, ${STEPS} steps a run from (0.5, 0.5); CPU ns per step)\n`);
  console.log(header(['method', ...STEP_VARIANTS, 'trajectory / bare loop', 'into a buffer / bare loop', 'fresh path / bare loop', 'bare loop / hand-written'], STEP_VARIANTS.length + 4));
  for (const method of STEP_METHODS) {
    const over = (variant: StepVariant, against: StepVariant): string => times(ratio(r.workers, 'steps', method, variant, against));
    console.log(row([method, ...STEP_VARIANTS.map((v) => column(r, 'steps', method, v)), over('trajectory()', 'step in a bare loop'), over('trajectory() into a buffer', 'step in a bare loop'), over('bare loop into a fresh path', 'step in a bare loop'), over('step in a bare loop', 'hand-written loop')]));
  }
  console.log('\nTimed in processes of their own, which loaded this game only, after an untimed pass over every method (the first runs of a process map the memory of their paths afresh; later ones reuse it), each figure the median of three batches per process. `trajectory()` runs with `tolerance: 0` (the default would stop it, converged) and records the whole path, in memory it allocates, or with `buffer`, into one Float64Array the bench reuses; the bare loop calls the generated step function with the state in one array, and "into a fresh path" also writes each point into a new array as long as the path (what the path\'s fresh memory costs on this machine, apart from any loop); the hand-written loop is the method written out for this game (training-reference.ts).');
}

export function printGeneration(r: Report, runs: number): void {
  if (!r.generation) return;
  console.log(`\n## Generation (${runs} runs of each case, alternated, of \`node generator/launch.mjs --root <temp copy>\`, what \`npm run generate\` runs, all games)\n`);
  console.log(header(['case', 'CPU time (child process)', 'wall time', 'the CLI\'s own timer (wall, in-process)'], 3));
  for (const [name, runsOfCase] of Object.entries(r.generation)) {
    console.log(row([name, `${figure(spread(runsOfCase.map((g) => g.cpu)))} s`, `${figure(spread(runsOfCase.map((g) => g.wall)))} s`, `${figure(spread(runsOfCase.map((g) => g.reported)))} s`]));
  }
}
