/**
 * "Sign out everywhere" from the account menu ends the user's sessions in every browser, and a terminal another
 * browser has open stops at once (the hub closes its socket for sign-out) and says so, instead of living on or
 * retrying.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { openAccountMenu, signIn } from './sign-in.ts';
import { createShell, openSession, terminalStatus } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-signout-'));
const slow = { timeout: 30_000, interval: 200 };
const email = 'everywhere@example.com';

let system: SharedSystem;
let browser: Browser;
let gateway: LocalGateway | undefined;
/** Two browsers of one user: `here` signs out everywhere, `there` has the terminal open. */
let here: Page;
let there: Page;

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  here = await (await browser.newContext()).newPage();
  there = await (await browser.newContext()).newPage();
  watchErrors(here);
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const signedIn = (page: Page) => page.evaluate(() => fetch('/api/me').then((r) => r.status));

describe('sign out everywhere', () => {
  it('closes a terminal open in another browser and signs both browsers out', async () => {
    gateway = await signInWithLocalVps(here, system, {
      email,
      vpsId: 'vps-everywhere',
      name: 'box',
      dir,
      workspaceRoot: system.workspaceRoot,
    });
    await waitUntilReady(here, system.origin, 'vps-everywhere');
    await createShell(here, 'kept open');

    await signIn(there, system.origin, email);
    await there.goto(`${system.origin}/vps/vps-everywhere`);
    await openSession(there, 'kept open');
    await expect.poll(() => terminalStatus(there), slow).toBe('Connected');

    await openAccountMenu(here);
    await here.getByRole('button', { name: 'Sign out everywhere' }).click();
    await here.waitForURL('**/signin');
    await expect.poll(() => terminalStatus(there), slow).toBe('Signed out');
    expect(await there.getByText('You were signed out. Sign in again to reopen this terminal.').isVisible()).toBe(true);
    expect(await signedIn(there)).toBe(401);
    expect(await signedIn(here)).toBe(401);
  });
});
