/**
 * Telegram as a person uses it, in Debian's Chromium at phone size, the stand-in's chat page playing the Telegram app:
 * "Connect Telegram" on the dashboard gives a code, `/start <code>` in the chat links the account (the card, which
 * polls while it waits, says who is connected); a session started on a server of theirs opens its topic in the chat,
 * where what they type runs and the screen message shows the output; `/end` and its button end it, and the topic
 * says so.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LocalGateway, seedVps, startGateway } from '../e2e/gateway.ts';
import { signIn, userId } from '../e2e/sign-in.ts';
import { startTelegramStack, type TelegramStack } from './telegram-stack.ts';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } as const;
const wait = { timeout: 30_000 };

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-chat-'));
const workspaceRoot = join(dir, 'workspace');

let stack: TelegramStack;
let browser: Browser;
let context: BrowserContext;
let dashboard: Page;
let chat: Page;
let errors: string[];
let gateway: LocalGateway | undefined;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot }), launchChromium()]);
  context = await browser.newContext(PHONE);
  dashboard = await context.newPage();
  errors = watchErrors(dashboard);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The chat page's newest message from the bot, in the chat or topic open there. */
const lastFromBot = () => chat.locator('#messages > li.msg.in').last().textContent();
/** The newest screen the bot shows in the open topic (its preformatted text). */
const lastScreen = () => chat.locator('#messages > li.msg.in pre').last().textContent();
const topicButton = (name: string) => chat.locator('button.topic', { hasText: name });

const shot = (page: Page, label: string) =>
  page.screenshot({ path: join(screenshotDir, `telegram-connect-${label}.png`), fullPage: true });

it('links the Telegram account from the dashboard card and the chat page, and the card says so', async () => {
  const email = `connect-${Date.now()}@example.com`;
  await signIn(dashboard, stack.system.origin, email);
  const card = dashboard.getByRole('region', { name: 'Telegram' });
  await card.getByRole('button', { name: 'Connect Telegram' }).click(wait);
  const command = (await card.locator('code').textContent(wait)) ?? '';
  expect(command).toMatch(/^\/start [A-Za-z0-9_-]+$/);
  expect(await card.getByRole('link', { name: 'Open Telegram' }).getAttribute('href')).toBe(
    `https://t.me/vibecode_local_bot?start=${command.slice('/start '.length)}`,
  );
  await shot(dashboard, 'waiting');

  chat = await context.newPage();
  await chat.goto(stack.telegram.url);
  await chat.getByRole('textbox', { name: 'Message' }).fill(command);
  await chat.getByRole('button', { name: 'Send' }).click();
  const [local = '', domain = ''] = email.split('@');
  await expect.poll(lastFromBot, wait).toContain(`${local[0]}***@${domain}`);
  await shot(chat, 'chat');

  await expect.poll(() => card.getByRole('status').textContent(), wait).toMatch(/^Connected as @|^Connected to/);
  await shot(dashboard, 'connected');
  expect(await dashboard.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});

it('opens a topic for a new session, runs what is typed there, and shows the output', async () => {
  const vpsId = randomUUID();
  const token = seedVps(stack.system, await userId(dashboard), vpsId, 'phone-box');
  gateway = startGateway({ cpUrl: stack.system.origin, token, dir, workspaceRoot });
  await dashboard.goto(`${stack.system.origin}/vps/${vpsId}`);
  await expect
    .poll(async () => {
      await dashboard.reload();
      return dashboard.locator('main').textContent();
    }, wait)
    .toContain('Ready');
  const created = await dashboard.request.post(`${stack.system.origin}/api/vps/${vpsId}/sessions`, {
    data: { title: 'chat build', agent_type: 'shell' },
    headers: { Origin: stack.system.origin },
  });
  expect(created.status()).toBe(201);

  // At phone size the chat page shows one view at a time, as Telegram's app does: the topic list is a step back.
  await chat.getByRole('button', { name: 'Back to topics' }).click();
  await topicButton('phone-box · chat build').click(wait);
  await expect.poll(lastScreen, wait).toMatch(/[$#]\s*$/);
  await chat.getByRole('textbox', { name: 'Message' }).fill('echo "chat-$((6*7))"');
  await chat.getByRole('button', { name: 'Send' }).click();
  await expect.poll(lastScreen, wait).toContain('chat-42');
  await shot(chat, 'topic');
});

it('ends the session from the topic after asking, and the topic says it ended', async () => {
  await chat.getByRole('textbox', { name: 'Message' }).fill('/end');
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('button.kb', { hasText: 'End session' }).click(wait);
  await expect.poll(lastFromBot, wait).toContain('This session has ended');
  await chat.getByRole('button', { name: 'Back to topics' }).click();
  await expect.poll(() => topicButton('phone-box · chat build (ended)').count(), wait).toBe(1);
  await shot(chat, 'ended');
  expect(await chat.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});
