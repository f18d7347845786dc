/**
 * A real terminal end to end, without a cloud: sign in → a VPS whose gateway (this repo's, on this machine)
 * registers → the VPS turns ready → create a shell session in the web UI → type `echo hello` and read it from
 * the xterm buffer → resize the window and see `tput cols` follow → reload and see the same screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../web/src/lib/terminal/test-hook.ts';
import { launchChromium, screenshotDir, watchErrors } from '../../web/test/browser/chromium.ts';
import { type LocalGateway, seedVps, startGateway } from './gateway.ts';
import { signIn, userId } from './sign-in.ts';
import { type System, startSystem } from './system.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-gateway-'));
const workspaceRoot = join(dir, 'workspace');
const slow = { timeout: 30_000, interval: 200 };

let system: System;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let gateway: LocalGateway | undefined;
let errors: string[];

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ VPS_WORKSPACE_ROOT: workspaceRoot }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  page = await context.newPage();
  errors = watchErrors(page);
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const buffer = () => page.evaluate(() => window.__vibeTerminal?.lines() ?? []);
const cols = () => page.evaluate(() => window.__vibeTerminal?.cols() ?? 0);
const shot = (label: string) => page.screenshot({ path: join(screenshotDir, `session-${label}.png`) });

async function run(command: string) {
  await page.locator('.xterm').click();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
}

describe('a session terminal through the one Worker, the hub and a local gateway', () => {
  it('signs in and sees the VPS become ready once its gateway registers', async () => {
    await signIn(page, system.origin, 'terminal@example.com');
    const token = seedVps(system, await userId(page), 'vps-term', 'term-box');
    gateway = startGateway({ cpUrl: system.origin, token, dir, workspaceRoot });
    await page.goto(`${system.origin}/vps/vps-term`);
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('main').textContent();
      }, slow)
      .toContain('Ready');
    expect(await page.locator('main').textContent()).toContain('Connected');
  });

  it('creates a shell session and types into its terminal', async () => {
    await page.getByLabel('Agent').selectOption('shell');
    await page.getByLabel('Title').fill('e2e shell');
    await page.getByRole('button', { name: 'New session' }).click();
    await page.getByRole('link', { name: 'e2e shell' }).click();
    await page.waitForURL('**/vps/vps-term/sessions/*');
    await expect.poll(() => page.locator('[role=status]').textContent(), slow).toBe('Connected');
    await expect.poll(async () => (await buffer()).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await run('echo hello');
    await expect.poll(async () => (await buffer()).map((line) => line.trim()), slow).toContain('hello');
    await shot('echo-hello');
  });

  it('resizes the remote terminal with the window', async () => {
    await run('tput cols');
    await expect.poll(async () => (await buffer()).map((l) => l.trim()), slow).toContain(String(await cols()));
    await page.setViewportSize({ width: 700, height: 700 });
    await expect.poll(cols, slow).toBeLessThan(80);
    const narrow = await cols();
    await run('clear; tput cols');
    await expect.poll(async () => (await buffer()).map((l) => l.trim()), slow).toContain(String(narrow));
    await shot('resized');
  });

  it('shows the same screen after a reload', async () => {
    await run('echo before-reload');
    await expect.poll(async () => (await buffer()).map((l) => l.trim()), slow).toContain('before-reload');
    await page.reload();
    await expect.poll(() => page.locator('[role=status]').textContent(), slow).toBe('Connected');
    await expect.poll(async () => (await buffer()).map((l) => l.trim()), slow).toContain('before-reload');
    // Typing still reaches a clean prompt: nothing the reload replayed was answered into the shell.
    await run('echo after-reload');
    await expect.poll(async () => (await buffer()).map((l) => l.trim()), slow).toContain('after-reload');
    await shot('after-reload');
    expect(errors).toEqual([]);
  });
});
