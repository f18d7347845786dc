/**
 * Issue 12, point 1 — sessions outlive their program, in Chromium against the shared system:
 *   - a shell session whose program prints an error and exits with code 3 stays: its screen is still readable, the
 *     terminal and the server page's list (open in another tab, never reloaded) say "exited (code 3)", typing goes
 *     nowhere, the last lines are one click away; Restart brings a prompt back in the same folder; End removes it.
 *     (A gateway of this repo on this machine, as terminal-session.test.ts does.)
 *   - a server (a localcloud droplet running the gateway release) powered off and on through the app: its session
 *     reads "stopped: server powered off" in the list and on its page, never "running", and Restart runs it again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { connectDigitalOcean } from './cloud.ts';
import { closeDesktopPage, openDesktopPage } from './desktop-page.ts';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import type { SharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-session-exit-'));
const VPS_ID = 'vps-session-exit';
const slow = { timeout: 30_000, interval: 200 };
/** A droplet's boot (install of the gateway release) and a power cycle, on a loaded 2-core machine. */
const boot = { timeout: 180_000, interval: 500 };

let system: SharedSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let list: Page;
let gateway: LocalGateway | undefined;
let errors: string[];

beforeAll(async () => {
  ({ system, browser, context, page, errors } = await openDesktopPage());
}, 180_000);

afterAll(() => closeDesktopPage(gateway, browser, dir), 60_000);

const shot = (p: Page, label: string) => p.screenshot({ path: join(screenshotDir, `session-exit-${label}.png`) });
const mainText = (p: Page) => p.locator('main').textContent();
const lines = () => terminalLines(page);
const exitNotice = () => page.getByRole('status', { name: 'Session status' });
/** The list's row of the session titled `title`. */
const row = (p: Page, title: string) => p.locator('li', { has: p.getByRole('link', { name: title }) });

describe('a session whose program exits with an error', () => {
  it('starts a shell session, with the server page open in another tab', async () => {
    gateway = await signInWithLocalVps(page, system, {
      email: 'session-exit@example.com',
      vpsId: VPS_ID,
      name: 'exit-box',
      dir,
      workspaceRoot: system.workspaceRoot,
    });
    await waitUntilReady(page, system.origin, VPS_ID);
    await createShell(page, 'exit shell');
    list = await context.newPage();
    errors.push(...watchErrors(list));
    await list.goto(page.url());
    await list.evaluate(() => Object.assign(window, { exitMark: 'same page' }));
    expect(await row(list, 'exit shell').textContent()).toContain('running');
    await openSession(page, 'exit shell');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(async () => (await lines()).join('\n'), slow).toMatch(/[$#]\s*$/m);
  });

  it('stays readable and says "exited (code 3)" in the terminal and, live, in the list', async () => {
    await typeCommand(page, 'echo "fatal: cannot reach the network" >&2; exit 3');
    await expect.poll(() => terminalStatus(page), slow).toBe('Exited (code 3)');
    await expect.poll(() => exitNotice().textContent(), slow).toContain('exited (code 3)');
    expect(await exitNotice().textContent()).toContain('fatal: cannot reach the network');
    // The last lines are one click away.
    await exitNotice().getByText('Last lines').click();
    expect(await exitNotice().locator('pre').textContent()).toContain('fatal: cannot reach the network');
    expect(await lines()).toContain('fatal: cannot reach the network');
    // Nothing typed reaches a program that is gone.
    await typeCommand(page, 'echo typed-while-exited');
    expect((await lines()).some((l) => l.includes('typed-while-exited'))).toBe(false);
    // Where a person looks: the screen itself, not only its scrollback, keeps the last lines, though the notice
    // above it (opened further by "Last lines") made the terminal shorter after the exit.
    const screen = () => page.evaluate(() => window.__vibeTerminal?.screen().lines.map((l) => l.trim()) ?? []);
    await expect.poll(screen, slow).toContain('fatal: cannot reach the network');
    await shot(page, 'exited');

    await expect.poll(() => row(list, 'exit shell').textContent(), slow).toContain('exited (code 3)');
    expect(await list.evaluate(() => (window as Window & { exitMark?: string }).exitMark)).toBe('same page');
    expect(await row(list, 'exit shell').getByRole('button', { name: 'Restart' }).count()).toBe(1);
    await shot(list, 'list-exited');
  });

  it('Restart brings a prompt back in the same folder', async () => {
    await exitNotice().getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    expect(await exitNotice().count()).toBe(0);
    await typeCommand(page, 'echo "back-$((40+2))"; basename "$PWD"');
    // basename prints after the echo, so its line is the one to wait for.
    await expect.poll(lines, slow).toContain('exit-shell-1');
    expect(await lines()).toContain('back-42');
    await expect.poll(() => row(list, 'exit shell').textContent(), slow).toContain('running');
  });

  it('End removes it', async () => {
    await typeCommand(page, 'exit 4');
    await expect.poll(() => terminalStatus(page), slow).toBe('Exited (code 4)');
    await exitNotice().getByRole('button', { name: 'End' }).click();
    await page.waitForURL(`**/vps/${VPS_ID}`);
    await expect.poll(() => page.getByRole('link', { name: 'exit shell' }).count(), slow).toBe(0);
    await expect.poll(() => list.getByRole('link', { name: 'exit shell' }).count(), slow).toBe(0);
    await list.close();
    expect(errors).toEqual([]);
  });
});

describe('a session on a server powered off and on through the app', () => {
  let serverUrl = '';

  it('runs a shell session on a new server', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await connectDigitalOcean(page);
    await page.getByLabel('Name (optional)').fill('exit-power-box');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL('**/vps/*');
    serverUrl = page.url();
    await expect.poll(() => mainText(page), boot).toContain('Ready');
    await createShell(page, 'power shell');
    await openSession(page, 'power shell');
    await expect.poll(async () => (await lines()).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await typeCommand(page, 'echo before-power-off');
    await expect.poll(lines, slow).toContain('before-power-off');
    await page.goto(serverUrl);
  });

  it('powered off, the session reads "stopped: server powered off", never running', async () => {
    await page.getByRole('button', { name: 'Power Off…' }).click();
    await page.getByRole('button', { name: 'Power off', exact: true }).click();
    await expect.poll(() => mainText(page), boot).toContain('VPS powered off');
    await expect.poll(() => row(page, 'power shell').textContent(), slow).toContain('stopped: server powered off');
    await shot(page, 'list-stopped');
  });

  it('powered on again, it stays stopped, and Restart runs it in the same folder', async () => {
    await page.getByRole('button', { name: 'Power On' }).click();
    await expect.poll(() => mainText(page), boot).toContain('Ready');
    expect(await row(page, 'power shell').textContent()).toContain('stopped: server powered off');
    await openSession(page, 'power shell');
    await expect.poll(() => exitNotice().textContent(), slow).toContain('stopped: server powered off');
    await shot(page, 'session-stopped');
    await exitNotice().getByRole('button', { name: 'Restart' }).click();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(async () => (await lines()).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await typeCommand(page, 'echo "after-$((2*21))"; basename "$PWD"');
    await expect.poll(lines, slow).toContain('power-shell-1');
    expect(await lines()).toContain('after-42');
    await page.goto(serverUrl);
    await expect.poll(() => row(page, 'power shell').textContent(), slow).toContain('running');
    // localcloud's consent page (DigitalOcean's, in production) has no favicon: not this app's error.
    expect(errors.filter((error) => !error.includes(system.cloudUrl))).toEqual([]);
  });
});
