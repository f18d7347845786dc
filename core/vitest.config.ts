/**
 * Two projects: `unit` runs pure domain logic (`src/**\/*.test.ts`) in Node; `worker` runs `test/**\/*.test.ts`
 * inside workerd with real D1, KV and Durable Objects, through the same Worker entry as production.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = join(import.meta.dirname, '..');

export default defineConfig(async () => ({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: join(root, 'wrangler.toml') },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(join(import.meta.dirname, 'migrations')),
              },
            },
          }),
        ],
        test: { name: 'worker', include: ['test/**/*.test.ts'], setupFiles: ['./test/apply-migrations.ts'] },
      },
    ],
  },
}));
