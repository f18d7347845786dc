/**
 * "Connect Telegram" as a person does it, in Debian's Chromium at phone size: the dashboard's Telegram card gives a
 * code, the stand-in's chat page (where a person plays the Telegram user) sends `/start <code>` to the bot, the bot
 * answers there with the masked address, and the card, which polls while it waits, says who is connected.
 */
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signIn } from '../e2e/sign-in.ts';
import { startTelegramStack, type TelegramStack } from './telegram-stack.ts';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } as const;
const wait = { timeout: 30_000 };

let stack: TelegramStack;
let browser: Browser;
let context: BrowserContext;
let dashboard: Page;
let errors: string[];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTelegramStack(), launchChromium()]);
  context = await browser.newContext(PHONE);
  dashboard = await context.newPage();
  errors = watchErrors(dashboard);
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

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

  const chat = await context.newPage();
  await chat.goto(stack.telegram.url);
  await chat.getByRole('textbox', { name: 'Message' }).fill(command);
  await chat.getByRole('button', { name: 'Send' }).click();
  const [local = '', domain = ''] = email.split('@');
  await expect
    .poll(() => chat.locator('#messages > li.msg.in').last().textContent(), wait)
    .toContain(`${local[0]}***@${domain}`);
  await shot(chat, 'chat');

  await expect.poll(() => card.getByRole('status').textContent(), wait).toMatch(/^Connected as @|^Connected to/);
  await shot(dashboard, 'connected');
  expect(await dashboard.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});
