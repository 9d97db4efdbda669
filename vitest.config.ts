import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
