/**
 * Two projects: `unit` runs the pure parts and the linking conversation (`src/**\/*.test.ts`) in Node, with the
 * session topics against the Bot API stand-in (`test/stand-in/`, Node: the stand-in is a Node server); `d1` runs the
 * bot's D1 stores (`test/*.test.ts`) inside workerd against a real D1 with every migration applied, as the Worker
 * has it. The Worker's routes and Queue run in worker/test; the journey with the Bot API stand-in in test/telegram.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig(async () => ({
  test: {
    // vitest's default on two cores is one worker; two let a `d1` file's workerd start overlap another file
    // (as in core/vitest.config.ts). ~15-25% less wall time, measured.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'test/stand-in/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [
          cloudflareTest({
            miniflare: {
              compatibilityDate: '2026-04-20',
              d1Databases: ['DB'],
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(join(import.meta.dirname, '..', 'core', 'migrations')),
              },
            },
          }),
        ],
        test: { name: 'd1', include: ['test/*.test.ts'], setupFiles: ['./test/apply-migrations.ts'] },
      },
    ],
  },
}));
