/**
 * The Telegram Mini App as a person uses it, in Debian's Chromium at phone size (375×812), the stand-in's chat page
 * playing the Telegram app and its Mini App window playing Telegram's web view: the chat is linked, `/new` starts a
 * session, the "Open terminal" button on its screen message opens the Mini App on that session (initData signed with
 * the local bot token, the web's own terminal), what is typed there runs; a reload resumes the same session with its
 * output; the extra keys tap haptically (Telegram's HapticFeedback, listed by the window), Telegram's BackButton
 * returns to the picker, where the MainButton offers a new session; the chat's menu button opens the picker with the
 * server and the session; initData whose hash was altered on the way is refused with the page saying why.
 *
 * The chat page is opened as `localhost`, the host the app's origin (PUBLIC_URL) uses: the Mini App frame is then
 * same-site with its parent, so the local (plain http, SameSite=Lax) session cookie works inside it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// The terminal's test hook's type (`window.__vibeTerminal`), as the web's own terminal tests read the buffer.
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalGateway } from '../e2e/gateway.ts';
import { localServer, startTelegramStack, type TelegramStack } from './telegram-stack.ts';

const PHONE = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } as const;
const wait = { timeout: 30_000 };
/** What the Mini App says when Telegram's launch data does not verify (the auth route's 401). */
const NOT_VERIFIED = 'Could not verify this Telegram session — close and reopen the Mini App';

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-miniapp-'));
const workspaceRoot = join(dir, 'workspace');

let stack: TelegramStack;
let browser: Browser;
let context: BrowserContext;
let chat: Page;
let chatUrl: string;
let errors: string[];
let gateway: LocalGateway | undefined;
let vpsId: string;
let sessionId: string;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot }), launchChromium()]);
  chatUrl = stack.telegram.url.replace('127.0.0.1', 'localhost');
  context = await browser.newContext(PHONE);
  chat = await context.newPage();
  errors = watchErrors(chat);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const shot = (page: Page, label: string) =>
  page.screenshot({ path: join(screenshotDir, `telegram-miniapp-${label}.png`) });

/** The chat page's newest message from the bot, in the chat or topic open there. */
const lastFromBot = () => chat.locator('#messages > li.msg.in').last().textContent();
async function send(text: string): Promise<void> {
  await chat.getByRole('textbox', { name: 'Message' }).fill(text);
  await chat.getByRole('button', { name: 'Send' }).click();
}
const topicButton = (name: string) =>
  chat.locator('button.topic').filter({ has: chat.locator('.topic-name').getByText(name, { exact: true }) });

/** The Mini App window's frame (the app's page in it), once it shows `path`. */
async function miniApp(page: Page, path: RegExp): Promise<Frame> {
  let found: Frame | undefined;
  await expect
    .poll(() => {
      found = page.frames().find((frame) => path.test(new URL(frame.url()).pathname + new URL(frame.url()).search));
      return found !== undefined;
    }, wait)
    .toBe(true);
  return found as Frame;
}

/** The terminal's buffer lines in the Mini App (the web's test hook, as in the web's own terminal tests). */
const terminalLines = (frame: Frame) =>
  frame.evaluate(() => (window.__vibeTerminal?.lines() ?? []).map((line) => line.trim()));

async function typeCommand(frame: Frame, command: string): Promise<void> {
  await frame.locator('.xterm').click();
  await chat.keyboard.type(command);
  await chat.keyboard.press('Enter');
}

