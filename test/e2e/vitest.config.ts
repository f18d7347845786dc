/**
 * The web app served by the one Worker under `wrangler dev`, driven in Debian's Chromium (playwright-core). The
 * global setup makes the test build (the Terminal's test hook in, web/build/e2e/); every system here serves it. Then
 * it hosts the system most files share (shared-system-host.ts); the others start their own. One file at a time:
 * they share that system one after another, and the machines have two cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    environment: 'node',
    globalSetup: ['global-setup.ts', 'shared-system-host.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
