/**
 * Issue 6's provisioning-timeout and idle-banner flows, in Chromium against the real Worker (`wrangler dev`),
 * localcloud and the gateway release its droplets install:
 *   A. a droplet boots but its gateway never phones home → the server page shows the timeout with its copy, an
 *      "open console" link to localcloud's console page for that droplet, and Retry → Retry destroys that droplet,
 *      a new one boots normally → Ready;
 *   B. a day without activity → the cron sweep → the dashboard's idle banner with its two actions; Keep running
 *      dismisses it for good; a newer idle period → the banner's Power Off powers the server off.
 * Screenshots of each state; no console errors on our pages.
 *
 * Time passes without sleeping 10 minutes or 24 hours:
 *   - the hello deadline is the Worker's PROVISIONING_TIMEOUT_SECONDS setting, set short here; the hub's alarm
 *     fires in real time;
 *   - the droplet whose gateway never starts is localcloud's test-only boot hold (`POST /_localcloud/boot-holds`);
 *   - the cron runs through `wrangler dev --test-scheduled`, at the real now: wrangler 4.86 cannot run it "a day
 *     later" for a Worker with `[assets]` (system.ts `startSystem`), so the VPS's last activity is moved a day back
 *     in D1 instead — the one seam, `lastActivityHoursAgo` below, and why it is that column.
 * localcloud runs in this process beside plain `wrangler dev` (cloud.ts) rather than under `npm start`
 * (full-flow.test.ts): the test needs localcloud's control path, the cron trigger and a Worker var that `npm start`
 * has no way to take, and plain `wrangler dev` already takes vars and SQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDigitalOcean, type E2eCloud, startCloud } from './cloud.ts';
import { signIn } from './sign-in.ts';
import { type System, startSystem } from './system.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-lifecycle-'));
/** Short, but long enough for the retried droplet's real gateway to say hello on a loaded 2-core machine. */
const PROVISIONING_TIMEOUT_S = 20;
const slow = { timeout: 30_000, interval: 250 };
const boot = { timeout: 90_000, interval: 500 };
const NAME = 'lc-box';
const IDLE_TEXT = `${NAME} has had no activity for more than 24 hours. Power it off to stop compute billing?`;

let cloud: E2eCloud;
let system: System;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let serverUrl = '';
let heldDroplet = 0;

