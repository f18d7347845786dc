/**
 * `unit`: the terminal's and the API client's pure logic, in Node. `browser`: the real Terminal component in
 * Debian's Chromium (playwright-core) against a Node test peer that speaks the protocol. The web app served by the
 * whole system is test/e2e's suite (its own workspace). One file at a time: two cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
    fileParallelism: false,
  },
});
