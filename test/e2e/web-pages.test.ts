/**
 * The web app served by the one Worker (`wrangler dev`), in Debian's Chromium: landing → sign-in → check your
 * email with the dev outbox link → confirm → dashboard → server detail, at desktop width and at 375 px, with no
 * console errors. Servers are seeded in D1 until provisioning (`POST /api/vps`) exists.
 */
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseGate } from './release-gate.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { openAccountMenu, signIn } from './sign-in.ts';

let system: SharedSystem;
let browser: Browser;

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
});

const viewports = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'mobile', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
] as const;

async function expectNoHorizontalScroll(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

describe.each(viewports)('web pages ($name)', ({ name, ...options }) => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const email = `web-${name}@example.com`;
  const shot = (page: Page, label: string) =>
    page.screenshot({ path: join(screenshotDir, `web-${name}-${label}.png`), fullPage: true });

  beforeAll(async () => {
    context = await browser.newContext(options);
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await context?.close();
  });

  it("the landing page carries the seed's messaging and the CTA", async () => {
    await page.goto(`${system.origin}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Vibe-code on your own cloud server',
    );
    const body = await page.locator('main').textContent();
    expect(body).toContain(
      'Use your existing ChatGPT, Claude, or Google AI subscription. No extra fees — just your VPS and your AI.',
    );
    expect(body).toContain('Bring your own AI subscription — works with Claude Code, Codex CLI, Gemini CLI');
    expect(body).toContain('Your code runs on your own VPS, not ours');
    expect(body).toContain('One-click setup via DigitalOcean. Terminal in your browser in minutes.');
    await expectNoHorizontalScroll(page, options.viewport.width);
    await shot(page, 'landing');
    expect(errors).toEqual([]);
  });

  it('the CTA is reachable by keyboard', async () => {
    await page.goto(`${system.origin}/`);
    const focused: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
    }
    expect(focused).toContain('Continue with email');
  });

  it('signs in through the dev outbox and lands on the dashboard', async () => {
    await signIn(page, system.origin, email);
    await expect.poll(() => page.getByRole('heading', { name: 'Your servers' }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain('You have no servers yet.');
    await expectNoHorizontalScroll(page, options.viewport.width);
    await shot(page, 'dashboard-empty');
    expect(errors).toEqual([]);
  });

  it('says the app is on its way until a signed-in page has its data, then shows the page alone', async () => {
    const waiting = await context.newPage();
    const { released, release } = releaseGate();
    await waiting.route('**/api/me', async (route) => {
      await released;
      await route.continue();
    });
    await waiting.goto(`${system.origin}/dashboard`);
    const loading = waiting.getByRole('status').filter({ hasText: 'Loading VibeCode…' });
    await loading.waitFor();
    // Faded in after a moment (a quick load never flashes it): it does come into view.
    await expect.poll(() => loading.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await shot(waiting, 'loading');
    release();
    await waiting.getByRole('heading', { name: 'Your servers' }).waitFor();
    expect(await loading.isVisible()).toBe(false);
    await waiting.close();
  });

  it('lists a server and opens its detail page', async () => {
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    const id = `vps-web-${name}`;
    const now = Date.now();
    system.sql(
      `INSERT INTO vps (id, user_id, name, region, size, ipv4, status, created_at, updated_at) VALUES ('${id}', '${me.user.id}', 'my-${name}-box', 'ams3', 's-1vcpu-2gb', '203.0.113.7', 'ready', ${now}, ${now})`,
    );
    await page.reload();
    const link = page.getByRole('link', { name: `my-${name}-box` });
    await link.waitFor();
    await shot(page, 'dashboard');
    await link.click();
    await page.waitForURL(`**/vps/${id}`);
    await expect.poll(() => page.getByRole('heading', { name: `my-${name}-box` }).count()).toBe(1);
    const text = await page.locator('main').textContent();
    expect(text).toContain('ams3');
    expect(text).toContain('203.0.113.7');
    expect(text).toContain('Ready');
    await expectNoHorizontalScroll(page, options.viewport.width);
    await shot(page, 'vps-detail');
    expect(errors).toEqual([]);
  });

  it('has one header bar, whose account menu names the address, closes as menus do, and signs out', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    const middle = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      if (!box) throw new Error(`${selector} is not shown`);
      return box.y + box.height / 2;
    };
    // The brand and the account menu on one row: one bar, not one per layout.
    expect(Math.abs((await middle('header .brand')) - (await middle('details.account > summary')))).toBeLessThan(4);
    expect(await page.locator('header').count()).toBe(1);
    const signOut = page.getByRole('button', { name: 'Sign out', exact: true });
    expect(await signOut.isVisible()).toBe(false);
    await openAccountMenu(page);
    expect(await page.getByText(`Signed in as ${email}`).isVisible()).toBe(true);
    await expectNoHorizontalScroll(page, options.viewport.width);
    await shot(page, 'account-menu');
    await page.keyboard.press('Escape');
    await expect.poll(() => signOut.isVisible()).toBe(false);
    await openAccountMenu(page);
    // A click elsewhere on the page (its bottom-left corner: on a phone the open menu covers the heading).
    await page.mouse.click(4, options.viewport.height - 4);
    await expect.poll(() => signOut.isVisible()).toBe(false);
    await openAccountMenu(page);
    await signOut.click();
    await page.waitForURL('**/signin');
    expect(await page.evaluate(() => fetch('/api/me').then((r) => r.status))).toBe(401);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('sends a signed-out visitor from the dashboard to sign in', async () => {
    const fresh = await browser.newContext(options);
    const other = await fresh.newPage();
    const otherErrors = watchErrors(other);
    await other.goto(`${system.origin}/dashboard`);
    await other.waitForURL('**/signin');
    await fresh.close();
    // The browser logs the expected 401 of /api/me as a failed resource load; nothing else may appear.
    expect(otherErrors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});
