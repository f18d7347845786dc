/**
 * The chat page in Chromium (Debian's, through playwright-core), at phone (375×812) and desktop (1280×800) sizes,
 * against the stand-in and a real grammY bot behind a local webhook: send text in the main chat and in a topic, see
 * the replies rendered (HTML entities, escaped text), an edit in place, a button press answered with a toast, a
 * reply, a document and a photo upload, a pinned message, another user, and delivery failures said plainly.
 */
import { join } from 'node:path';
import { launchChromium, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../src/index.ts';
import { type EchoBot, startEchoBot } from './echo-bot.ts';
import { TOKEN } from './helpers.ts';

const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const wait = { timeout: 15_000 };
/** Where to save screenshots for a person to look at (`FAKE_TELEGRAM_SHOTS=/some/dir`); none are taken without it. */
const shotsDir = process.env.FAKE_TELEGRAM_SHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: join(shotsDir, `chat-page-${name}.png`) });
};

let f: FakeTelegram;
let echo: EchoBot;
let browser: Browser;

beforeAll(async () => {
  [f, browser] = await Promise.all([startFakeTelegram({ token: TOKEN }), launchChromium()]);
  echo = await startEchoBot(f);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await echo?.close();
  await f?.close();
});

/** The bot's latest sendMessage call. */
const lastSent = () => f.calls().findLast((c) => c.method === 'sendMessage');
const messages = (page: Page) => page.locator('#messages > li');
const lastIn = (page: Page) => page.locator('#messages > li.msg.in').last();

/** Opens a topic (or the main chat) from the topic list by its name. */
async function open(page: Page, name: string): Promise<void> {
  await page.locator('#topic-list .topic-name').getByText(name, { exact: true }).click(wait);
}

async function say(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

/** No element wider than the window: the page must not scroll sideways. */
async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
}

