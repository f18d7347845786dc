/**
 * The server and session pages against a local gateway that reports health every second, in Chromium. The opt-in
 * power-off is switched on and off and kept over a reload. Health refreshes in place while the server page is open
 * (page time moved on with Playwright's clock), pauses while the tab is hidden and stops once the page is left. At 375 px on a touch screen the server page with its sparklines
 * and sessions, and the session page with its terminal and extra keys, fit the width, and Shift+Tab from the extra
 * keys reaches the shell. The server page's and the session page's controls are reachable by Tab. Sessions: the
 * sixth is refused with the limit explained, ending one asks first, drops it from the list, tells its open
 * terminal and makes room for another, and one without activity for a day moves to the inactive section.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-pages-'));
const vpsId = 'vps-pages';
const healthPath = `/api/vps/${vpsId}/health`;
const slow = { timeout: 30_000, interval: 200 };
const mobile = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

let system: SharedSystem;
let browser: Browser;
/** Desktop, with Playwright's clock installed: time flows, and a test can jump it forward. */
let desktop: BrowserContext;
let page: Page;
let gateway: LocalGateway | undefined;
let errors: string[];
/** The paths of the API requests the desktop page made, in order. */
let asked: string[] = [];

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  desktop = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await desktop.clock.install();
  page = await desktop.newPage();
  errors = watchErrors(page);
  // A listener from the start keeps file choosers intercepted for the page's life; one added with
  // waitForEvent turns interception on asynchronously, and a chooser opened right after could slip past it.
  page.on('filechooser', () => undefined);
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) asked.push(pathname);
  });
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const reported = () => page.getByText(/^Reported /).textContent();
const noHorizontalScroll = async (p: Page) =>
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

/**
 * Counts, inside the page, its calls of fetch for the health API. The refresher calls fetch from its timer, so the
 * count is exact as soon as the clock has run that timer: no waiting for network events.
 */
function countHealthFetches() {
  return page.evaluate((path) => {
    const counted = window as Window & { healthFetches?: number };
    const original = window.fetch.bind(window);
    counted.healthFetches = 0;
    window.fetch = (input, init) => {
      if (String(input) === path) counted.healthFetches = (counted.healthFetches ?? 0) + 1;
      return original(input, init);
    };
  }, healthPath);
}
const healthFetches = () => page.evaluate(() => (window as Window & { healthFetches?: number }).healthFetches ?? -1);

/** Makes the page believe its tab was hidden or shown: headless Chromium has every page visible, always. */
function setVisibility(state: 'hidden' | 'visible') {
  return page.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** The focused element as `tag name`, its name being its aria-label, its label or its text. */
const focused = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : undefined;
    return `${el.tagName.toLowerCase()} ${el.getAttribute('aria-label') ?? label ?? el.textContent?.trim() ?? ''}`;
  });

/** Focuses `start` and presses Tab until `target` (`tag name`) has focus; returns what each press focused. */
async function tabTo(p: Page, start: Locator, target: string, max = 60): Promise<string[]> {
  await start.focus();
  const visited: string[] = [];
  while (visited.length < max) {
    await p.keyboard.press('Tab');
    visited.push(await focused(p));
    if (visited.at(-1) === target) return visited;
  }
  throw new Error(`Tab never reached ${target}; it went ${visited.join(' → ')}`);
}

