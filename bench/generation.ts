/**
 * Wall time of `npm run generate` as a user sees it: the CLI in a child process
 * (`node --import tsx generator/cli.ts --root <copy>`, so Node's start-up and tsx's
 * transpiling count), on a throw-away copy of the project so generated/ is never touched.
 * The copy has its own derivations/ and generated/; generator/ and node_modules/ are links.
 * The CLI's own timer (load to write, in-process) is kept beside the wall time.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './variants.js';

export interface GenerationCase {
  readonly label: string;
  readonly args: readonly string[];
}

export interface GenerationTiming {
  readonly label: string;
  /** Seconds per run, wall time of the child process. */
  readonly wall: readonly number[];
  /** Seconds per run, as the CLI's summary line reports them. */
  readonly reported: readonly number[];
}

function runOnce(root: string, args: readonly string[]): { wall: number; reported: number } {
  const start = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'generator/cli.ts'), '--root', root, ...args], { cwd: ROOT, encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`generator/cli.ts ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
  const seconds = /in ([\d.]+) s\.\s*$/.exec(result.stdout);
  return { wall, reported: seconds ? Number(seconds[1]) : Number.NaN };
}

/** `runs` runs of each case, the cases interleaved. */
export function timeGeneration(cases: readonly GenerationCase[], runs: number): GenerationTiming[] {
  const root = mkdtempSync(path.join(tmpdir(), 'dirac-gan-bench-'));
  try {
    cpSync(path.join(ROOT, 'derivations'), path.join(root, 'derivations'), { recursive: true });
    cpSync(path.join(ROOT, 'generated'), path.join(root, 'generated'), { recursive: true });
    symlinkSync(path.join(ROOT, 'generator'), path.join(root, 'generator'));
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'));
    const timings = cases.map((c) => ({ label: c.label, wall: [] as number[], reported: [] as number[] }));
    for (let run = 0; run < runs; run++) {
      cases.forEach((c, i) => {
        const { wall, reported } = runOnce(root, c.args);
        timings[i]!.wall.push(wall);
        timings[i]!.reported.push(reported);
      });
    }
    return timings;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
