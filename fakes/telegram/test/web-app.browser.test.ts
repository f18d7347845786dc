/**
 * The Mini App window of the chat page in Chromium (Debian's, through playwright-core), with a tiny Mini App
 * (mini-app.ts) on its own local server loading the stand-in's telegram-web-app.js: a message's web_app button and the
 * chat's menu button open it at 375×812 with signed initData; the app's BackButton, MainButton and haptics show in the
 * window's chrome and their presses reach the app; the theme switch, reload (same launch data) and close work; on a
 * desktop the window is a 375-wide panel.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { launchChromium, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../src/index.ts';
import { call, TOKEN, userMessage } from './helpers.ts';
import { type MiniApp, startMiniApp } from './mini-app.ts';

const wait = { timeout: 15_000 };
const shotsDir = process.env.FAKE_TELEGRAM_SHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `web-app-${name}.png`) });
};
/** The chat page's default user (identity.js). */
const ME = { id: 100001, is_bot: false, first_name: 'Ada', username: 'ada_local' };

let f: FakeTelegram;
let app: MiniApp;
let browser: Browser;

beforeAll(async () => {
  [f, browser] = await Promise.all([startFakeTelegram({ token: TOKEN }), launchChromium()]);
  app = await startMiniApp(`${f.url}/js/telegram-web-app.js`);
  await f.deliver(userMessage('/start', { from: ME, chat: { ...ME, type: 'private' } }));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await f?.close();
});

/** Whether initData carries Telegram's hash for the stand-in's bot token. */
function validHash(initData: string): boolean {
  const params = new URLSearchParams(initData);
  const lines = [...params.entries()]
    .filter(([k]) => k !== 'hash')
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(TOKEN).digest();
  return createHmac('sha256', secret).update(lines).digest('hex') === params.get('hash');
}

it('opens a message’s Mini App at phone size, with its buttons, haptics, theme, reload and close', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const url = `${app.url}/app?session=s1`;
  await call(f, 'sendMessage', {
    chat_id: ME.id,
    text: 'your screen',
    reply_markup: { inline_keyboard: [[{ text: 'Open terminal', web_app: { url } }]] },
  });
  await page.goto(f.url);
  await page.locator('button.kb', { hasText: 'Open terminal' }).click(wait);
  const frame = page.frameLocator('#webapp-frame');
  await expect.poll(() => frame.locator('#user').textContent(), wait).toBe('Ada');
  expect(await page.isVisible('#webapp')).toBe(true);
  expect(await page.textContent('#webapp-title')).toBe('VibeCode (local)');
  expect(await frame.locator('#version').textContent()).toBe('8.0 (6.1+)');
  expect(await frame.locator('#platform').textContent()).toBe('weba');
  const initData = (await frame.locator('#init-data').textContent()) ?? '';
  expect(validHash(initData)).toBe(true);
  expect(new URLSearchParams(initData).get('chat_type')).toBe('sender');
  expect(
    page
      .frames()
      .find((fr) => fr.url().startsWith(url))
      ?.url(),
  ).toContain('#tgWebAppData=');
  // The app said ready; it knows the frame's height and the theme.
  await expect.poll(() => page.getAttribute('#webapp', 'data-ready'), wait).toBe('true');
  const frameHeight = await page.locator('#webapp-frame').evaluate((el) => el.clientHeight);
  await expect.poll(() => frame.locator('#height').textContent(), wait).toBe(String(frameHeight));
  expect(await frame.locator('#scheme').textContent()).toBe('light');
  expect(await frame.locator('#bg').textContent()).toBe('#ffffff');
  await expect.poll(() => frame.locator('#log').textContent(), wait).toContain('safe area {"top":0');
  const box = await page.locator('.webapp-window').boundingBox();
  expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 812 });

  // BackButton: shown in the header while the app wants it; a press reaches the app.
  expect(await page.isHidden('#webapp-back')).toBe(true);
  await frame.locator('#show-back').click();
  await page.getByRole('button', { name: 'Back', exact: true }).click(wait);
  await expect.poll(() => frame.locator('#log').textContent(), wait).toContain('back');
  await expect.poll(() => page.isHidden('#webapp-back'), wait).toBe(true);

  // MainButton: below the frame, with the app's text; the frame shrinks and the app hears its new height.
  await frame.locator('#show-main').click();
  await expect.poll(() => page.textContent('#webapp-main'), wait).toBe('New session');
  await page.click('#webapp-main');
  await expect.poll(() => frame.locator('#log').textContent(), wait).toContain('main');
  const shorter = await page.locator('#webapp-frame').evaluate((el) => el.clientHeight);
  expect(shorter).toBeLessThan(frameHeight);
  await expect.poll(() => frame.locator('#height').textContent(), wait).toBe(String(shorter));

  // Haptics are listed where a phone would vibrate.
  await frame.locator('#tap').click();
  await expect.poll(() => page.locator('#webapp-haptics li').allTextContents(), wait).toEqual(['impact light']);

  // The dark theme reaches the app (colour scheme and CSS variables).
  await page.getByRole('button', { name: 'Switch the theme' }).click();
  await expect.poll(() => frame.locator('#scheme').textContent(), wait).toBe('dark');
  expect(await frame.locator('#bg').textContent()).toBe('#212121');
  await shot(page, 'phone');

  // Reload: the app reloads itself with the same launch data; its buttons go until it sets them again.
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect.poll(() => frame.locator('#loads').textContent(), wait).toBe('2');
  expect(await frame.locator('#init-data').textContent()).toBe(initData);
  expect(await page.isHidden('#webapp-main')).toBe(true);

  // The app closes itself.
  await frame.locator('#close').click();
  await expect.poll(() => page.isHidden('#webapp'), wait).toBe(true);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

it('opens the menu button’s Mini App with a query_id, as a 375-wide panel on a desktop', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(f.url);
  expect(await page.isHidden('#menu-button')).toBe(true);
  const menu = { type: 'web_app', text: 'Terminal', web_app: { url: `${app.url}/app` } };
  await call(f, 'setChatMenuButton', { chat_id: ME.id, menu_button: menu });
  await page.getByRole('button', { name: 'Terminal', exact: true }).click(wait);
  const frame = page.frameLocator('#webapp-frame');
  await expect.poll(() => frame.locator('#user').textContent(), wait).toBe('Ada');
  const initData = (await frame.locator('#init-data').textContent()) ?? '';
  expect(validHash(initData)).toBe(true);
  expect(new URLSearchParams(initData).get('query_id')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  const box = await page.locator('.webapp-window').boundingBox();
  expect(box?.width).toBe(375);
  expect(box?.height).toBe(800);
  await shot(page, 'desktop');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await page.isHidden('#webapp')).toBe(true);
  // Taken back: the menu button goes.
  await call(f, 'setChatMenuButton', { chat_id: ME.id, menu_button: { type: 'default' } });
  await expect.poll(() => page.isHidden('#menu-button'), wait).toBe(true);
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
