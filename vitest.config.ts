import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Simulations and child-process runs of the generator take seconds, not milliseconds.
    testTimeout: 60_000,
  },
});
