/**
 * The pages in a light and in a dark colour scheme (the device's, as `prefers-color-scheme` tells it): every text on
 * them reads, at WCAG's 4.5:1 against what it is drawn on, in Chromium against the shared system with a local
 * gateway (so the server page shows all its panels, and a session opens). Disabled controls are left out, as WCAG
 * does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unreadable } from './contrast.ts';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { openSignInLink } from './sign-in.ts';
import { createShellThroughApi, terminalStatus } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-scheme-'));
const vpsId = 'vps-scheme';

let system: SharedSystem;
let browser: Browser;
let signedIn: BrowserContext;
let gateway: LocalGateway | undefined;

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  signedIn = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});

it('signs in with a server whose gateway is connected', { timeout: 180_000 }, async () => {
  const page = await signedIn.newPage();
  gateway = await signInWithLocalVps(page, system, {
    email: 'color-scheme@example.com',
    vpsId,
    name: 'scheme-box',
    dir,
    workspaceRoot: system.workspaceRoot,
  });
  await waitUntilReady(page, system.origin, vpsId);
  await page.close();
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe.each(['light', 'dark'] as const)('the %s colour scheme', (colorScheme) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    context = await browser.newContext({
      colorScheme,
      viewport: { width: 1280, height: 900 },
      storageState: await signedIn.storageState(),
    });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  const shot = (label: string) =>
    page.screenshot({ path: join(screenshotDir, `color-scheme-${colorScheme}-${label}.png`), fullPage: true });

  it('paints the page in that scheme', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    expect(await pageBackground(page)).toBe(colorScheme === 'dark' ? 'rgb(11, 17, 32)' : 'rgb(248, 250, 252)');
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(colorScheme === 'dark');
  });

  it('reads on the dashboard', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('link', { name: 'scheme-box' }).waitFor();
    await shot('dashboard');
    expect(await unreadable(page)).toEqual([]);
  });

  it('reads on the server page, its account menu open', async () => {
    await page.goto(`${system.origin}/vps/${vpsId}`);
    await page.getByRole('heading', { name: 'Health' }).waitFor();
    await page.getByText('CPU', { exact: true }).waitFor();
    await page.locator('details.account > summary').click();
    await page.getByRole('button', { name: 'Sign out everywhere' }).waitFor();
    await shot('server');
    expect(await unreadable(page)).toEqual([]);
    // The form fields are the page's, not the browser's own (a dark-scheme browser paints its own ones grey).
    const fields = await page
      .locator('input:visible, select:visible, textarea:visible')
      .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    expect(fields.length).toBeGreaterThan(3);
    expect(new Set(fields)).toEqual(new Set([colorScheme === 'dark' ? 'rgb(17, 24, 39)' : 'rgb(255, 255, 255)']));
  });

  it('reads on a session page, its Files panel open (the terminal itself is always dark)', async () => {
    const id = await createShellThroughApi(page, vpsId, `${colorScheme} shell`);
    await page.goto(`${system.origin}/vps/${vpsId}/sessions/${id}`);
    await expect.poll(() => terminalStatus(page), { timeout: 30_000, interval: 200 }).toBe('Connected');
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    await page.getByText('CLAUDE.md').waitFor();
    await shot('session');
    expect(await unreadable(page)).toEqual([]);
  });

  it('would find a text that does not read (a check of the measure itself)', async () => {
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.textContent = 'faint on purpose';
      faint.style.color = 'var(--surface)';
      document.querySelector('main')?.append(faint);
    });
    const found = await unreadable(page);
    expect(found.map((f) => f.text)).toEqual(['faint on purpose']);
    expect(found[0]?.ratio).toBeLessThan(1.5);
  });

  it('reads on the landing, sign-in and confirm pages, the control plane’s own one in that scheme too', async () => {
    const visitor = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
    const signedOut = await visitor.newPage();
    await signedOut.goto(`${system.origin}/`);
    expect(await unreadable(signedOut)).toEqual([]);
    await signedOut.goto(`${system.origin}/signin`);
    await signedOut.getByLabel('Email address').waitFor();
    expect(await unreadable(signedOut)).toEqual([]);
    await openSignInLink(signedOut, system.origin, `color-scheme-${colorScheme}@example.com`);
    expect(await unreadable(signedOut)).toEqual([]);
    expect(await pageBackground(signedOut)).toBe(await pageBackground(page));
    await visitor.close();
    expect(errors).toEqual([]);
  });
});
