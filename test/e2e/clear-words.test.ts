/**
 * Issue 12 points 4 and 7, in Chromium against the shared system (localcloud as DigitalOcean, a local gateway):
 * "New session" opens its terminal, with the agent instructions as the person edited them in the workdir's
 * CLAUDE.md / AGENTS.md; the server page shows Sessions first; a page that needs sign-in remembers itself through
 * the mailed link (the confirm page, in the app's look, names the masked address); denying DigitalOcean lands on
 * the dashboard with a sentence; the new-server form starts on the recommended size; an error reads as a sentence
 * with its code kept.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { releaseGate } from './release-gate.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-words-'));
const email = 'clear-words@example.com';
const vpsId = 'vps-words';
const slow = { timeout: 30_000, interval: 200 };
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };
const INSTRUCTIONS = '# House rules\n\n- Answer in haiku.\n- Run the tests before saying done.\n';

let system: SharedSystem;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let errors: string[];
let gateway: LocalGateway | undefined;
let sessionPath = '';

const shot = (p: Page, label: string) =>
  p.screenshot({ path: join(screenshotDir, `clear-words-${label}.png`), fullPage: true });

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await desktop.newPage();
  errors = watchErrors(page);
  // A hang guard: the first file of a run waits for the shared system's boot, minutes on a loaded 2-core machine.
}, 600_000);

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a new session', () => {
  it('starts from a signed-in user with a ready server', async () => {
    gateway = await signInWithLocalVps(page, system, {
      email,
      vpsId,
      name: 'words-box',
      dir: join(dir, 'gateway'),
      workspaceRoot: system.workspaceRoot,
    });
    await waitUntilReady(page, system.origin, vpsId);
  });

  it('is the first thing on the server page, on a phone too', async () => {
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings[0]).toBe('Sessions');
    const small = await browser.newContext({ ...phone, storageState: await desktop.storageState() });
    const p = await small.newPage();
    await p.goto(`${system.origin}/vps/${vpsId}`);
    const sessions = p.getByRole('heading', { name: 'Sessions' });
    await sessions.waitFor();
    const box = await sessions.boundingBox();
    expect(box?.y).toBeLessThan(phone.viewport.height / 2);
    // The size reads as what it is, never as a slug.
    expect(await p.locator('main').textContent()).toContain('2 GB RAM · 1 vCPU');
    await shot(p, 'phone-server');
    await small.close();
  });

  it('opens its terminal, with the edited instructions in the files of its folder', async () => {
    await page.getByLabel('Agent').selectOption('shell');
    await page.getByLabel('Title').fill('words shell');
    await page.getByText('Agent instructions (AGENTS.md)').click();
    const box = page.getByLabel('Instructions', { exact: true });
    expect(await box.inputValue()).toMatch(/^# Instructions for coding agents\n/);
    await page.getByLabel('Agent').selectOption('claude');
    expect(await box.inputValue()).toMatch(/^# Instructions for Claude Code\n/);
    await page.getByLabel('Agent').selectOption('shell');
    await box.fill(INSTRUCTIONS);
    await shot(page, 'new-session-form');
    await page.getByRole('button', { name: 'New session' }).click();

    await page.waitForURL(`**/vps/${vpsId}/sessions/*`);
    sessionPath = new URL(page.url()).pathname;
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await typeCommand(page, 'cat AGENTS.md');
    await expect.poll(() => terminalLines(page), slow).toContain('- Answer in haiku.');

    const sessions = await page.evaluate((id) => fetch(`/api/vps/${id}/sessions`).then((r) => r.json()), vpsId);
    const workdir = (sessions as { sessions: { title: string; workdir: string }[] }).sessions.find(
      (s) => s.title === 'words shell',
    )?.workdir;
    if (!workdir) throw new Error('the new session is not listed');
    expect(workdir.startsWith(system.workspaceRoot)).toBe(true);
    expect(readFileSync(join(workdir, 'AGENTS.md'), 'utf8')).toBe(INSTRUCTIONS);
    expect(readFileSync(join(workdir, 'CLAUDE.md'), 'utf8')).toBe(INSTRUCTIONS);
    expect(errors).toEqual([]);
  });
});

describe('sign-in from a deep link', () => {
  it('names the masked address on a page in the app look, and lands back on the page asked for', async () => {
    const fresh = await browser.newContext(phone);
    const p = await fresh.newPage();
    const pageErrors = watchErrors(p);
    await p.goto(`${system.origin}${sessionPath}`);
    await p.waitForURL('**/signin?next=*');
    expect(new URL(p.url()).searchParams.get('next')).toBe(sessionPath);
    const signInLook = await look(p, 'button[type="submit"]');
    await p.getByLabel('Email address').fill(email);
    await p.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await p.waitForURL('**/signin/check-email?email=*');
    await p.getByRole('link', { name: 'Open the sign-in link' }).click();
    await p.waitForURL('**/auth/verify?token=*');

    expect(await p.locator('main').textContent()).toContain('This link signs in as c•••@example.com.');
    expect(await look(p, 'button[type="submit"]')).toEqual(signInLook);
    expect(await p.evaluate(() => document.scripts.length)).toBe(0);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shot(p, 'phone-confirm');

    await p.getByRole('button', { name: 'Continue' }).click();
    await p.waitForURL(`**${sessionPath}`);
    await expect.poll(() => terminalStatus(p), slow).toBe('Connected');
    await fresh.close();
    // The browser logs the expected 401 of /api/me (signed out) as a failed resource load; nothing else may appear.
    expect(pageErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

describe('DigitalOcean', () => {
  it('says so in words on the dashboard when access is denied', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('link', { name: 'Connect DigitalOcean' }).click();
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL('**/dashboard*');
    const status = page.getByRole('status').filter({ hasText: 'DigitalOcean was not connected' });
    await status.waitFor();
    expect(await status.textContent()).toBe(
      'DigitalOcean was not connected: access was not granted. Connect again whenever you are ready.',
    );
    // The address is clean again, so a reload does not repeat it.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await shot(page, 'do-denied');
  });

  it('starts the new-server form on the recommended size, spelled out with its price and one line of advice', async () => {
    await page.getByRole('link', { name: 'Connect DigitalOcean' }).click();
    await page.getByRole('button', { name: 'Authorize application' }).click();
    await page.waitForURL('**/dashboard');
    await expect.poll(() => page.locator('#size:enabled option').count(), slow).toBeGreaterThan(0);
    expect(await page.locator('#size').inputValue()).toBe('s-1vcpu-2gb');
    expect(await page.locator('#size option:checked').textContent()).toBe(
      '$12/month · 2 GB RAM · 1 vCPU · 50 GB disk (recommended)',
    );
    const main = await page.locator('main').textContent();
    expect(main).toContain('Recommended: the smallest size that runs an agent and an npm install side by side.');
    await page.locator('#size').selectOption('s-1vcpu-512mb-10gb');
    expect(await page.locator('main').textContent()).toContain('Too small for an AI agent: a plain shell only.');
    await shot(page, 'sizes');
    // localcloud's consent page asks for a favicon it does not have; nothing else may appear.
    expect(errors.filter((e) => !e.includes(new URL('/favicon.ico', system.cloudUrl).href))).toEqual([]);
  });
});

