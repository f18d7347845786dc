/**
 * The server and session pages against a local gateway that reports health every second, in Chromium. Health
 * refreshes in place while the server page is open (page time moved on with Playwright's clock), pauses while the
 * tab is hidden and stops once the page is left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchErrors } from '../../web/test/browser/chromium.ts';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type System, startSystem } from './system.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-pages-'));
const workspaceRoot = join(dir, 'workspace');
const vpsId = 'vps-pages';
const healthPath = `/api/vps/${vpsId}/health`;
const slow = { timeout: 30_000, interval: 200 };

let system: System;
let browser: Browser;
/** Desktop, with Playwright's clock installed: time flows, and a test can jump it forward. */
let desktop: BrowserContext;
let page: Page;
let gateway: LocalGateway | undefined;
let errors: string[];
/** The paths of the API requests the desktop page made, in order. */
let asked: string[] = [];

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ VPS_WORKSPACE_ROOT: workspaceRoot }), launchChromium()]);
  desktop = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await desktop.clock.install();
  page = await desktop.newPage();
  errors = watchErrors(page);
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/api/')) asked.push(pathname);
  });
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const reported = () => page.getByText(/^Reported /).textContent();

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

describe('the server page with a live gateway', () => {
  it('signs in and sees the server ready', async () => {
    const vps = { email: 'pages@example.com', vpsId, name: 'pages-box', dir, workspaceRoot, healthIntervalS: 1 };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vpsId);
    await expect.poll(reported, slow).toMatch(/^Reported /);
  });

  it('refreshes health in place while it is open: only its health is read again, no reload', async () => {
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
    // Of this server's data only its health was read again: not the server, its sessions or its keys.
    const about = asked.filter((path) => path.startsWith(`/api/vps/${vpsId}`));
    expect(about.length).toBeGreaterThan(0);
    expect(new Set(about)).toEqual(new Set([healthPath]));
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