describe('the server page with a live gateway', () => {
  it('signs in and sees the server ready', async () => {
    const { workspaceRoot } = system;
    const vps = { email: 'pages@example.com', vpsId, name: 'pages-box', dir, workspaceRoot, healthIntervalS: 1 };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vpsId);
    await expect.poll(reported, slow).toMatch(/^Reported /);
  });

  it('switches the opt-in power-off on and off: saved when picked, kept over a reload, explained with its cost', async () => {
    const select = page.getByLabel('Power off automatically');
    const help = page.locator('#auto-power-off-help');
    const saved = () =>
      page.evaluate(async (path) => (await (await fetch(path)).json()).vps.auto_power_off_hours, `/api/vps/${vpsId}`);
    expect(await select.inputValue()).toBe('');
    expect(await help.textContent()).toMatch(/^\s*Off: this server stays on until you power it off\./);

    await select.selectOption({ label: 'After 4 hours unattended' });
    await expect.poll(saved, slow).toBe(4);
    await expect.poll(() => help.textContent(), slow).toContain('powered off after 4 hours unattended');
    await page.reload();
    await expect.poll(() => select.inputValue(), slow).toBe('4');
    expect(await help.textContent()).toContain('Storage and reserved IP continue to be billed.');

    await select.selectOption({ label: 'Never' });
    await expect.poll(saved, slow).toBeNull();
    await expect.poll(() => help.textContent(), slow).toMatch(/Off: this server stays on/);
  });

  it('refreshes health in place while it is open: only its health, status and sessions are read again, no reload', async () => {
    await countHealthFetches();
    const first = await reported();
    asked = [];
    // Each poll moves the page's time a refresh period on; the gateway reports every second meanwhile.
    await expect
      .poll(async () => {
        await page.clock.fastForward(30_000);
        return reported();
      }, slow)
      .not.toBe(first);
    // Of this server's data only what the page follows live was read again: its health, the server itself (its
    // status and connection) and its sessions (their states); not its keys or its gateway's releases.
    const about = asked.filter((path) => path.startsWith(`/api/vps/${vpsId}`));
    expect(about).toContain(healthPath);
    expect(new Set(about)).toEqual(new Set([healthPath, `/api/vps/${vpsId}`, `/api/vps/${vpsId}/sessions`]));
    // The counter lives in the page's document: it is still there, so nothing reloaded the page.
    expect(await healthFetches()).toBeGreaterThan(0);
  });

  it('asks nothing while the tab is hidden, and asks at once when it is shown again', async () => {
    // A fresh page view: its first refresh is a period away, so none is in flight when the tab hides.
    await page.reload();
    await expect.poll(reported, slow).toMatch(/^Reported /);
    await countHealthFetches();
    await setVisibility('hidden');
    // Four refresh periods go by hidden; then the page's time stands still until this test moves it.
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 120_000);
    try {
      expect(await healthFetches()).toBe(0);
      await setVisibility('visible');
      await page.clock.runFor(1);
      expect(await healthFetches()).toBe(1);
    } finally {
      await page.clock.resume();
    }
  });

  it('stops refreshing once the page is left', async () => {
    await page.getByRole('link', { name: '← All servers' }).click();
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    const before = await healthFetches();
    await page.clock.fastForward(120_000);
    expect(await healthFetches()).toBe(before);
    expect(errors).toEqual([]);
  });
});

