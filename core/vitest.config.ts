/**
 * Three projects: `unit` runs pure domain logic (`src/**\/*.test.ts`) in Node; `deploy` dry-runs the deploy
 * environments (`deploy/**\/*.test.ts`); `worker` runs `test/**\/*.test.ts` inside workerd with real D1, KV and
 * Durable Objects, through the same Worker entry as production.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = join(import.meta.dirname, '..');

export default defineConfig(async () => ({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'], environment: 'node' } },
      // `wrangler deploy --dry-run` per deploy environment (deploy/dry-run.test.ts): a bundle takes a few seconds.
      { test: { name: 'deploy', include: ['deploy/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: join(root, 'wrangler.toml') },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(join(import.meta.dirname, 'migrations')),
                // wrangler.toml's top level is production-safe; the tests run the local Worker, as `npm start` does.
                APP_ENV: 'local',
                EMAIL_MODE: 'outbox',
                // A fixed test-only key (wrangler dev reads the real one from .dev.vars).
                TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
                // A test-only support key, so the support-access routes run against a configured control plane.
                SUPPORT_PUBLIC_KEY:
                  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFxNUnTuz2R5teysa/zHiuY1uFgBH6EZ7u+0uoxzhykp support@test',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/**/*.test.ts'],
          setupFiles: ['./test/apply-migrations.ts'],
          // localcloud for the cloud-route tests (test/provisioning/cloud-flow.test.ts); a release host for the
          // gateway update tests (test/release/).
          globalSetup: ['./vitest.localcloud.ts', './vitest.release-host.ts'],
          // A hang guard, not a speed bound: the cloud-flow tests take ~3 s alone and more on a busy 2-core machine.
          testTimeout: 20_000,
        },
      },
    ],
  },
}));
