import { availableParallelism } from 'node:os';
import v8 from 'node:v8';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/sequencer.js';

// V8's optimising compiler tuned for a test run, which executes a great deal of code a few
// times each: at V8's defaults its background compile threads took about 30 s of the suite's
// 150 s of CPU. A function optimised after 4 times as much running as the default (an
// interrupt budget of 264 KB of bytecode, not 66 KB), and less inlined into each: those threads
// 30 -> 16 s, the suite's CPU 151-154 -> 141-147 s (user + sys of `npx vitest run`).
// V8's flags are the process's, so the worker threads started after this take them too. Not
// the generator's setting (no inlining at all, generator/bundled.mjs): the tests' numeric loops
// (simulations, quadratures, ODE solvers) need inlining: without it the suite took about 10 s
// more of CPU.
v8.setFlagsFromString('--interrupt-budget=270336');
v8.setFlagsFromString('--max-inlined-bytecode-size-cumulative=300');

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/warm-cache.ts'],
    // No clock limits: on a busy machine a test is slower, not wrong, so a timeout there would
    // fail good code. Every wait in the tests is on a condition instead; what must be fast
    // (the site's build, a slider's redraw) is measured in CPU time, which load does not inflate.
    testTimeout: 0,
    hookTimeout: 0,
    // One test file per core (vitest's default leaves one core to itself, which on a 2-core
    // machine runs the files one after another; its own work between files is small).
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share a worker's module cache: nerdamer, ts-morph and the derivations load
    // once per worker instead of once per file (a fifth of the suite's CPU). No test file
    // keeps mutable state at module level that another could see.
    isolate: false,
    // Worker threads rather than processes: the same isolation here (no test changes the
    // working directory or exits), less to start and to pass between them (about 5% of the wall time).
    pool: 'threads',
    sequence: { sequencer: LongestFirst },
  },
});
