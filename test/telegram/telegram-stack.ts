/**
 * The system the bot tests drive: `wrangler dev` with a fresh local state (test/e2e/system.ts: the Worker, its
 * TELEGRAM_UPDATES Queue and D1, as `npm start` runs them), its bot pointed at the Telegram stand-in
 * (`@vibecode/fakes/telegram`, the one Telegram fake, the same `npm start` runs) with the webhook registered as a
 * deployment registers it, and a signed-in browser for the link API. The Worker knows its own public origin
 * (PUBLIC_URL, for the Mini App's `web_app` buttons) and loads Telegram's Mini App script from the stand-in.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { type FakeTelegram, type RecordedCall, startFakeTelegram } from '@vibecode/fakes/telegram';
import { expect } from 'vitest';
import { freePort, registerLocalWebhook, telegramVars } from '../../scripts/boot/index.mjs';
import { type LocalGateway, seedVps, startGateway } from '../e2e/gateway.ts';
import { ensureWebBuild, type System, startSystem } from '../e2e/system.ts';
import { Browser, poll } from '../system/client.ts';

export interface TelegramStack {
  system: System;
  telegram: FakeTelegram;
  browser: Browser;
  /** The signed-in user's address, which the bot shows masked. */
  email: string;
  secret: string;
  /** The bot's `sendMessage` calls to `chatId`, in order. */
  sentTo(chatId: number): RecordedCall[];
  /** Waits until the bot has sent `chatId` more than `before` messages; returns the first new one's text. */
  nextReply(chatId: number, before: number): Promise<string>;
  stop(): Promise<void>;
}

/** A private-chat text message from Telegram user `userId`, as Telegram sends it (the stand-in adds the update_id). */
export function textFrom(userId: number, text: string, messageId = randomInt(1, 1_000_000)) {
  const user = { id: userId, is_bot: false, first_name: `User ${userId}` };
  return {
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private' as const, first_name: user.first_name },
      from: user,
      text,
    },
  };
}

/**
 * `vars`: more Worker vars (a local gateway's workspace root, a short quiet period). `testScheduled`: the cron can be
 * run (`system.scheduled()`), for the notices the lifecycle sweep sends.
 */
export async function startTelegramStack(
  vars: Record<string, string> = {},
  options: { testScheduled?: boolean } = {},
): Promise<TelegramStack> {
  ensureWebBuild();
  const token = `${randomInt(1_000_000_000, 9_999_999_999)}:${randomBytes(26).toString('base64url')}`;
  const secret = randomBytes(32).toString('base64url');
  const telegram = await startFakeTelegram({ token });
  let system: System | undefined;
  try {
    const port = await freePort();
    const miniApp = {
      // The origin system.ts gives the app (localhost, as the browser and the signed-in client use it).
      PUBLIC_URL: `http://localhost:${port}`,
      TELEGRAM_WEBAPP_SCRIPT_URL: `${telegram.url}/js/telegram-web-app.js`,
    };
    system = await startSystem(
      { ...telegramVars({ apiRoot: telegram.url, token, secret }), ...miniApp, ...vars },
      { ...options, port },
    );
    await registerLocalWebhook({ apiRoot: telegram.url, token, secret, appUrl: system.origin });
    const browser = new Browser(system.origin);
    const email = `telegram-${Date.now()}@example.com`;
    await browser.signIn(email);
    const sentTo = (chatId: number) =>
      telegram.calls().filter((c) => c.method === 'sendMessage' && Number(c.params.chat_id) === chatId);
    const running = system;
    return {
      system: running,
      telegram,
      browser,
      email,
      secret,
      sentTo,
      nextReply: (chatId, before) =>
        poll(`a reply to chat ${chatId}`, async () => {
          const next = sentTo(chatId)[before];
          return next === undefined ? undefined : String(next.params.text);
        }),
      stop: async () => {
        await running.stop();
        await telegram.close();
      },
    };
  } catch (error) {
    await system?.stop();
    await telegram.close();
    throw error;
  }
}

/** Links Telegram chat `chat` (a private chat: its id is the user's) to the stack's signed-in user, as a person does. */
export async function linkChat(stack: TelegramStack, chat: number): Promise<void> {
  const { code } = await stack.browser.json<{ code: string }>('POST', '/api/telegram/link', undefined, 201);
  const before = stack.sentTo(chat).length;
  await stack.telegram.deliver(textFrom(chat, `/start ${code}`));
  expect(await stack.nextReply(chat, before)).toContain('***@');
}

/**
 * A server of the signed-in user's, named `name`, whose gateway (this repo's, with its own tmux server) runs on this
 * machine in `dir`; resolves once the server is ready. The Worker must have `workspaceRoot` as VPS_WORKSPACE_ROOT.
 */
export async function localServer(
  stack: TelegramStack,
  options: { name: string; dir: string; workspaceRoot: string },
): Promise<{ vpsId: string; gateway: LocalGateway }> {
  const { user } = await stack.browser.json<{ user: { id: string } }>('GET', '/api/me');
  const vpsId = randomUUID();
  const token = seedVps(stack.system, user.id, vpsId, options.name);
  const gateway = startGateway({
    cpUrl: stack.system.origin,
    token,
    dir: options.dir,
    workspaceRoot: options.workspaceRoot,
  });
  await poll('the server is ready', async () => {
    const { vps } = await stack.browser.json<{ vps: { status: string } }>('GET', `/api/vps/${vpsId}`);
    return vps.status === 'ready' ? true : undefined;
  });
  return { vpsId, gateway };
}
