/**
 * Issue 12, point 5 — a truthful server page, in Chromium against the real Worker (`wrangler dev`), localcloud and
 * the gateway release its droplets install. With the server page open and never reloaded:
 *   - the droplet's gateway goes away (its process killed, and not restarted: a crash systemd gave up on) → the
 *     page shows it offline, offers DigitalOcean's console for the droplet, and marks the health stale with the
 *     time it was taken;
 *   - the droplet is powered off outside VibeCode, through DigitalOcean's own API (localcloud's, with a grant of the
 *     test's own) → the page shows it powered off with Power On;
 *   - Power On from the page brings it back Ready.
 * Every wait is for a state: the page re-reads the server every 10 s (SERVER_POLL_MS) and the server reads the
 * droplet's power at most once per POWER_CHECK_INTERVAL_SECONDS per VPS (30 s; 5 here, its least), so a change shows
 * within about 15 s. The gateways report health every 2 s, so "stale" (older than two report intervals) comes seconds
 * after the gateway goes. localcloud runs in this process beside a system of this file's own (cloud.ts), as in
 * lifecycle.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerConsent } from '@vibecode/localcloud';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, connectDigitalOcean, type E2eCloud, startCloud } from './cloud.ts';
import { signIn } from './sign-in.ts';
import { type System, startSystem } from './system.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-server-status-'));
const NAME = 'status-box';
/** The power reads' interval here: the least the setting takes, so a power change shows soon after it is made. */
const POWER_CHECK_S = 5;
/** Past the page's 10 s poll plus the server's bound on power reads, on a loaded 2-core machine. */
const live = { timeout: 90_000, interval: 500 };
const boot = { timeout: 120_000, interval: 500 };
/** Above the polls' budgets, which a test may spend more than one of. */
const TEST_MS = 240_000;

let cloud: E2eCloud;
let system: System;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let dropletId = 0;
let outsideToken = '';