describe('at 375 px on a touch screen', () => {
  let phone: BrowserContext;
  let p: Page;
  let phoneErrors: string[];
  const shot = (label: string) =>
    p.screenshot({ path: join(screenshotDir, `pages-mobile-${label}.png`), fullPage: true });

  beforeAll(async () => {
    phone = await browser.newContext({ ...mobile, storageState: await desktop.storageState() });
    p = await phone.newPage();
    phoneErrors = watchErrors(p);
  });

  afterAll(async () => {
    await phone?.close();
  });

  it('the server page with its health history and a session fits the width', async () => {
    await p.goto(`${system.origin}/vps/${vpsId}`);
    await createShell(p, 'phone shell');
    await expect.poll(() => p.locator('figure svg').count(), slow).toBe(2);
    expect(await p.locator('figcaption').first().textContent()).toMatch(/^CPU over the last hour: min \d+ %/);
    await noHorizontalScroll(p);
    await shot('server');
  });

  it('the session page with the terminal and its extra keys fits the width', async () => {
    await openSession(p, 'phone shell');
    await expect.poll(() => terminalStatus(p), slow).toBe('Connected');
    await p.getByRole('toolbar', { name: 'Extra keys' }).waitFor();
    await expect.poll(async () => (await terminalLines(p)).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await noHorizontalScroll(p);
    await shot('session');
  });

  it('sends Shift+Tab from the extra keys to the program in the terminal', async () => {
    await typeCommand(p, `read -r x; printf 'got:%q\\n' "$x"`);
    await p.getByRole('button', { name: 'Shift+Tab' }).tap();
    await p.keyboard.press('Enter');
    await expect.poll(() => terminalLines(p), slow).toContain("got:$'\\E[Z'");
    await noHorizontalScroll(p);
    await shot('shift-tab');
    expect(phoneErrors).toEqual([]);
  });
});

describe('keyboard', () => {
  it("reaches the server page's session controls by Tab", async () => {
    await page.goto(`${system.origin}/vps/${vpsId}`);
    const visited = await tabTo(page, page.getByRole('link', { name: '← All servers' }), 'button New session');
    expect(visited).toEqual(expect.arrayContaining(['button End…', 'select Agent', 'input Title']));
  });

  it("reaches the session page's file panel by Tab, and its upload and download work from the keyboard", async () => {
    await openSession(page, 'phone shell');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    const back = page.getByRole('link', { name: '← Server' });
    await tabTo(page, back, 'button Files');
    await page.keyboard.press('Enter');
    const files = page.getByRole('region', { name: 'Session files' });
    await files.getByRole('button', { name: 'Upload here' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button Upload here');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await chooser.setFiles({ name: 'keyboard.txt', mimeType: 'text/plain', buffer: Buffer.from('by keyboard\n') });
    await expect.poll(() => files.getByRole('status').last().textContent(), slow).toContain('Uploaded keyboard.txt');
    await files.getByRole('button', { name: 'Download keyboard.txt' }).waitFor();
    await tabTo(page, back, 'button Download keyboard.txt');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const saved = join(dir, 'keyboard-download.txt');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('by keyboard\n');
    await tabTo(page, back, 'button Close');
    await page.keyboard.press('Enter');
    expect(await files.count()).toBe(0);
  });

  it('reaches "Retry connection" by Tab once the server has been away for 30 s', async () => {
    await gateway?.halt();
    // Resumed whatever happens here: the session tests below need the gateway back.
    try {
      await expect.poll(() => terminalStatus(page), slow).toBe('Server offline');
      await page.clock.fastForward(30_000);
      await page.getByRole('button', { name: 'Retry connection' }).waitFor();
      const visited = await tabTo(page, page.getByRole('link', { name: '← Server' }), 'button Retry connection');
      expect(visited).toEqual(['button Files', 'button Retry connection']);
    } finally {
      gateway?.resume();
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    expect(errors).toEqual([]);
  });
});

describe('sessions', () => {
  const alert = () => page.getByRole('alert').textContent();

  it('explains the limit when a sixth session is asked for', async () => {
    await page.goto(`${system.origin}/vps/${vpsId}`);
    for (let i = 2; i <= 5; i++) await createShell(page, `shell ${i}`);
    await page.getByLabel('Title').fill('one too many');
    await page.getByRole('button', { name: 'New session' }).click();
    await expect
      .poll(alert, slow)
      .toContain('This server already runs 5 sessions, the most it can run at once. End one to start another.');
    expect(await alert()).toContain('Code: session.limit');
    expect(await page.getByRole('link', { name: 'one too many' }).count()).toBe(0);
  });

  it('ends a session only after asking; its open terminal says so and the freed place takes a new one', async () => {
    const viewer = await desktop.newPage();
    const viewerErrors = watchErrors(viewer);
    await viewer.goto(`${system.origin}/vps/${vpsId}`);
    await openSession(viewer, 'shell 5');
    await expect.poll(() => terminalStatus(viewer), slow).toBe('Connected');

    await page.getByRole('button', { name: 'End…' }).last().click();
    const confirm = page.getByRole('group', { name: 'Confirm ending shell 5' });
    expect(await confirm.textContent()).toContain('End this session? Its programs stop.');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('link', { name: 'shell 5' }).count()).toBe(1);

    await page.getByRole('button', { name: 'End…' }).last().click();
    await page.getByRole('button', { name: 'End session' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'shell 5' }).count(), slow).toBe(0);
    await expect.poll(() => terminalStatus(viewer), slow).toBe('Session ended');
    expect(await viewer.locator('.vt-notice').textContent()).toBe('This session was ended.');
    await viewer.close();

    await createShell(page, 'one more');
    expect(await page.getByRole('alert').count()).toBe(0);
    // The browser logs the refused sixth create (409) as a failed resource load; nothing else may appear.
    expect([...errors, ...viewerErrors].filter((e) => !e.includes('409'))).toEqual([]);
  });

  it('moves a session without activity for more than 24 hours to the inactive section', async () => {
    // A day and more without input or output, as D1 records it. The hub stamps activity as it relays (at most once
    // per session per 30 s): a stamp of the new session's first output that lands after the backdating would undo
    // it, so it is written again until a fresh page shows it.
    const dayAgo = Date.now() - 25 * 3_600_000;
    const inactive = page.locator('details', { hasText: 'Inactive for more than 24 hours (1)' });
    await expect
      .poll(
        async () => {
          system.sql(
            `UPDATE sessions SET created_at = ${dayAgo}, last_activity_at = ${dayAgo} WHERE vps_id = '${vpsId}' AND title = 'one more'`,
          );
          await page.reload();
          await page.getByRole('link', { name: 'one more' }).waitFor();
          return inactive.count();
        },
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe(1);
    // Ten or fewer are listed open; the session is still there to open or end.
    expect(await inactive.getAttribute('open')).not.toBeNull();
    expect(await inactive.getByRole('link', { name: 'one more' }).count()).toBe(1);
    expect(await page.locator('details').getByRole('link', { name: 'phone shell' }).count()).toBe(0);
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
  }, 120_000);
});

describe('a page whose data did not load', () => {
  it('says so, and "Try again" loads it in place once the API answers', async () => {
    // The server page's own read fails once, as when the Worker is busy or the network is away a moment.
    const vpsPath = `**/api/vps/${vpsId}`;
    await page.route(vpsPath, (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'internal error' } }),
      }),
    );
    await page.goto(`${system.origin}/vps/${vpsId}`);
    await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Please try again.');
    await page.unroute(vpsPath);

    await page.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('heading', { name: 'pages-box' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/vps/${vpsId}`);
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    // The browser logs the refused read (500) as a failed resource load; nothing else may appear.
    expect(errors.filter((e) => !/\b(409|500)\b/.test(e))).toEqual([]);
  });

  it('offers no "Try again" for what is not there', async () => {
    await page.goto(`${system.origin}/vps/${vpsId}/sessions/no-such-session`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
  });
});