it('works at phone width: main chat, HTML replies, edit in place, a button, a reply, a file and a topic', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The machine has no network: the url button's page is answered here.
  await context.route('https://example.com/**', (route) => route.fulfill({ body: 'the docs' }));
  await page.goto(f.url);
  await expect.poll(() => page.textContent('#webhook-state'), wait).toBe('webhook set');
  await expect.poll(() => page.textContent('#me-button')).toBe('You: Ada (@ada_local) · id 100001');

  // Text in the main chat; the bot's HTML reply is rendered as Telegram would, and the user's markup stays text.
  await say(page, 'hello <world> & <b>you</b>');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('echo: hello <world> & <b>you</b>');
  expect(await lastIn(page).locator('.text strong').textContent()).toBe('hello <world> & <b>you</b>');
  expect(await page.locator('#messages b').count()).toBe(0);
  const mine = page.locator('#messages > li.msg.out').last();
  expect(await mine.locator('.text').textContent()).toBe('hello <world> & <b>you</b>');

  // An edit replaces the message where it is.
  await say(page, 'edit me');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('done ok');
  expect(await lastIn(page).locator('.text code').textContent()).toBe('ok');
  expect(await lastIn(page).locator('.edited').count()).toBe(1);
  expect(await page.locator('#messages').getByText('working…').count()).toBe(0);
  const editedId = await lastIn(page).getAttribute('data-message-id');
  expect(lastSent()?.result).toMatchObject({ text: 'working…', message_id: Number(editedId) });

  // A callback button: the bot answers (a toast) and edits the message; a url button opens its page.
  await say(page, '/menu');
  await page.getByRole('button', { name: 'Yes' }).click(wait);
  await expect.poll(() => page.textContent('#toast-text'), wait).toBe('You chose yes');
  await expect.poll(() => page.locator('#messages').getByText('Chosen: yes').count(), wait).toBe(1);
  expect(await page.locator('#messages em').last().textContent()).toBe('yes');
  expect(await page.getByRole('button', { name: 'Yes' }).count()).toBe(0);
  await say(page, '/menu');
  const popup = page.waitForEvent('popup', wait);
  await page.getByRole('button', { name: 'Docs' }).click(wait);
  const docs = await popup;
  await docs.waitForLoadState();
  expect(docs.url()).toBe('https://example.com/docs');
  await docs.close();

  // A reply carries reply_to_message; the bot sees which message.
  const target = page.locator('#messages > li.msg.out').filter({ hasText: 'edit me' });
  const targetId = await target.getAttribute('data-message-id');
  await target.getByRole('button', { name: '↩ Reply' }).click();
  await expect.poll(() => page.textContent('#reply-text')).toBe('↩ Ada: edit me');
  await say(page, 'about that');
  await expect
    .poll(() => lastIn(page).locator('.text').textContent(), wait)
    .toBe(`echo: about that (reply to #${targetId})`);
  expect(await page.locator('#messages > li.msg.out').last().locator('.quote').textContent()).toBe('Adaedit me');
  expect(await page.isHidden('#reply-bar')).toBe(true);

  // A document upload.
  await page.setInputFiles('#file-input', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi\n') });
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('got file notes.txt (3 bytes)');
  expect(await page.locator('#messages a.document').last().textContent()).toBe('📄 notes.txt');

  // A document from the bot, downloadable from the page; a chat action shows under the title.
  await say(page, '/get');
  await expect.poll(() => page.locator('#messages a.document').last().textContent(), wait).toBe('📄 report.txt');
  const href = await page.locator('#messages a.document').last().getAttribute('href');
  expect(await page.evaluate<string>(`fetch(${JSON.stringify(href)}).then((r) => r.text())`)).toBe('report body\n');
  expect(await lastIn(page).locator('.text').textContent()).toBe('your file');
  await say(page, '/think');
  await expect.poll(() => page.textContent('#view-subtitle'), wait).toBe('typing…');

  // A pinned message is marked, and shown in the pinned bar.
  await say(page, '/pin');
  await expect.poll(() => page.textContent('#pinned-bar'), wait).toBe('📌 Pinned note');
  expect(await lastIn(page).locator('.pin').textContent()).toBe('📌 pinned');

  // A topic: the bot makes it; the topic list shows it; its messages live in its own view.
  await say(page, '/topic Build');
  await page.click('#back');
  await open(page, 'Build');
  await expect.poll(() => page.textContent('#view-title')).toBe('Build');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('Topic Build is ready');
  await say(page, 'in the topic');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('echo: in the topic');
  expect(lastSent()?.result).toMatchObject({ is_topic_message: true, text: 'echo: in the topic' });
  expect(await messages(page).filter({ hasText: 'hello' }).count()).toBe(0);
  await expectNoSidewaysScroll(page, 375);
  await shot(page, 'phone-topic');

  await page.click('#back');
  expect(await page.locator('#topic-list .topic-last').allTextContents()).toContain('echo: in the topic');
  await shot(page, 'phone-list');
  await open(page, 'Main chat');
  expect(await messages(page).filter({ hasText: 'in the topic' }).count()).toBe(0);
  await expectNoSidewaysScroll(page, 375);
  await shot(page, 'phone-main');
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);

it('works on a desktop: another user, a photo, a topic message, and delivery failures said plainly', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(f.url);
  await expect.poll(() => page.textContent('#webhook-state'), wait).toBe('webhook set');

  // Who you are: another Telegram user is another private chat.
  await page.click('#me-button');
  await page.fill('#me-form input[name=id]', 'not a number');
  await page.click('#me-form button[type=submit]');
  await expect.poll(() => page.textContent('#me-error')).toBe('The user id must be a whole number from 1 to 2^52.');
  await page.fill('#me-form input[name=id]', '2002');
  await page.fill('#me-form input[name=first_name]', 'Grace');
  await page.fill('#me-form input[name=username]', '');
  await page.click('#me-form button[type=submit]');
  await expect.poll(() => page.textContent('#me-button')).toBe('You: Grace · id 2002');
  await expect.poll(() => messages(page).count(), wait).toBe(0);

  await say(page, '/start');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('echo: /start');
  expect(lastSent()?.params).toMatchObject({ chat_id: 2002 });

  // A photo (PNG) goes as a photo; the bot can getFile it.
  await page.setInputFiles('#file-input', { name: 'dot.png', mimeType: 'image/png', buffer: ONE_PIXEL_PNG });
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toMatch(/^got photo 1x1 at documents\//);
  expect(await page.locator('#messages img.photo').count()).toBe(1);

  // Both panes side by side: topics and messages.
  await say(page, '/topic Desk');
  await open(page, 'Desk');
  await say(page, 'desk talk');
  await expect.poll(() => lastIn(page).locator('.text').textContent(), wait).toBe('echo: desk talk');
  expect(await page.isVisible('#topic-list')).toBe(true);
  expect(await page.isVisible('#back')).toBe(false);
  await expectNoSidewaysScroll(page, 1280);
  await shot(page, 'desktop-topic');

  // The webhook answers 401 (a secret it does not expect): said on the message and in the problem bar.
  await echo.bot.api.setWebhook(echo.url, { secret_token: 'not-the-bots-secret' });
  await say(page, 'are you there?');
  await expect
    .poll(() => page.textContent('#problem-text'), wait)
    .toBe("Delivered, but the bot's webhook answered 401 (wrong or missing secret token?).");
  await expect
    .poll(() => page.locator('#messages > li.msg.out').last().locator('.not-delivered').textContent(), wait)
    .toBe("⚠ Delivered, but the bot's webhook answered 401 (wrong or missing secret token?).");

  // No webhook at all.
  await echo.bot.api.deleteWebhook();
  await expect.poll(() => page.textContent('#webhook-state'), wait).toBe('no webhook');
  await say(page, 'anyone?');
  await expect
    .poll(() => page.textContent('#problem-text'), wait)
    .toBe('Not delivered: the bot has no webhook set (it never called setWebhook, or called deleteWebhook).');
  await shot(page, 'desktop-failure');
  await echo.bot.api.setWebhook(echo.url, { secret_token: 'echo-bot-secret' });
  expect(errors).toEqual([]);
  await context.close();
}, 120_000);