it('links the chat and starts a session with /new; its "Open terminal" button opens the Mini App on it', async () => {
  ({ vpsId, gateway } = await localServer(stack, { name: 'mini-box', dir, workspaceRoot }));
  const { code } = await stack.browser.json<{ code: string }>('POST', '/api/telegram/link', undefined, 201);
  await chat.goto(chatUrl);
  await send(`/start ${code}`);
  await expect.poll(lastFromBot, wait).toContain('***@');

  await send('/new');
  await chat.locator('button.kb', { hasText: /^shell$/ }).click(wait);
  await expect.poll(lastFromBot, wait).toContain('Send a title for the session');
  await send('mini build');
  await expect.poll(lastFromBot, wait).toContain('Started "mini build" on mini-box');
  const { sessions } = await stack.browser.json<{ sessions: { id: string; title: string }[] }>(
    'GET',
    `/api/vps/${vpsId}/sessions`,
  );
  sessionId = sessions.find((s) => s.title === 'mini build')?.id ?? '';
  expect(sessionId).not.toBe('');

  await chat.getByRole('button', { name: 'Back to topics' }).click();
  await topicButton('mini-box · mini build').click(wait);
  const open = chat.locator('#messages > li.msg.in button.kb', { hasText: 'Open terminal' }).last();
  await open.click(wait);
  const app = await miniApp(chat, new RegExp(`^/miniapp\\?session=${sessionId}$`));
  await expect.poll(() => app.locator('.xterm').count(), wait).toBe(1);
  await expect.poll(() => terminalLines(app).then((lines) => lines.some((l) => /[$#]$/.test(l))), wait).toBe(true);
  await typeCommand(app, 'echo "mini-$((6*7))"');
  await expect.poll(() => terminalLines(app), wait).toContain('mini-42');
  await shot(chat, 'session');
});

it('resumes the same session after a reload of the Mini App: earlier output there, new input works', async () => {
  const app = await miniApp(chat, new RegExp(`^/miniapp\\?session=${sessionId}$`));
  // A mark on the page that is there now: gone once the frame has really loaded again.
  await app.evaluate(() => Object.assign(window, { beforeReload: true }));
  await chat.getByRole('button', { name: 'Reload', exact: true }).click();
  await expect.poll(() => app.evaluate(() => 'beforeReload' in window).catch(() => true), wait).toBe(false);
  expect(new URL(app.url()).search).toBe(`?session=${sessionId}`);
  await expect.poll(() => terminalLines(app), wait).toContain('mini-42');
  await typeCommand(app, 'echo "again-$((7*6))"');
  await expect.poll(() => terminalLines(app), wait).toContain('again-42');
  await shot(chat, 'resumed');
});

it('taps the extra keys haptically, and its BackButton returns to the picker, whose MainButton is New session', async () => {
  const app = await miniApp(chat, new RegExp(`^/miniapp\\?session=${sessionId}$`));
  await app.getByRole('button', { name: 'Escape', exact: true }).click();
  await expect.poll(() => chat.locator('#webapp-haptics li').allTextContents(), wait).toContain('impact light');
  await chat.getByRole('button', { name: 'Back', exact: true }).click(wait);
  await expect.poll(() => app.url(), wait).toMatch(/\/miniapp#tgWebAppData=/);
  await expect.poll(() => app.locator('body').textContent(), wait).toContain('mini build');
  await expect.poll(() => chat.textContent('#webapp-main'), wait).toBe('New session');
  expect(await chat.isHidden('#webapp-back')).toBe(true);
  await chat.getByRole('button', { name: 'Close', exact: true }).click();
  expect(await chat.isHidden('#webapp')).toBe(true);
});

it('opens the picker from the chat’s menu button, listing the server and its session', async () => {
  await chat.getByRole('button', { name: 'Terminal', exact: true }).click(wait);
  const app = await miniApp(chat, /^\/miniapp$/);
  await expect.poll(() => app.locator('body').textContent(), wait).toContain('mini-box');
  await expect.poll(() => app.locator('body').textContent(), wait).toContain('mini build');
  await shot(chat, 'picker');
  expect(await chat.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
});

it('refuses initData whose hash was altered, and the Mini App says so', async () => {
  const tampered = await browser.newContext(PHONE);
  // The stand-in signs as Telegram would; the hash is changed on its way to the chat page.
  await tampered.route('**/_fake/chat/webapp', async (route) => {
    const signed = (await (await route.fetch()).json()) as { init_data: string };
    const params = new URLSearchParams(signed.init_data);
    const hash = params.get('hash') ?? '';
    const altered = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    await route.fulfill({ json: { init_data: signed.init_data.replace(`hash=${hash}`, `hash=${altered}`) } });
  });
  const page = await tampered.newPage();
  await page.goto(chatUrl);
  const auth = page.waitForResponse((res) => res.url().endsWith('/api/miniapp/auth'), wait);
  await page.getByRole('button', { name: 'Terminal', exact: true }).click(wait);
  expect((await auth).status()).toBe(401);
  const app = await miniApp(page, /^\/miniapp$/);
  await expect.poll(() => app.locator('body').textContent(), wait).toContain(NOT_VERIFIED);
  await shot(page, 'refused');
  await tampered.close();
});
