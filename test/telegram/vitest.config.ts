/**
 * The bot against the running system: `wrangler dev` (the Worker, its Queue and D1, as `npm start` runs them) with its
 * bot pointed at the Telegram stand-in (fakes/telegram). One system per file, one file at a time on two cores.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
