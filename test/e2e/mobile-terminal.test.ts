/**
 * Issue 12 point 3, in Chromium: on a phone (375×812 and 812×375, touch) the session page is the terminal. The
 * app's navigation steps aside, the page's controls are in one menu opened from the terminal's bar, the terminal
 * and its extra-keys row fill the visible viewport, nothing scrolls sideways. With the on-screen keyboard up the
 * terminal follows the visual viewport: it keeps at least 60 % of the visible height, the key row stays inside
 * what is visible, and the shell gets the smaller size. A desktop keeps the header above the terminal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { type LocalGateway, paneSizes, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { createShellThroughApi, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-mobile-'));
const vpsId = 'vps-mobile-terminal';
const title = 'mobile terminal';
const slow = { timeout: 30_000, interval: 200 };

/**
 * The phones, and the height their on-screen keyboard takes with its suggestion strip: about 40 % of a portrait
 * screen, more than half of a landscape one.
 */
const phones = [
  { name: 'portrait', width: 375, height: 812, keyboard: 336 },
  { name: 'landscape', width: 812, height: 375, keyboard: 200 },
];

let system: SharedSystem;
let browser: Browser;
let desktop: BrowserContext;
let gateway: LocalGateway | undefined;
let sessionUrl: string;

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Where things are, in CSS pixels of the layout viewport (what getBoundingClientRect and visualViewport use). */
function measure(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const rect = document.querySelector(selector)?.getBoundingClientRect();
      return rect ? { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right } : null;
    };
    const visual = window.visualViewport;
    if (!visual) throw new Error('this Chromium has no visualViewport');
    return {
      visible: { top: visual.offsetTop, left: visual.offsetLeft, width: visual.width, height: visual.height },
      // The rows xterm draws, not the area around them: what the person can read.
      rows: box('.xterm-screen'),
      keys: box('[role="toolbar"][aria-label="Extra keys"]'),
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    };
  });
}

type Layout = Awaited<ReturnType<typeof measure>>;

/** The terminal's rows take ≥ 60 % of the visible height; the key row and the rows lie inside what is visible. */
function expectTerminalTakesThePage(layout: Layout) {
  const { visible, rows, keys } = layout;
  if (!rows || !keys) throw new Error(`terminal rows or key row missing: ${JSON.stringify(layout)}`);
  const inside = (r: NonNullable<Layout['keys']>) =>
    r.top >= visible.top &&
    r.left >= visible.left &&
    r.bottom <= visible.top + visible.height &&
    r.right <= visible.left + visible.width;
  expect(rows.bottom - rows.top).toBeGreaterThanOrEqual(0.6 * visible.height);
  expect(inside(rows), JSON.stringify(layout)).toBe(true);
  expect(inside(keys), JSON.stringify(layout)).toBe(true);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
}

const terminalSize = (page: Page) =>
  page.evaluate(() => ({ rows: window.__vibeTerminal?.rows() ?? 0, cols: window.__vibeTerminal?.cols() ?? 0 }));

