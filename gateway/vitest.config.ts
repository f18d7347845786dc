import { defineConfig } from 'vitest/config';

// Integration suites each start a real gateway and tmux server; running files one at a time keeps them from
// starving each other on a two-core machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'release/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
