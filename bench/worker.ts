/**
 * One bench process (run.ts starts several, one after another): it times every group of
 * candidates side by side (cpu-timing.ts) and prints its CPU nanoseconds per operation as
 * one JSON line, a `WorkerResult`. `node --import tsx bench/worker.ts <index> <rounds>
 * <part> [ids]`: the index rotates the order of the candidates, so that no variant always
 * runs first; the part is `evaluators` (the fields and Jacobians of every game, then the
 * spectral radii) or `steps` (the training steps of one game, in a process that loaded only
 * that game, after a pass over them all: after the other part, whose process holds every game
 * and a larger heap, writing a path into fresh memory cost 1.2-2.6x a bare step); a
 * comma-separated list of game ids restricts `evaluators` to those games' field and Jacobian.
 */
import { loadBenchGames, KINDS, VARIANTS } from './variants.js';
import { checksum, pointBatch, timeGroup } from './cpu-timing.js';
import type { Candidate } from './cpu-timing.js';
import { mapGroups, stepGroups } from './training.js';
import { BENCH_POINTS } from './points.js';

/** A group's timings: CPU ns per operation by candidate name. */
export interface GroupResult {
  readonly section: 'field' | 'map' | 'steps';
  /** `<game> <kind>` or the method. */
  readonly row: string;
  readonly ns: Readonly<Record<string, number>>;
}

export interface WorkerResult {
  readonly groups: readonly GroupResult[];
  /** The shortest timed batch of this process, in CPU milliseconds. */
  readonly shortestBatchMs: number;
  readonly checksum: number;
}

async function main(): Promise<void> {
  const [index, rounds] = process.argv.slice(2, 4).map(Number);
  const part = process.argv[4];
  if (!Number.isInteger(index) || !Number.isInteger(rounds) || rounds! < 1 || (part !== 'evaluators' && part !== 'steps')) throw new Error(`usage: worker.ts <index> <rounds> evaluators|steps [ids], got ${process.argv.slice(2).join(' ')}`);
  const only = process.argv[5]?.split(',');
  const groups: GroupResult[] = [];
  let shortestBatchMs = Infinity;
  const time = (section: GroupResult['section'], row: string, candidates: readonly Candidate[]): void => {
    const timings = timeGroup(candidates, rounds!, index!);
    for (const t of timings) shortestBatchMs = Math.min(shortestBatchMs, t.shortestBatchMs);
    groups.push({ section, row, ns: Object.fromEntries(timings.map((t) => [t.name, t.ns])) });
  };

  if (part === 'steps') {
    const methods = await stepGroups();
    // Every group timed once first, untimed: the first runs of a process map their paths'
    // memory afresh, and whichever group came first paid for it (the simultaneous step, the
    // cheapest, 1.8-5.8x where the others were 1.1-1.5x).
    for (const { candidates } of methods) timeGroup(candidates, 1, index!);
    for (const { method, candidates } of methods) time('steps', method, candidates);
  } else {
    const { games } = await loadBenchGames(only);
    const { thetas, phis } = BENCH_POINTS;
    for (const game of games) {
      for (const kind of KINDS) {
        const candidates = VARIANTS.flatMap((variant) => {
          const evaluate = game.evaluate(variant, kind);
          return evaluate ? [{ name: variant, run: pointBatch(evaluate, game.defaults, thetas, phis, kind.width), opsPerRep: thetas.length }] : [];
        });
        time('field', `${game.id} ${kind.name}`, candidates);
      }
    }
    if (only === undefined) for (const { method, candidates } of await mapGroups()) time('map', method, candidates);
  }
  const result: WorkerResult = { groups, shortestBatchMs, checksum: checksum() };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? `bench worker: ${error.message}` : error);
  process.exit(1);
});
