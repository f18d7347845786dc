/**
 * Telegram as a person uses it, in Debian's Chromium at phone size, the stand-in's chat page playing the Telegram app:
 * "Connect Telegram" on the dashboard gives a code, `/start <code>` in the chat links the account (the card, which
 * polls while it waits, says who is connected); `/new` and its buttons start a session on their server, whose topic
 * opens in the chat, where what they type runs and the screen message shows the output; work that ran a while and
 * stopped brings the quiet notice; a file sent in the topic lands in the session's folder and `/get` sends it back;
 * `/end` and its button end it, and the topic says so.
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
  [stack, browser] = await Promise.all([
    startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot, SESSION_QUIET_SECONDS: '3' }),
    launchChromium(),
  ]);
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
/** Types `text` in the chat page's composer (the open chat or topic) and sends it. */
async function send(text: string): Promise<void> {
  await chat.getByRole('textbox', { name: 'Message' }).fill(text);
  await chat.getByRole('button', { name: 'Send' }).click();
}
/** The newest screen the bot shows in the open topic (its preformatted text). */
const lastScreen = () => chat.locator('#messages > li.msg.in pre').last().textContent();
/** The topic list's entry named exactly `name` (another entry's last message may quote the name). */
const topicButton = (name: string) =>
  chat.locator('button.topic').filter({ has: chat.locator('.topic-name').getByText(name, { exact: true }) });

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

it('starts a session with /new, whose topic opens, runs what is typed there and shows the output', async () => {
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

  // One server: /new asks only for the agent and a title.
  await send('/new');
  await chat.locator('button.kb', { hasText: /^shell$/ }).click(wait);
  await expect.poll(lastFromBot, wait).toContain('Send a title for the session');
  await send('chat build');
  await expect.poll(lastFromBot, wait).toContain('Started "chat build" on phone-box');
  await shot(chat, 'new');

  // At phone size the chat page shows one view at a time, as Telegram's app does: the topic list is a step back.
  await chat.getByRole('button', { name: 'Back to topics' }).click();
  await topicButton('phone-box · chat build').click(wait);
  await expect.poll(lastScreen, wait).toMatch(/[$#]\s*$/);
  await send('echo "chat-$((6*7))"');
  await expect.poll(lastScreen, wait).toContain('chat-42');
  await shot(chat, 'topic');
});

it('says when work that ran a while has gone quiet', async () => {
  await send('for i in 1 2 3 4 5; do echo "tick-$((i*10))"; sleep 1; done');
  await expect.poll(lastScreen, wait).toContain('tick-50');
  await expect.poll(lastFromBot, wait).toContain('may be waiting for your input');
});

it('stores a file sent in the topic in the session’s folder, and sends it back with /get', async () => {
  const content = `notes from the phone ${randomUUID()}\n`;
  await chat
    .locator('#file-input')
    .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
  await expect.poll(lastFromBot, wait).toContain("Saved to notes.txt in the session's folder");
  await send('/get notes.txt');
  const document = chat.locator('#messages > li.msg.in a.document').last();
  await expect.poll(() => document.textContent(), wait).toContain('notes.txt');
  const href = (await document.getAttribute('href')) ?? '';
  expect(await (await fetch(new URL(href, stack.telegram.url))).text()).toBe(content);
  await shot(chat, 'files');
});

it('ends the session from the topic after asking, and the topic says it ended', async () => {
  await send('/end');
  await chat.locator('button.kb', { hasText: 'End session' }).click(wait);
  await expect.poll(lastFromBot, wait).toContain('This session has ended');
  await chat.getByRole('button', { name: 'Back to topics' }).click();
  await expect.poll(() => topicButton('phone-box · chat build (ended)').count(), wait).toBe(1);
  await shot(chat, 'ended');
  expect(await chat.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});