beforeAll(async () => {
  cloud = await startCloud(dir);
  [system, browser] = await Promise.all([
    startSystem(
      { ...cloud.vars, PROVISIONING_TIMEOUT_SECONDS: String(PROVISIONING_TIMEOUT_S) },
      { testScheduled: true },
    ),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  page = await context.newPage();
  errors = watchErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const shot = (p: Page, label: string) =>
  p.screenshot({ path: join(screenshotDir, `lifecycle-${label}.png`), fullPage: true });
const mainText = () => page.locator('main').textContent();
const consoleUrl = (id: number) => `${cloud.cloud.url}/droplets/${id}/terminal/ui/`;
/** The dashboard as a person opens it the next day: a fresh load, then its text. */
const dashboardText = async () => {
  await page.goto(`${system.origin}/dashboard`);
  await page.getByRole('heading', { name: 'Your servers' }).waitFor();
  return mainText();
};
const vpsId = () => new URL(serverUrl).pathname.split('/').at(-1) ?? '';
const apiJson = <T>(path: string): Promise<T> =>
  page.evaluate(async (p) => (await fetch(p)).json(), path) as Promise<T>;
/**
 * The one seam into D1: the VPS's last change, which the sweep takes as its last activity while the gateway reports
 * none, is moved back. The sweep's clock cannot move instead (see system.ts `startSystem`), and the gateway's own
 * `last_activity_at` cannot be aged: its next health report would write it back.
 */
const lastActivityHoursAgo = (hours: number) =>
  system.sql(`UPDATE vps SET updated_at = ${Math.round(Date.now() - hours * 3_600_000)} WHERE id = '${vpsId()}'`);
const holdNextBoot = async () => {
  const res = await fetch(`${cloud.cloud.url}/_localcloud/boot-holds`, { method: 'POST', body: '{"count":1}' });
  expect(res.status).toBe(201);
};

describe('provisioning timeout and the idle banner in the browser', () => {
  it('signs in and connects DigitalOcean (localcloud) through its consent page', async () => {
    await signIn(page, system.origin, 'lifecycle@example.com');
    await connectDigitalOcean(page);
  });

  it('a droplet whose gateway never phones home: the timeout copy, the console link and Retry', async () => {
    await holdNextBoot();
    await page.getByLabel('Name (optional)').fill(NAME);
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL('**/vps/*');
    serverUrl = page.url();
    await expect.poll(mainText, slow).toContain('Setting up usually takes a few minutes.');
    await shot(page, 'provisioning');

    await expect.poll(mainText, boot).toContain('VPS provisioning timed out.');
    const text = await mainText();
    expect(text).toContain('The droplet was created, but its gateway never reported in.');
    expect(text).toContain('Until you retry or destroy it, the droplet keeps running and is billed.');
    expect(text).toContain('Setup timed out');
    expect(await page.getByRole('list', { name: 'Setup progress' }).textContent()).toContain(
      'Gateway installed and registered (failed)',
    );
    const link = page.getByRole('link', { name: 'Open the DigitalOcean console' });
    const href = (await link.getAttribute('href')) ?? '';
    heldDroplet = Number(/\/droplets\/(\d+)\/terminal\/ui\/$/.exec(href)?.[1]);
    expect(href).toBe(consoleUrl(heldDroplet));
    await shot(page, 'timed-out');

    const [consolePage] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await consolePage.waitForLoadState();
    expect(consolePage.url()).toBe(href);
    const consoleText = await consolePage.locator('body').textContent();
    expect(consoleText).toContain(`Droplet ${heldDroplet} · status active`);
    expect(consoleText).toContain('The gateway was never started on this droplet');
    await shot(consolePage, 'console');
    await consolePage.close();

    await page.getByRole('button', { name: 'Retry setup' }).click();
    await expect.poll(mainText, slow).toContain('Setting up usually takes a few minutes.');
    await expect.poll(mainText, boot).toContain('Ready');
    await expect.poll(mainText, slow).toContain('Connected');
    expect(await mainText()).not.toContain('VPS provisioning timed out.');
    // The droplet that never came up is gone from the cloud, destroyed by Retry.
    expect((await fetch(href)).status).toBe(404);
    const destroyed = cloud.cloud.requests().filter((r) => r.method === 'DELETE');
    expect(destroyed.map((r) => r.path)).toEqual([`/v2/droplets/${heldDroplet}`]);
    await shot(page, 'ready-after-retry');
  });

  it('a day without activity: the banner offers Power Off or Keep running; Keep running dismisses it for good', async () => {
    // The gateway has seen no session activity, so its health reports none: the VPS's last change is what counts.
    expect((await apiJson<{ last_activity_at: string | null }>(`/api/vps/${vpsId()}/health`)).last_activity_at).toBe(
      null,
    );
    lastActivityHoursAgo(25);
    expect(await system.scheduled()).toBe(1);
    expect(await dashboardText()).toContain(IDLE_TEXT);
    // Retry answered the timeout notice: only the idle one is left.
    expect(await mainText()).not.toContain('did not finish setting up');
    const banner = page.getByRole('status').filter({ hasText: IDLE_TEXT });
    expect(await banner.getByRole('button').allTextContents()).toEqual(['Power Off…', 'Keep running']);
    await shot(page, 'idle-banner');

    await banner.getByRole('button', { name: 'Keep running' }).click();
    await expect.poll(mainText, slow).not.toContain(IDLE_TEXT);
    await page.reload();
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    expect(await mainText()).not.toContain(IDLE_TEXT);
    await shot(page, 'kept-running');
    // The same idle period is never announced twice.
    expect(await system.scheduled()).toBe(0);
    expect(await dashboardText()).not.toContain(IDLE_TEXT);
  });

  it("idle again, a newer period: the banner's Power Off powers the server off", async () => {
    // The server was used again after the first idle period began, and that too is over a day ago: a newer period.
    lastActivityHoursAgo(24.5);
    expect(await system.scheduled()).toBe(1);
    expect(await dashboardText()).toContain(IDLE_TEXT);
    const banner = page.getByRole('status').filter({ hasText: IDLE_TEXT });
    await banner.getByRole('button', { name: 'Power Off…' }).click();
    const confirm = banner.getByRole('group', { name: 'Confirm power off' });
    expect(await confirm.textContent()).toContain(
      `Power off ${NAME}? Running sessions stop until you power it on again. Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.`,
    );
    await shot(page, 'idle-power-off-confirm');
    await confirm.getByRole('button', { name: 'Power off', exact: true }).click();
    await expect.poll(mainText, boot).toContain('Powered off');
    expect(await mainText()).not.toContain(IDLE_TEXT);
    await shot(page, 'dashboard-powered-off');

    // The cloud did it: the Worker powered off the retried droplet, and localcloud's console says it is off.
    const powerOffs = cloud.cloud
      .requests()
      .filter((r) => r.method === 'POST' && (r.body as { type?: string } | null)?.type === 'power_off');
    expect(powerOffs).toHaveLength(1);
    const droplet = Number(/^\/v2\/droplets\/(\d+)\/actions$/.exec(powerOffs[0]?.path ?? '')?.[1]);
    expect(droplet).not.toBe(heldDroplet);
    await expect
      .poll(async () => (await (await fetch(consoleUrl(droplet))).text()).includes('status <strong>off</strong>'), slow)
      .toBe(true);

    await page.goto(serverUrl);
    await expect.poll(mainText, slow).toContain('VPS powered off.');
    expect(await mainText()).toContain('Storage and reserved IP continue to be billed');
    expect(await page.getByRole('button', { name: 'Power On' }).count()).toBe(1);
    await shot(page, 'server-powered-off');
    // Only our pages count: the consent page belongs to the cloud (localcloud standing in for DigitalOcean).
    expect(errors.filter((e) => !e.includes(cloud.cloud.url))).toEqual([]);
  });
});
