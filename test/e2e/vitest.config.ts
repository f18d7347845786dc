/**
 * The web app served by the one Worker under `wrangler dev`, driven in Debian's Chromium (playwright-core). The
 * global setup makes the test build (the Terminal's test hook in, web/build/e2e/); every system here serves it.
 * One file at a time: each starts a whole system, and the machines have two cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    globalSetup: ['global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
