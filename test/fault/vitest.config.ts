/**
 * The fault suite breaks the running system (wrangler dev + the gateway + tmux) on purpose: each file starts its own
 * stack, so one file at a time, with room for a restart of the control plane on a loaded two-core machine.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
