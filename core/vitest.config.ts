/**
 * Three projects: `unit` runs pure domain logic (`src/**\/*.test.ts`) in Node; `deploy` dry-runs the deploy
 * environments (`deploy/**\/*.test.ts`); `worker` runs `test/**\/*.test.ts` inside workerd with real D1, KV and
 * Durable Objects, through the same Worker entry as production.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { newVapidPrivateKey, vapidPublicKey } from '../scripts/boot/webpush.mjs';
import { reservePushPort } from './vitest.push-port.ts';

const root = join(import.meta.dirname, '..');
/** The run's VAPID key, made as `npm start` makes its own. */
const vapidPrivateKey = newVapidPrivateKey();

export default defineConfig(async () => ({
  test: {
    // vitest's default on a 2-core machine is one worker, so every file of all three projects ran one after
    // another. Most of a workerd file's time is starting its own workerd and loading the Worker's ~440 modules
    // into it over the module runner's RPC, which waits more than it computes: two files at once overlap that.
    maxWorkers: 2,
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
                // The hub's quiet notice to a chat comes this soon, so a test sees it without waiting 20 s.
                SESSION_QUIET_SECONDS: '2',
                // Web Push to the stand-in the run starts (vitest.push-service.ts), signed with a key made for this run.
                VAPID_PUBLIC_KEY: vapidPublicKey(vapidPrivateKey),
                VAPID_PRIVATE_KEY: vapidPrivateKey,
                VAPID_SUBJECT: 'mailto:tests@vibecode.invalid',
                PUSH_SERVICE_ORIGINS: `http://127.0.0.1:${await reservePushPort()}`,
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
          // The Worker entry imports the Telegram bot, whose @grammyjs/auto-retry is CommonJS: pre-bundled, it loads
          // in workerd; through the pool's CommonJS fallback it crashes workerd (wrangler's own bundle is fine).
          deps: { optimizer: { ssr: { enabled: true, include: ['@grammyjs/auto-retry', '@grammyjs/conversations'] } } },
          setupFiles: ['./test/apply-migrations.ts'],
          // localcloud for the cloud-route tests (test/provisioning/cloud-flow.test.ts); a release host for the
          // gateway update tests (test/release/).
          globalSetup: ['./vitest.localcloud.ts', './vitest.release-host.ts', './vitest.push-service.ts'],
          // A hang guard, not a speed bound: the cloud-flow tests take ~3 s alone and more on a busy 2-core machine.
          testTimeout: 20_000,
        },
      },
    ],
  },
}));
