/**
 * Issue 12 point 2, in Chromium: one size per session, the active viewer's. A big desktop window and a smaller one
 * (two browser contexts, one user) on one shell session. The one that typed last (else attached last) sets the
 * session's size; the other renders at that size — never rewrapped, checked on a line the shell draws exactly as
 * wide as tmux's window — scaled down to fit its box, with "Fit to this screen", which takes the size over. When the
 * active one leaves, the other gets its own size back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { type LocalGateway, paneSizes, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { createShellThroughApi, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-size-'));
const vpsId = 'vps-size';
const slow = { timeout: 30_000, interval: 200 };
const FIT = 'Fit to this screen';

let system: SharedSystem;
let browser: Browser;
let big: BrowserContext;
let small: BrowserContext;
let desk: Page;
let laptop: Page;
let gateway: LocalGateway | undefined;
let sessionUrl: string;
const errors: string[][] = [];

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  big = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  desk = await big.newPage();
  errors.push(watchErrors(desk));
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

const size = (page: Page) =>
  page.evaluate(() => ({ cols: window.__vibeTerminal?.cols() ?? 0, rows: window.__vibeTerminal?.rows() ?? 0 }));
const fitButton = (page: Page) => page.getByRole('button', { name: FIT });
const shot = (page: Page, label: string) =>
  page.screenshot({ path: join(screenshotDir, `terminal-size-${label}.png`) });

/**
 * Has the shell draw a line exactly as wide as tmux's window (dashes, then `|` in the last column), and waits until
 * `viewer` shows it on one line of its own: a terminal of another width would wrap or pad it.
 */
async function expectFullWidthLine(typist: Page, viewer: Page, marker: string, cols: number) {
  await typeCommand(typist, `printf '%s%*s|\\n' ${marker} $(( $(tput cols) - ${marker.length + 1} )) '' | tr ' ' -`);
  const line = `${marker}${'-'.repeat(cols - marker.length - 1)}|`;
  await expect.poll(() => terminalLines(viewer), slow).toContain(line);
}

/** Where the rows xterm draws are, and the box they are shown in. */
function placement(page: Page) {
  return page.evaluate(() => {
    const rect = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width } : null;
    };
    const xterm = document.querySelector<HTMLElement>('.xterm');
    return {
      rows: rect('.xterm-screen'),
      box: rect('.vt-screen'),
      unscaledWidth: document.querySelector<HTMLElement>('.xterm-screen')?.offsetWidth ?? 0,
      transform: xterm ? getComputedStyle(xterm).transform : 'none',
    };
  });
}

