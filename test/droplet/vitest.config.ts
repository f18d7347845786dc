/**
 * The droplet test: a fresh Debian root runs the control plane's user_data, so it needs root, debootstrap, the
 * network to the Debian mirror (for a cold cache) and the built web app (the Worker serves it). One file at a time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    fileParallelism: false,
    testTimeout: 900_000,
    hookTimeout: 900_000,
    globalSetup: ['./global-setup.ts'],
  },
});
