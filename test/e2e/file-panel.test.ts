/**
 * The file panel end to end (issue 12 point 6), in Chromium against the one Worker, the hub and this repo's gateway:
 * files made in the terminal are listed folders first with sizes and dates, a folder opens and the breadcrumb goes
 * back up, a file uploads into the open folder (and one dropped on the terminal too), a click downloads a file, and
 * a symlink leading out of the session folder is listed but cannot be opened. The phone layout is screenshotted.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { closeDesktopPage, openDesktopPage } from './desktop-page.ts';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import type { SharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-files-'));
const slow = { timeout: 30_000, interval: 200 };
const vpsId = 'vps-file-panel';

let system: SharedSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let gateway: LocalGateway | undefined;
let errors: string[];

beforeAll(async () => {
  ({ system, browser, context, page, errors } = await openDesktopPage());
});

afterAll(() => closeDesktopPage(gateway, browser, dir));

const panel = () => page.getByRole('region', { name: 'Session files' });
/** The names in the open folder's list, in the order shown. */
const shownNames = () =>
  panel()
    .locator('.entries li')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name')));
/** What the test made in the session folder (which holds the agent's instruction files too), in the order shown. */
const made = ['docs', 'alpha.txt', 'escape', 'zeta.txt'];
const shownMade = async () => (await shownNames()).filter((name) => made.includes(name ?? ''));
const lastStatus = () => panel().getByRole('status').last().textContent();
const shot = (label: string) => page.screenshot({ path: join(screenshotDir, `file-panel-${label}.png`) });

describe('the file panel', () => {
  it('opens on a session whose folder has files made in its terminal', async () => {
    const { workspaceRoot } = system;
    const vps = { email: 'file-panel@example.com', vpsId, name: 'file-panel-box', dir, workspaceRoot };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vpsId);
    await createShell(page, 'file-panel shell');
    await openSession(page, 'file-panel shell');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await typeCommand(
      page,
      "mkdir -p docs/deep && printf 'hello panel\\n' > docs/readme.txt && printf 'x' > zeta.txt && printf 'ab' > alpha.txt && ln -s /etc escape && echo made-$((6*7))",
    );
    await expect.poll(() => terminalLines(page), slow).toContain('made-42');
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    await expect.poll(shownMade, slow).toEqual(made);
    // The one folder comes before every file.
    expect((await shownNames())[0]).toBe('docs');
    const alpha = panel().locator('li[data-name="alpha.txt"]');
    expect(await alpha.locator('.size').textContent()).toBe('2 B');
    // Made a moment ago: today's entries show the time of day.
    expect(await alpha.locator('time').textContent()).toMatch(/^\d{1,2}:\d{2}/);
    expect((await panel().textContent())?.replace(/\s+/g, ' ')).toContain(
      'Up to 20 MiB per file; a transfer stops after 5 minutes.',
    );
    // The link out of the session folder is listed as a link, and offers nothing to click.
    const outward = panel().locator('li[data-name="escape"]');
    expect(await outward.getByRole('button').count()).toBe(0);
    expect(await outward.textContent()).toContain('leads outside the session folder');
    await shot('root');
  });

  it('opens a folder, and the breadcrumb goes back up', async () => {
    await panel().getByRole('button', { name: 'Open folder docs' }).click();
    await expect.poll(shownNames, slow).toEqual(['deep', 'readme.txt']);
    expect(await panel().getByRole('navigation', { name: 'Folder' }).textContent()).toMatch(
      /Session folder\s*\/\s*docs/,
    );
    await panel().getByRole('button', { name: 'Session folder', exact: true }).click();
    await expect.poll(shownMade, slow).toEqual(made);
    await panel().getByRole('button', { name: 'Open folder docs' }).click();
    await expect.poll(shownNames, slow).toEqual(['deep', 'readme.txt']);
  });

  it('uploads into the open folder, with the list following', async () => {
    await panel()
      .locator('input[type=file]')
      .setInputFiles({ name: 'up.txt', mimeType: 'text/plain', buffer: Buffer.from('uploaded into docs\n') });
    await expect.poll(lastStatus, slow).toContain('Uploaded docs/up.txt');
    await expect.poll(shownNames, slow).toEqual(['deep', 'readme.txt', 'up.txt']);
    await typeCommand(page, 'cat docs/up.txt');
    await expect.poll(() => terminalLines(page), slow).toContain('uploaded into docs');
  });

  it('uploads a file dropped on the terminal into the open folder', async () => {
    await page.evaluate(() => {
      const dropped = new DataTransfer();
      dropped.items.add(new File(['dropped into docs\n'], 'dropped.txt'));
      const target = document.querySelector('.xterm');
      target?.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dropped }));
      target?.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dropped }));
    });
    await expect.poll(lastStatus, slow).toContain('Uploaded docs/dropped.txt');
    await expect.poll(shownNames, slow).toEqual(['deep', 'dropped.txt', 'readme.txt', 'up.txt']);
  });

  it('downloads a file with a click', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel().getByRole('button', { name: 'Download readme.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('readme.txt');
    const saved = join(dir, 'readme-downloaded.txt');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('hello panel\n');
    await expect.poll(lastStatus, slow).toContain('Downloaded readme.txt');
    await shot('docs');
    expect(errors).toEqual([]);
  });

  it('fits a phone: the panel over the terminal, nothing scrolling sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    try {
      const p = await phone.newPage();
      const phoneErrors = watchErrors(p);
      await p.context().addCookies(await context.cookies());
      await p.goto(page.url());
      await expect.poll(() => terminalStatus(p), slow).toBe('Connected');
      await p.getByRole('button', { name: 'Session menu' }).tap();
      await p.getByRole('button', { name: 'Files', exact: true }).tap();
      const files = p.getByRole('region', { name: 'Session files' });
      await files.getByRole('button', { name: 'Open folder docs' }).waitFor();
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await p.screenshot({ path: join(screenshotDir, 'file-panel-phone.png') });
      expect(phoneErrors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