describe('two viewers of different sizes on one session', () => {
  it('signs in and sees the VPS become ready once its gateway registers', { timeout: 180_000 }, async () => {
    const vps = {
      email: 'terminal-size@example.com',
      vpsId,
      name: 'size-box',
      dir,
      workspaceRoot: system.workspaceRoot,
    };
    gateway = await signInWithLocalVps(desk, system, vps);
    await waitUntilReady(desk, system.origin, vpsId);
  });

  it('gives the session the size of the only viewer', async () => {
    // Through the API: this file is about the terminal, not the form that creates a session.
    const id = await createShellThroughApi(desk, vpsId, 'size shell');
    sessionUrl = `${system.origin}/vps/${vpsId}/sessions/${id}`;
    await desk.goto(sessionUrl);
    await expect.poll(() => terminalStatus(desk), slow).toBe('Connected');
    await expect.poll(async () => (await terminalLines(desk)).join('\n'), slow).toMatch(/[$#]\s*$/m);
    expect(await fitButton(desk).count()).toBe(0);
  });

  let deskSize: { cols: number; rows: number };
  let laptopSize: { cols: number; rows: number };

  it('gives it the size of the viewer that attached last while nobody has typed', async () => {
    deskSize = await size(desk);
    small = await browser.newContext({
      viewport: { width: 1000, height: 700 },
      storageState: await big.storageState(),
    });
    laptop = await small.newPage();
    errors.push(watchErrors(laptop));
    await laptop.goto(sessionUrl);
    await expect.poll(() => terminalStatus(laptop), slow).toBe('Connected');
    // The test hook is a chunk of its own, loaded after the terminal mounts: a size read before it reads 0×0.
    await laptop.waitForFunction(() => window.__vibeTerminal !== undefined);
    laptopSize = await size(laptop);
    expect(laptopSize.cols).toBeLessThan(deskSize.cols);
    expect(await fitButton(laptop).count()).toBe(0);
    // The desktop now renders the laptop's size, smaller than its box: as it is, with the button to take it back.
    await expect.poll(() => size(desk), slow).toEqual(laptopSize);
    await fitButton(desk).waitFor();
    await shot(desk, 'desk-shows-laptop');
  });

  it('gives it the size of the viewer that typed last; the other renders it scaled down, not rewrapped', async () => {
    await expectFullWidthLine(desk, laptop, 'desk', deskSize.cols);
    await expect.poll(() => size(laptop), slow).toEqual(deskSize);
    await expect.poll(() => size(desk), slow).toEqual(deskSize);
    await fitButton(laptop).waitFor();
    expect(await fitButton(desk).count()).toBe(0);
    // The desk's full-width line is one line on the laptop too (expectFullWidthLine above), and the laptop shows
    // the rows whole inside its box, scaled down.
    const { rows, box, unscaledWidth, transform } = await placement(laptop);
    if (!rows || !box) throw new Error('the laptop shows no terminal');
    expect(transform).toMatch(/^matrix\(0\.\d+, 0, 0, 0\.\d+/);
    expect(rows.width).toBeLessThan(unscaledWidth);
    expect(rows.left).toBeGreaterThanOrEqual(box.left);
    expect(rows.right).toBeLessThanOrEqual(box.right);
    expect(rows.bottom).toBeLessThanOrEqual(box.bottom);
    await shot(laptop, 'laptop-scaled');
  });

  it('hands the size to the viewer that presses "Fit to this screen"', async () => {
    await fitButton(laptop).click();
    await expect.poll(() => size(laptop), slow).toEqual(laptopSize);
    await expect.poll(() => size(desk), slow).toEqual(laptopSize);
    expect(await fitButton(laptop).count()).toBe(0);
    await fitButton(desk).waitFor();
    expect((await placement(laptop)).transform).toBe('none');
    // The laptop's own full-width line reaches the desk one line long.
    await expectFullWidthLine(laptop, desk, 'laptop', laptopSize.cols);
    await shot(desk, 'desk-after-fit');
  });

  it('gives the size back to the remaining viewer when the active one leaves', async () => {
    await typeCommand(desk, 'true');
    await expect.poll(() => size(laptop), slow).toEqual(deskSize);
    await fitButton(laptop).waitFor();
    await desk.close();
    await expect.poll(() => size(laptop), slow).toEqual(laptopSize);
    await expect.poll(() => fitButton(laptop).count(), slow).toBe(0);
    await expect.poll(() => paneSizes(gateway), slow).toEqual([`${laptopSize.rows} ${laptopSize.cols}`]);
    await typeCommand(laptop, 'stty size');
    await expect.poll(() => terminalLines(laptop), slow).toContain(`${laptopSize.rows} ${laptopSize.cols}`);
    await shot(laptop, 'laptop-alone');
    for (const pageErrors of errors) expect(pageErrors).toEqual([]);
  });
});

describe('a viewer that opens after another size left', () => {
  it('shows the screen as it is at its own size once the size settles, cursor included', async () => {
    // As a phone turned from portrait to landscape: the narrow viewer typed, left, and a wider one opens. Its
    // snapshot may be taken at the old size while its own resize is on the way; what it shows must end up
    // being the pane at the new size, not a half-old screen. The prompt is short: bash redraws a prompt that
    // wrapped at the old width one line too high after tmux rejoins it (it erases the line above, in tmux's own
    // pane, as in any terminal that rewraps), which is bash's doing, not the viewer's.
    await small?.close();
    const narrow = await browser.newContext({
      viewport: { width: 420, height: 700 },
      storageState: await big.storageState(),
    });
    const narrowPage = await narrow.newPage();
    await narrowPage.goto(sessionUrl);
    await expect.poll(() => terminalStatus(narrowPage), slow).toBe('Connected');
    await narrowPage.waitForFunction(() => window.__vibeTerminal !== undefined);
    const narrowSize = await size(narrowPage);
    await expect.poll(() => paneSizes(gateway), slow).toEqual([`${narrowSize.rows} ${narrowSize.cols}`]);
    await typeCommand(narrowPage, "PS1='$ '; clear; stty size");
    await expect.poll(() => terminalLines(narrowPage), slow).toContain(`${narrowSize.rows} ${narrowSize.cols}`);
    await narrow.close();

    const wide = await browser.newContext({
      viewport: { width: 1400, height: 500 },
      storageState: await big.storageState(),
    });
    const widePage = await wide.newPage();
    errors.push(watchErrors(widePage));
    await widePage.goto(sessionUrl);
    await expect.poll(() => terminalStatus(widePage), slow).toBe('Connected');
    // Once the size settles the viewer shows the pane exactly as tmux holds it at the new size, cursor included:
    // not a snapshot taken at the old size, nor a redraw lost or applied out of order.
    const viewer = () =>
      widePage.evaluate(() => window.__vibeTerminal?.screen() ?? { lines: [], cursor: { x: -1, y: -1 } });
    const pane = () => {
      const [x = -1, y = -1] = (gateway?.tmux('display-message', '-p', '#{cursor_x} #{cursor_y}') ?? '')
        .trim()
        .split(' ')
        .map(Number);
      return { lines: (gateway?.tmux('capture-pane', '-p') ?? '').replace(/\n$/, '').split('\n'), cursor: { x, y } };
    };
    const trimmed = (screen: { lines: string[]; cursor: { x: number; y: number } }) => ({
      lines: screen.lines.map((l) => l.trimEnd()),
      cursor: screen.cursor,
    });
    await expect.poll(async () => (await size(widePage)).cols, slow).toBeGreaterThan(narrowSize.cols);
    await expect
      .poll(async () => {
        const [shown, held] = [JSON.stringify(trimmed(await viewer())), JSON.stringify(trimmed(pane()))];
        return shown === held ? 'the same' : `viewer ${shown}\npane ${held}`;
      }, slow)
      .toBe('the same');
    const { lines, cursor } = trimmed(await viewer());
    expect(lines.slice(0, 2)).toEqual([`${narrowSize.rows} ${narrowSize.cols}`, '$']);
    expect(lines.slice(2).every((l) => l === '')).toBe(true);
    expect(cursor).toEqual({ x: 2, y: 1 });
    await shot(widePage, 'wide-after-narrow');
    await wide.close();
    for (const pageErrors of errors) expect(pageErrors).toEqual([]);
  });
});