describe('a desktop', () => {
  it('keeps the app navigation and the header above the terminal', async () => {
    const page = await desktop.newPage();
    const vps = {
      email: 'mobile-terminal@example.com',
      vpsId,
      name: 'mobile-box',
      dir,
      workspaceRoot: system.workspaceRoot,
    };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vpsId);
    // Through the API: this file is about the session page, not the form that creates one.
    const id = await createShellThroughApi(page, vpsId, title);
    sessionUrl = `${system.origin}/vps/${vpsId}/sessions/${id}`;
    await page.goto(sessionUrl);
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    expect(await page.getByRole('navigation', { name: 'Account' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: '← Server' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: title }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Session menu' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'mobile-terminal-desktop.png') });
    // The phones below are then the session's only viewers: its size is theirs.
    await page.close();
  });
});

describe.each(phones)('a phone in $name ($width×$height, touch)', ({ name, width, height, keyboard }) => {
  let phone: BrowserContext;
  let page: Page;
  let errors: string[];
  let fullSize: { rows: number; cols: number };
  const shot = (label: string) => page.screenshot({ path: join(screenshotDir, `mobile-terminal-${label}.png`) });

  beforeAll(async () => {
    phone = await browser.newContext({
      viewport: { width, height },
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    page = await phone.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await phone?.close();
  });

  it('shows the terminal over the whole page, without the app navigation and with the key row at the bottom', async () => {
    await page.goto(sessionUrl);
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(async () => (await terminalLines(page)).join('\n'), slow).toMatch(/[$#]\s*$/m);
    expect(await page.getByRole('navigation', { name: 'Account' }).isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'VibeCode' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Session menu' }).isVisible()).toBe(true);
    const layout = await measure(page);
    expectTerminalTakesThePage(layout);
    // Nothing below the key row: it ends where the screen ends.
    expect(layout.keys?.bottom).toBe(height);
    fullSize = await terminalSize(page);
    await shot(name);
  });

  it('follows the visual viewport when the keyboard opens: the rows and the key row stay in sight', async () => {
    await page.locator('.xterm').tap();
    // Headless Chromium has no on-screen keyboard, and no way to shrink the visual viewport alone at scale 1
    // (Emulation.setVisibleSize changes nothing under device emulation). What it can do is what Chrome for
    // Android does with a keyboard under `interactive-widget=resizes-content` (and Firefox for Android always):
    // make the visible height shorter by the keyboard's height, which the page learns through visualViewport's
    // `resize`, the event the terminal follows; page.setViewportSize is CDP's Emulation.setDeviceMetricsOverride.
    await page.setViewportSize({ width, height: height - keyboard });
    expect(await page.evaluate(() => window.visualViewport?.height)).toBe(height - keyboard);
    await expect
      .poll(async () => {
        const { keys, visible } = await measure(page);
        return (keys?.bottom ?? Number.POSITIVE_INFINITY) <= visible.top + visible.height;
      }, slow)
      .toBe(true);
    await expect.poll(async () => (await terminalSize(page)).rows, slow).toBeLessThan(fullSize.rows);
    expectTerminalTakesThePage(await measure(page));

    // The shell has the size the phone shows.
    const { rows, cols } = await terminalSize(page);
    await expect.poll(() => paneSizes(gateway), slow).toEqual([`${rows} ${cols}`]);
    await typeCommand(page, 'stty size');
    await expect.poll(() => terminalLines(page), slow).toContain(`${rows} ${cols}`);
    await shot(`${name}-keyboard`);
  });

  it('grows back when the keyboard closes', async () => {
    await page.setViewportSize({ width, height });
    await expect.poll(() => terminalSize(page), slow).toEqual(fullSize);
    expectTerminalTakesThePage(await measure(page));
  });

  it('follows a visual viewport smaller than the layout viewport, as a keyboard makes it on iOS and in Chrome', async () => {
    // iOS Safari and Chrome for Android's default (`resizes-visual`) keyboard shrink only the visual viewport: the
    // layout viewport, which CSS sizes and places against, stays. Headless Chromium reaches that state only by
    // zooming (Emulation.setPageScaleFactor): the visible part gets smaller while the layout stays, which CSS alone
    // would not notice and the terminal must.
    const cdp = await phone.newCDPSession(page);
    await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1.25 });
    try {
      expect(await page.evaluate(() => document.documentElement.clientHeight)).toBe(height);
      await expect.poll(async () => (await terminalSize(page)).rows, slow).toBeLessThan(fullSize.rows);
      expectTerminalTakesThePage(await measure(page));
      await shot(`${name}-zoomed`);
    } finally {
      await cdp.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
      await cdp.detach();
    }
    await expect.poll(() => terminalSize(page), slow).toEqual(fullSize);
  });

  it("opens the menu from the terminal's bar, with the way back to the server", async () => {
    await page.getByRole('button', { name: 'Session menu' }).tap();
    const menu = page.getByRole('navigation', { name: 'Session menu' });
    await menu.waitFor();
    const box = await menu.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= width && box.y >= 0).toBe(true);
    expect(await page.getByText('Shell', { exact: true }).isVisible()).toBe(true);
    await shot(`${name}-menu`);

    await menu.getByRole('link', { name: '← Server' }).tap();
    await page.waitForURL(`**/vps/${vpsId}`);
    // Off the terminal, the app navigation is back.
    await page.getByRole('navigation', { name: 'Account' }).waitFor();
    expect(errors).toEqual([]);
  });
});

describe('a phone when the program exits', () => {
  it('shows the exit notice with Restart and End above the terminal, inside the screen', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    try {
      const page = await phone.newPage();
      const errors = watchErrors(page);
      await page.goto(sessionUrl);
      await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
      await typeCommand(page, 'exit 3');
      const notice = page.getByRole('status', { name: 'Session status' });
      await expect.poll(() => notice.textContent(), slow).toContain('exited (code 3)');
      const restart = await page.getByRole('button', { name: 'Restart' }).boundingBox();
      expect(restart && restart.y >= 0 && restart.y + restart.height <= 812).toBe(true);
      const layout = await measure(page);
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
      await page.screenshot({ path: join(screenshotDir, 'mobile-terminal-exited.png') });
      expect(errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
