/**
 * Clipboard writes from terminal output (OSC 52, issue 14 point 3) through the whole system: a shell in tmux on a
 * local gateway, the hub, the one Worker and the Terminal in Chromium. Output that arrives long after the user's
 * last keystroke (a `sleep` stands in for a `cat`-ed file, a pager, an agent working on its own) cannot put a
 * command in the clipboard, and the page says it blocked one; a write that answers a keystroke still copies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { closeDesktopPage, openDesktopPage } from './desktop-page.ts';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import type { SharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-clipboard-'));
const slow = { timeout: 30_000, interval: 200 };
/** What the clipboard holds before each step: a write the terminal was refused leaves it there. */
const UNTOUCHED = 'put there by the test';

let system: SharedSystem;
let browser: Browser;
let page: Page;
let gateway: LocalGateway | undefined;
let errors: string[];

beforeAll(async () => {
  ({ system, browser, page, errors } = await openDesktopPage((granted, at) =>
    granted.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: at.origin }),
  ));
});

afterAll(() => closeDesktopPage(gateway, browser, dir));

const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
const notice = (text: string) => page.locator('.vt-notice', { hasText: text });

/**
 * A shell command whose output is an OSC 52 write of `text` (base64 made by the shell, as a program would), then
 * `marker` on a line of its own. The marker is computed so that the echo of the typed command never equals it.
 */
const oscWrite = (text: string, marker: string) =>
  `printf '\\e]52;c;%s\\a' $(printf '${text}' | base64); echo ${marker}-$((6*7))`;

describe('OSC 52 from the terminal output', () => {
  it('opens a shell session on a local gateway', async () => {
    const vps = {
      email: 'clipboard@example.com',
      vpsId: 'vps-clip',
      name: 'clip-box',
      dir,
      workspaceRoot: system.workspaceRoot,
    };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vps.vpsId);
    await createShell(page, 'clipboard shell');
    await openSession(page, 'clipboard shell');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(async () => (await terminalLines(page)).join('\n'), slow).toMatch(/[$#]\s*$/m);
  });

  it('drops a write that arrives long after the last keystroke and says so', async () => {
    await page.evaluate((text) => navigator.clipboard.writeText(text), UNTOUCHED);
    // The Enter that runs the command is input; the write comes 2 s later, past the 1 s window, with no input since.
    await typeCommand(page, `sleep 2; ${oscWrite('rm -rf ~', 'delayed')}`);
    await notice('Blocked a clipboard write from the terminal output').waitFor({ timeout: slow.timeout });
    await expect.poll(() => terminalLines(page), slow).toContain('delayed-42');
    expect(await clipboard()).toBe(UNTOUCHED);
  });

  it('copies a write that answers the keystroke and says so', async () => {
    await typeCommand(page, oscWrite('echo copied', 'prompt'));
    await expect.poll(clipboard, slow).toBe('echo copied');
    await notice('Copied from the terminal').waitFor({ timeout: slow.timeout });
    await expect.poll(() => terminalLines(page), slow).toContain('prompt-42');
    expect(errors).toEqual([]);
  });
});
