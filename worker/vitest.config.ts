/**
 * The composed Worker inside workerd, with real D1, KV and Durable Objects: what only the composition does (the cron's
 * `scheduled`, notifications delivered through the channels the entry plugs in). The bindings are core's workerd
 * suite's (core/vitest.config.ts, `worker` project): the local Worker, as `npm start` runs it.
 */
import { join } from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

const root = join(import.meta.dirname, '..');

export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: join(root, 'wrangler.toml') },
      miniflare: {
        bindings: {
          // The migrations wrangler.toml's `migrations_dir` names (core's drizzle output).
          TEST_MIGRATIONS: await readD1Migrations(join(root, 'core', 'migrations')),
          APP_ENV: 'local',
          EMAIL_MODE: 'outbox',
          // A fixed test-only key (wrangler dev reads the real one from .dev.vars).
          TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
          // A configured bot whose Bot API is a closed port: the webhook, the Queue, the claims and the link API run;
          // anything that calls Telegram fails as when Telegram is down (the journey with the Bot API stand-in is
          // test/telegram/'s).
          TELEGRAM_BOT_TOKEN: '123456:worker-test-token',
          TELEGRAM_WEBHOOK_SECRET: 'worker-test-webhook-secret',
          TELEGRAM_BOT_USERNAME: 'vibecode_test_bot',
          TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
        },
      },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    // vitest's default on two cores is one worker: two files at once overlap each file's workerd start and module
    // loading, which wait more than they compute (as in core/vitest.config.ts). ~25% less wall time, measured.
    maxWorkers: 2,
    // The bot's @grammyjs/auto-retry is CommonJS: pre-bundled, it loads in workerd; through the pool's CommonJS
    // fallback it can crash workerd (core/vitest.config.ts). wrangler's own bundle is fine.
    deps: { optimizer: { ssr: { enabled: true, include: ['@grammyjs/auto-retry', '@grammyjs/conversations'] } } },
    setupFiles: ['./test/apply-migrations.ts'],
    // A hang guard, not a speed bound.
    testTimeout: 20_000,
  },
}));