beforeAll(async () => {
  // A gateway that exits stays down for the whole file, as one systemd stopped restarting would.
  cloud = await startCloud(dir, { gatewayEnv: { VIBE_HEALTH_INTERVAL_S: '2' }, gatewayRestartDelayMs: 3_600_000 });
  [system, browser] = await Promise.all([
    startSystem({ ...cloud.vars, POWER_CHECK_INTERVAL_SECONDS: String(POWER_CHECK_S) }),
    launchChromium(),
  ]);
  context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  page = await context.newPage();
  errors = watchErrors(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const shot = (label: string) =>
  page.screenshot({ path: join(screenshotDir, `server-status-${label}.png`), fullPage: true });
const mainText = () => page.locator('main').textContent();
const pill = () => page.locator('.title .pill').textContent();
const healthText = () => page.getByRole('region', { name: 'Health' }).textContent();
/** Set in the page's window once: still there later means the page was never reloaded. */
const markDocument = () => page.evaluate(() => Object.assign(window, { statusMark: 'same page' }));
const sameDocument = () => page.evaluate(() => (window as Window & { statusMark?: string }).statusMark);

/** DigitalOcean's API as someone other than VibeCode uses it: a grant of its own, through the consent page. */
async function grantOutsideVibeCode(): Promise<string> {
  const redirect = 'http://127.0.0.1/outside';
  const authorize = new URL('/v1/oauth/authorize', cloud.cloud.url);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirect,
    scope: 'droplet:read droplet:update',
    state: 'outside',
  }).toString();
  const code = (await answerConsent(authorize.toString(), 'approve')).searchParams.get('code') ?? '';
  const res = await fetch(new URL('/v1/oauth/token', cloud.cloud.url), {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: redirect,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

function doApi(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = { authorization: `Bearer ${outsideToken}`, 'content-type': 'application/json' };
  return fetch(new URL(path, cloud.cloud.url), { ...init, headers });
}

describe('the server page tells the truth without a reload', () => {
  it(
    'signs in, connects DigitalOcean and creates a server that comes up Ready',
    async () => {
      await signIn(page, system.origin, 'server-status@example.com');
      await connectDigitalOcean(page);
      await page.getByLabel('Name (optional)').fill(NAME);
      await page.getByRole('button', { name: 'Create server' }).click();
      await page.waitForURL('**/vps/*');
      await expect.poll(pill, boot).toBe('Ready');
      await expect.poll(mainText, live).toContain('Connected');

      outsideToken = await grantOutsideVibeCode();
      const listed = await doApi(`/v2/droplets?name=${NAME}`);
      dropletId = ((await listed.json()) as { droplets: { id: number }[] }).droplets[0]?.id ?? 0;
      expect(dropletId).toBeGreaterThan(0);
      // The page measures the gateway's report interval from the hub's samples: open it once a few are in.
      const vpsId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
      const samples = () =>
        page.evaluate(async (id) => (await (await fetch(`/api/vps/${id}/health`)).json()).history.length, vpsId);
      await expect.poll(samples, live).toBeGreaterThanOrEqual(3);
      await page.reload();
      await expect.poll(healthText, live).toMatch(/Reported /);
      expect(await healthText()).not.toContain('Stale');
      expect(await page.getByRole('link', { name: 'Open the DigitalOcean console' }).count()).toBe(0);
      await markDocument();
      await shot('ready');
    },
    TEST_MS,
  );

  it(
    'the gateway goes away: offline at once, the DigitalOcean console offered, health marked stale',
    async () => {
      const machine = await fetch(`${cloud.cloud.url}/_localcloud/droplets/${dropletId}/machine`);
      const { pid } = (await machine.json()) as { pid: number | null };
      expect(pid).toBeGreaterThan(0);
      process.kill(pid as number, 'SIGKILL');

      await expect.poll(pill, live).toBe('Offline');
      await expect.poll(mainText, live).toContain('The gateway is not connected.');
      expect(await mainText()).toContain('Not connected');
      const link = page.getByRole('link', { name: 'Open the DigitalOcean console' });
      await expect
        .poll(() => link.getAttribute('href'), live)
        .toBe(`${cloud.cloud.url}/droplets/${dropletId}/terminal/ui/`);

      await expect.poll(healthText, live).toContain('Stale');
      expect(await healthText()).toMatch(/These numbers were taken .+\.\s+The server has not reported since/);
      // The droplet itself still runs: the cloud says so, and the page still offers Power Off, not Power On.
      expect(await page.getByRole('button', { name: 'Power Off…' }).count()).toBe(1);
      expect(await sameDocument()).toBe('same page');
      await shot('gateway-offline');
    },
    TEST_MS,
  );

  it(
    'powered off outside VibeCode: the open page shows it off, with Power On',
    async () => {
      const res = await doApi(`/v2/droplets/${dropletId}/actions`, {
        method: 'POST',
        body: JSON.stringify({ type: 'power_off' }),
      });
      expect(res.status).toBe(201);

      await expect.poll(pill, live).toBe('Powered off');
      await expect.poll(mainText, live).toContain('VPS powered off.');
      expect(await page.getByRole('button', { name: 'Power On' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Power Off…' }).count()).toBe(0);
      // Off is not "gateway offline": there is no console to reach on a droplet that is off.
      expect(await page.getByRole('link', { name: 'Open the DigitalOcean console' }).count()).toBe(0);
      expect(await healthText()).toContain('Stale');
      expect(await sameDocument()).toBe('same page');
      await shot('powered-off-outside');
    },
    TEST_MS,
  );

  it(
    'Power On from the page brings it back Ready, its health fresh again',
    async () => {
      await page.getByRole('button', { name: 'Power On' }).click();
      await expect.poll(pill, boot).toBe('Ready');
      await expect.poll(mainText, live).toContain('Connected');
      await expect.poll(healthText, live).not.toContain('Stale');
      await shot('back-on');
      // Only our pages count: the consent page belongs to the cloud (localcloud standing in for DigitalOcean).
      expect(errors.filter((e) => !e.includes(cloud.cloud.url))).toEqual([]);
    },
    TEST_MS,
  );
});