describe('the new-server form while its lists load', () => {
  /** The dashboard again, with the cloud's region list held until `release` (the size list comes at once). */
  async function regionsHeld(answer: (route: Route) => Promise<void>) {
    const { released, release } = releaseGate();
    await page.route('**/api/cloud/regions', async (route) => {
      await released;
      await answer(route);
    });
    await page.goto(`${system.origin}/dashboard`);
    return release;
  }

  afterEach(() => page.unrouteAll());

  it('says the regions and sizes are loading, then lists them', async () => {
    const release = await regionsHeld((route) => route.continue());
    await page.getByRole('option', { name: 'Loading regions…' }).waitFor({ state: 'attached' });
    expect(await page.locator('#region').isDisabled()).toBe(true);
    expect(await page.locator('#size option').allTextContents()).toEqual(['Loading sizes…']);
    expect(await page.getByRole('button', { name: 'Create server' }).isDisabled()).toBe(true);
    release();
    await expect.poll(() => page.locator('#size:enabled option').count(), slow).toBeGreaterThan(0);
    expect(await page.locator('#region').inputValue()).toBe('ams3');
    expect(await page.getByRole('button', { name: 'Create server' }).isEnabled()).toBe(true);
  });

  it('says when they could not be loaded, and creates nothing', async () => {
    const release = await regionsHeld((route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'cloud.unavailable', message: 'the cloud API answered 503' } }),
      }),
    );
    release();
    await page.getByRole('option', { name: 'Regions could not be loaded' }).waitFor({ state: 'attached' });
    expect(await page.locator('#size option').allTextContents()).toEqual(['Sizes could not be loaded']);
    expect(await page.getByRole('button', { name: 'Create server' }).isDisabled()).toBe(true);
    expect(await page.locator('main').textContent()).toContain(
      'DigitalOcean could not be reached. Try again in a few minutes.',
    );
    // The browser logs the refused read as a failed resource load.
    errors.splice(0, errors.length, ...errors.filter((e) => !e.includes('502')));
  });
});

describe('errors', () => {
  it('read as a sentence, with the code kept small for support', async () => {
    await page.goto(`${system.origin}/vps/no-such-server`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This server no longer exists.');
    expect(await alert.locator('small').textContent()).toBe('Code: vps.not_found');
  });
});

/** The colours and font of a page (its root element, where the app sets them) and of its `selector`. */
function look(p: Page, selector: string) {
  return p.evaluate((selector) => {
    const of = (el: Element | null) => {
      if (!el) throw new Error(`nothing matches ${selector}`);
      const style = getComputedStyle(el);
      return {
        color: style.color,
        background: style.backgroundColor,
        font: style.fontFamily,
        weight: style.fontWeight,
        radius: style.borderRadius,
      };
    };
    return { page: of(document.documentElement), button: of(document.querySelector(selector)) };
  }, selector);
}
