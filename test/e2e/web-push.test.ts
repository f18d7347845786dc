/**
 * Web Push end to end (issue 17 item 2), in Chromium against the shared system: the dashboard's Notifications card
 * registers the app's service worker once notifications are allowed; a question a real shell asks in its tmux pane,
 * with nobody watching, goes gateway → hub → the push service, which is a stand-in (fakes/webpush) since headless
 * Chromium cannot subscribe at Google's: the test hands the Worker a subscription the stand-in made, as the browser
 * would hand over its own, and the stand-in decrypts what the Worker sent. That message is then delivered to the
 * page's service worker as Chromium's push service would (DevTools' ServiceWorker.deliverPushMessage), and the
 * notification it shows is read back from the browser; the open dashboard, its own poll held still, lists the
 * pushed question at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenshotDir } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDesktopPage, openDesktopPage } from './desktop-page.ts';
import type { SharedSystem } from './shared-system.ts';
import { type UnwatchedShell, unwatchedShell } from './unwatched-shell.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-push-'));
const VPS_ID = 'vps-push';
const TITLE = 'push shell';
const slow = { timeout: 30_000, interval: 250 };

let system: SharedSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let shell: UnwatchedShell | undefined;
let errors: string[];
let sessionPath: string;
let endpoint: string;
let cdp: CDPSession;
let registrationId: string;

interface ShownNote {
  title: string;
  body: string;
  tag: string;
  data: unknown;
}

beforeAll(async () => {
  ({ system, browser, context, page, errors } = await openDesktopPage(async (context, system) => {
    await context.grantPermissions(['notifications'], { origin: system.origin });
  }));
}, 180_000);

afterAll(() => closeDesktopPage(shell?.gateway, browser, dir), 60_000);

const pane = () => shell?.pane() ?? '';
const needsYou = () => page.getByRole('region', { name: 'Needs you' });
const typeInPane = (line: string) => shell?.typeLine(line);
/** What the push stand-in decrypted for this file's subscription. */
const pushed = async (): Promise<string[]> => {
  const res = await fetch(`${system.pushServiceUrl}/_fake/messages`);
  const all = (await res.json()) as { endpoint: string; payload: string | null }[];
  return all.filter((push) => push.endpoint === endpoint).map((push) => push.payload ?? '');
};
/** The notifications the app's service worker shows now. */
const shown = (): Promise<ShownNote[]> =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const notes = await registration.getNotifications();
    return notes.map(({ title, body, tag, data }) => ({ title, body, tag, data: data as unknown }));
  });

/** Delivers `data` to the page's service worker as the browser's push service would. */
async function deliverPush(data: string): Promise<void> {
  await cdp.send('ServiceWorker.deliverPushMessage', { origin: system.origin, registrationId, data });
}

describe('Web Push, from a question in a pane to a notification', () => {
  it('starts a shell session nobody watches', { timeout: 180_000 }, async () => {
    shell = await unwatchedShell(page, system, {
      email: 'web-push@example.com',
      vpsId: VPS_ID,
      name: 'push-box',
      title: TITLE,
      dir,
    });
    sessionPath = shell.sessionPath;
  });

  it("registers the app's service worker once notifications are allowed, and says what this browser gets", async () => {
    await page.goto(`${system.origin}/dashboard`);
    const card = page.getByRole('region', { name: 'Notifications' });
    // Headless Chromium reaches no push service of its own: the card says pushes fail and notifications stay with the tab.
    await expect.poll(() => card.getByRole('status').textContent(), slow).toMatch(/^On while a VibeCode tab is open/);
    const worker = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(worker).toBe(`${system.origin}/service-worker.js`);
    await page.screenshot({ path: join(screenshotDir, 'web-push-card.png'), fullPage: true });
  });

  it("pushes a question to the user's browser, encrypted for it, once", async () => {
    const key = await page.evaluate(
      async () => ((await (await fetch('/api/push/key')).json()) as { public_key: string }).public_key,
    );
    const made = await fetch(`${system.pushServiceUrl}/_fake/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ application_server_key: key }),
    });
    const subscription = (await made.json()) as { endpoint: string; keys: { p256dh: string; auth: string } };
    endpoint = subscription.endpoint;
    // What the page hands over of the browser's own (PushSubscription.toJSON() less its expirationTime).
    const answer = await page.evaluate(
      async (body) => {
        const res = await fetch('/api/push/subscriptions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return { status: res.status, body: await res.text() };
      },
      { endpoint: subscription.endpoint, keys: subscription.keys },
    );
    // The whole answer, so a refusal names its reason.
    expect({ ...answer, subscription }).toMatchObject({ status: 201 });

    typeInPane('read -p "Push this? [y/n] " p; echo "push=$p"');
    await expect.poll(pushed, slow).toHaveLength(1);
    const [payload] = await pushed();
    expect(JSON.parse(payload ?? '')).toEqual({
      title: `${TITLE} needs you`,
      body: 'Push this? [y/n]',
      path: sessionPath,
    });
  });

  it("shows the pushed message as the service worker's notification, and a push it cannot read as a plain notice", async () => {
    cdp = await context.newCDPSession(page);
    const registered = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((r) => r.scopeURL === `${system.origin}/` && !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    registrationId = await registered;
    const [payload] = await pushed();
    await deliverPush(payload ?? '');
    await expect.poll(shown, slow).toEqual([
      {
        title: `${TITLE} needs you`,
        body: 'Push this? [y/n]',
        tag: 'vibecode-attention',
        data: { path: sessionPath },
      },
    ]);
    // The same tag: a newer push replaces the notification rather than adding one.
    await deliverPush('not a message');
    await expect.poll(async () => (await shown()).map((note) => note.title), slow).toEqual(['A session needs you']);
    typeInPane('y');
    await expect.poll(pane, slow).toMatch(/^push=y$/m);
    expect(errors).toEqual([]);
  });

  it("lists a pushed question on the open dashboard at once, without waiting for the page's next read", async () => {
    // Page time flows until the list shows nothing waiting; then it stands still, so the page's own poll cannot read.
    await page.clock.install();
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    await expect.poll(() => needsYou().count(), slow).toBe(0);
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    try {
      typeInPane('read -p "Ship it? [y/n] " s; echo "ship=$s"');
      await expect.poll(pushed, slow).toHaveLength(2);
      expect(await needsYou().count()).toBe(0);
      await deliverPush((await pushed())[1] ?? '');
      await needsYou().locator('li', { hasText: 'Ship it? [y/n]' }).waitFor({ timeout: 30_000 });
    } finally {
      await page.clock.resume();
    }
    typeInPane('y');
    await expect.poll(pane, slow).toMatch(/^ship=y$/m);
    expect(errors).toEqual([]);
  });
});
