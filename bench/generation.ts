/**
 * The CPU time of `npm run generate` as a user runs it: the CLI in a child process
 * (`node generator/launch.mjs --root <copy>`, so Node's start-up and esbuild's bundling of
 * the generator count), on a throw-away copy of the project so generated/ is never touched.
 * The copy has its own derivations/ and generated/; generator/, runtime/ (where there is one),
 * methods/ and node_modules/ are links.
 * The child's CPU time (user + system, with the processes it waited for) is read from this
 * process's cutime and cstime in /proc/self/stat (Linux; 10 ms clock ticks) around the
 * run; its wall time and the CLI's own timer (load to write, in-process) are kept beside.
 * Three cases: nothing kept from earlier runs (--no-cache: every game derived, every method
 * linearised and simulated), nothing changed since the last run, and one game changed (a new
 * summary for gan-r1 each time).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './root.js';

export interface GenerationRun {
  /** Seconds of CPU of the child, or NaN where /proc/self/stat is not readable. */
  readonly cpu: number;
  /** Seconds of wall time. */
  readonly wall: number;
  /** Seconds, as the CLI's summary line reports them. */
  readonly reported: number;
}

/** Clock ticks a second of /proc's times (USER_HZ, 100 on Linux for x86 and arm). */
const TICKS_PER_SECOND = 100;

/** CPU seconds of the waited-for children of this process (cutime + cstime), NaN off Linux. */
export function childrenCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: cutime and cstime are the 16th and 17th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
}

function runOnce(root: string, ...flags: string[]): GenerationRun {
  const cpuBefore = childrenCpu();
  const start = performance.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'generator/launch.mjs'), '--root', root, ...flags], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  const cpu = childrenCpu() - cpuBefore;
  if (result.status !== 0) throw new Error(`npm run generate exited with ${result.status}:\n${result.stderr}`);
  const seconds = /in ([\d.]+) s\.\s*$/.exec(result.stdout);
  return { cpu, wall, reported: seconds ? Number(seconds[1]) : Number.NaN };
}

/** What a regeneration finds kept from earlier runs (generator/cache.ts). */
export const GENERATION_CASES = ['nothing kept (--no-cache)', 'no game changed', 'one game changed'] as const;
export type GenerationCase = (typeof GENERATION_CASES)[number];

/** `runs` regenerations of all games in each case, alternated (a run of each case, then again). */
/** Marks this bench run's edits apart from every earlier run's. */
const RUN_MARK = `${process.pid}-${Date.now().toString(36)}`;

export function timeGeneration(runs: number): Record<GenerationCase, GenerationRun[]> {
  const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-bench-'));
  try {
    cpSync(path.join(ROOT, 'derivations'), path.join(root, 'derivations'), { recursive: true });
    cpSync(path.join(ROOT, 'generated'), path.join(root, 'generated'), { recursive: true });
    for (const shared of ['generator', 'runtime', 'methods', 'node_modules']) {
      if (existsSync(path.join(ROOT, shared))) symlinkSync(path.join(ROOT, shared), path.join(root, shared));
    }
    const gan = path.join(root, 'derivations/gan-r1.ts');
    const source = readFileSync(gan, 'utf8');
    const results: Record<GenerationCase, GenerationRun[]> = { 'nothing kept (--no-cache)': [], 'no game changed': [], 'one game changed': [] };
    runOnce(root); // Every game kept, as after any earlier run.
    for (let i = 0; i < runs; i++) {
      results['nothing kept (--no-cache)'].push(runOnce(root, '--no-cache'));
      results['no game changed'].push(runOnce(root));
      // A new summary each time, and in each bench run (the cache outlives a run): a definition no
      // earlier run has derived, so the whole game is derived again.
      writeFileSync(gan, source.replace("en: 'A zero-centred", `en: '(${RUN_MARK} ${i + 1}) A zero-centred`));
      results['one game changed'].push(runOnce(root));
    }
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
