/**
 * The Telegram side of a local system: the Bot API stand-in (fakes/telegram) as a process, the Worker settings that
 * point the bot at it, and the webhook registration a real deployment does once (telegram/README.md). The bot then
 * works end to end with no Telegram account: the stand-in's chat page plays the Telegram user.
 */
import { join } from 'node:path';
import { registerWebhook } from '@vibecode/telegram/set-webhook';
import { startChild } from './child.mjs';
import { root } from './root.mjs';

/** The local bot's @username: the stand-in answers getMe with it, and link codes name it in their t.me address. */
export const LOCAL_BOT_USERNAME = 'vibecode_local_bot';

/**
 * The stand-in's own process (fakes/bin); it prints its base URL once it listens.
 * @param {{ port: number, token: string, dataDir: string,
 *   onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void }} options
 */
export function startTelegramStandIn({ port, token, dataDir, onOutput }) {
  return startChild(process.execPath, [join(root, 'fakes', 'bin', 'fake-telegram.js')], {
    env: {
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_BOT_USERNAME: LOCAL_BOT_USERNAME,
      VIBE_TELEGRAM_PORT: String(port),
      VIBE_TELEGRAM_DATA_DIR: dataDir,
    },
    onOutput,
  });
}

/**
 * The Worker's Telegram settings for a local system. The two secrets go as vars: wrangler reads from .dev.vars only
 * the secrets wrangler.toml requires, and Telegram is optional there.
 * @param {{ apiRoot: string, token: string, secret: string }} options
 * @returns {Record<string, string>}
 */
export function telegramVars({ apiRoot, token, secret }) {
  return {
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_WEBHOOK_SECRET: secret,
    TELEGRAM_BOT_USERNAME: LOCAL_BOT_USERNAME,
  };
}

/**
 * Points the stand-in's webhook at the Worker, with the secret, as `telegram/bin/set-webhook.mjs` does for a real bot.
 * @param {{ apiRoot: string, token: string, secret: string, appUrl: string }} options
 */
export function registerLocalWebhook({ apiRoot, token, secret, appUrl }) {
  return registerWebhook({ token, secret, apiRoot, url: `${appUrl}/telegram/webhook` });
}
