/** The whole system as `npm start` runs it: one scenario, one process tree, so one file at a time. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 150_000,
  },
});
