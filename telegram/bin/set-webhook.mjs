#!/usr/bin/env node
/**
 * Registers the bot with the Bot API: `setWebhook` (the Worker's `/telegram/webhook`, the secret Telegram sends back
 * in `X-Telegram-Bot-Api-Secret-Token`, the update kinds the bot handles) and `setMyCommands` (the command menu, from
 * src/commands.json). Plain JavaScript so `npm start` can import it without a TypeScript loader.
 *
 *   import { registerWebhook } from '@vibecode/telegram/set-webhook';
 *   await registerWebhook({ token, apiRoot, url: `${origin}/telegram/webhook`, secret });
 *
 * As a command, for production (telegram/README.md): TELEGRAM_BOT_TOKEN=… TELEGRAM_WEBHOOK_SECRET=…
 * node telegram/bin/set-webhook.mjs https://vibecode.example.com   (TELEGRAM_API_ROOT optional)
 */
import { pathToFileURL } from 'node:url';
import commands from '../src/commands.json' with { type: 'json' };

export const DEFAULT_API_ROOT = 'https://api.telegram.org';
/** What the bot handles; Telegram sends nothing else (fewer wasted Worker invocations). */
export const ALLOWED_UPDATES = ['message', 'callback_query'];

/** A Bot API call; the error names the method and Telegram's description, never the token. */
async function call(fetchFn, apiRoot, token, method, params) {
  let response;
  try {
    response = await fetchFn(`${apiRoot.replace(/\/+$/, '')}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
  } catch (error) {
    throw new Error(`${method}: could not reach the Bot API at ${apiRoot} (${error?.cause?.code ?? error})`);
  }
  const body = await response.json().catch(() => null);
  if (!body?.ok) {
    throw new Error(`${method} failed: ${body?.description ?? `HTTP ${response.status}`}`);
  }
  return body.result;
}

/**
 * @param {{ token: string, url: string, secret: string, apiRoot?: string, fetch?: typeof fetch }} options
 */
export async function registerWebhook({ token, url, secret, apiRoot = DEFAULT_API_ROOT, fetch: fetchFn = fetch }) {
  if (!token || !secret) throw new Error('registerWebhook needs the bot token and the webhook secret');
  await call(fetchFn, apiRoot, token, 'setWebhook', {
    url,
    secret_token: secret,
    allowed_updates: ALLOWED_UPDATES,
  });
  await call(fetchFn, apiRoot, token, 'setMyCommands', { commands });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const origin = process.argv[2];
  if (!origin) {
    console.error('usage: node telegram/bin/set-webhook.mjs <the Worker’s public https origin>');
    process.exit(2);
  }
  try {
    const url = new URL('/telegram/webhook', origin).href;
    await registerWebhook({
      token: process.env.TELEGRAM_BOT_TOKEN ?? '',
      secret: process.env.TELEGRAM_WEBHOOK_SECRET ?? '',
      apiRoot: process.env.TELEGRAM_API_ROOT || DEFAULT_API_ROOT,
      url,
    });
    console.log(`webhook set: ${url}`);
  } catch (error) {
    console.error(String(error.message ?? error));
    process.exit(1);
  }
}
