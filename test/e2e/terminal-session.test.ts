/**
 * A real terminal end to end, without a cloud: sign in → a VPS whose gateway (this repo's, on this machine)
 * registers → the VPS turns ready → create a shell session in the web UI → type `echo hello` and read it from
 * the xterm buffer → resize the window and see `tput cols` follow → reload and see the same screen → scroll up to
 * the first of 300 lines after a reload, and after the gateway restarts → upload a file and `ls` it → drop one →
 * cancel a throttled upload (nothing lands) → refuse one over 20 MiB → download a file → add an SSH key and see
 * its fingerprint → grant and revoke support access.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { screenshotDir } from '@vibecode/web/testing/chromium';
import { closeDesktopPage, openDesktopPage } from './desktop-page.ts';
import { type LocalGateway, paneWidths, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import type { SharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalLines, terminalStatus, typeCommand } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-gateway-'));

/** A fresh ed25519 public key and its fingerprint, as `ssh-keygen` makes and prints them. */
function makeKey(name: string): { line: string; fingerprint: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@e2e`, '-f', file]);
  const line = readFileSync(`${file}.pub`, 'utf8').trim();
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  return { line, fingerprint };
}
const slow = { timeout: 30_000, interval: 200 };

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

const lines = () => terminalLines(page);
const run = (command: string) => typeCommand(page, command);
const cols = () => page.evaluate(() => window.__vibeTerminal?.cols() ?? 0);
const shot = (label: string) => page.screenshot({ path: join(screenshotDir, `session-${label}.png`) });
/** The file panel (opened with Files): uploads, downloads and their outcomes (its last status line). */
const files = () => page.getByRole('region', { name: 'Session files' });
const fileStatus = () => files().getByRole('status').last().textContent();

/**
 * Picks a file of `size` zero bytes in the upload picker. Built inside the page: pushing megabytes through the
 * devtools protocol would take seconds.
 */
async function pickInPage(name: string, size: number) {
  await page.evaluate(
    ([name, size]) => {
      const input = document.querySelector<HTMLInputElement>('input[type=file]');
      const picked = new DataTransfer();
      picked.items.add(new File([new Uint8Array(size)], name));
      if (input) {
        input.files = picked.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    },
    [name, size] as const,
  );
}

/**
 * Paths of `name` and of its upload temp files (`.name.<id>.vibe-upload`) in the folder of the session `e2e shell`
 * (its gateway runs on this machine), as the API names it: the workspace root around it is every shared file's.
 */
async function inWorkspace(name: string): Promise<string[]> {
  const { sessions } = (await page.evaluate(() => fetch('/api/vps/vps-term/sessions').then((r) => r.json()))) as {
    sessions: { title: string; workdir: string }[];
  };
  const folder = sessions.find((session) => session.title === 'e2e shell')?.workdir;
  if (!folder) throw new Error('the session e2e shell has no folder');
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((path) => {
    const file = basename(path);
    return file === name || (file.startsWith(`.${name}.`) && file.endsWith('.vibe-upload'));
  });
}

/**
 * Scrolling to the top of the browser's scrollback shows `1`, and `1`…`last` follow one per line: the
 * history came through (not hidden behind an alternate screen, which has no scrollback). Read until it does: after
 * the snapshot, tmux's full redraw of the screen is still arriving, and a read in the middle of it sees a row twice.
 */
async function expectNumbersFromTop(last: number) {
  await expect.poll(() => page.evaluate(() => window.__vibeTerminal?.scrollToTop()), slow).toBe('1');
  const fromOne = async () => {
    const all = await lines();
    const first = all.indexOf('1');
    return all.slice(first, first + last);
  };
  await expect.poll(fromOne, slow).toEqual(Array.from({ length: last }, (_, i) => String(i + 1)));
}

/**
 * The shell's prompt is `below` lines under the line `line`: the output is all on the screen, so tmux's stream to
 * the gateway has caught up with its pane. A snapshot taken before that can hold a prompt whose bytes still follow
 * it, and they then print it once more (a known limit of snapshots taken with capture-pane, noted on issue 11).
 */
async function expectPromptAfter(line: string, below = 1) {
  const next = async () => {
    const all = await lines();
    return all[all.lastIndexOf(line) + below] ?? '';
  };
  await expect.poll(next, slow).toMatch(/[$#]$/);
}

/** The cursor is at the start of a blank screen row right below the row `line`. */
async function expectCursorBelow(line: string) {
  const under = () =>
    page.evaluate((above) => {
      const screen = window.__vibeTerminal?.screen();
      if (!screen) return false;
      const { lines: rows, cursor } = screen;
      return cursor.x === 0 && rows[cursor.y] === '' && rows[cursor.y - 1] === above;
    }, line);
  await expect.poll(under, slow).toBe(true);
}

describe('a session terminal through the one Worker, the hub and a local gateway', () => {
  it('signs in and sees the VPS become ready once its gateway registers', async () => {
    const { workspaceRoot } = system;
    const vps = { email: 'terminal@example.com', vpsId: 'vps-term', name: 'term-box', dir, workspaceRoot };
    gateway = await signInWithLocalVps(page, system, vps);
    await waitUntilReady(page, system.origin, vps.vpsId);
    expect(await page.locator('main').textContent()).toContain('Connected');
  });

  it('creates a shell session and types into its terminal', async () => {
    await createShell(page, 'e2e shell');
    await openSession(page, 'e2e shell');
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(async () => (await lines()).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await run('echo hello');
    await expect.poll(lines, slow).toContain('hello');
    await shot('echo-hello');
  });

  it('resizes the remote terminal with the window', async () => {
    const wide = await cols();
    await expect.poll(() => paneWidths(gateway), slow).toEqual([wide]);
    await run('tput cols');
    await expect.poll(lines, slow).toContain(String(wide));
    await page.setViewportSize({ width: 700, height: 700 });
    await expect.poll(cols, slow).toBeLessThan(80);
    const narrow = await cols();
    await expect.poll(() => paneWidths(gateway), slow).toEqual([narrow]);
    await run('clear; tput cols');
    await expect.poll(lines, slow).toContain(String(narrow));
    await shot('resized');
  });

  it('shows the same screen after a reload', async () => {
    await run('echo before-reload');
    await expect.poll(lines, slow).toContain('before-reload');
    await page.reload();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(lines, slow).toContain('before-reload');
    // Typing still reaches a clean prompt: nothing the reload replayed was answered into the shell.
    await run('echo after-reload');
    await expect.poll(lines, slow).toContain('after-reload');
    await shot('after-reload');
    expect(errors).toEqual([]);
  });

  it('keeps the tmux scrollback reachable by scrolling up after a reload', async () => {
    // `read` holds the cursor on the blank bottom row below the output: the snapshot's last row is that blank one.
    await run('clear; seq 1 300; read -r held');
    await expectCursorBelow('300');
    await page.reload();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expectNumbersFromTop(300);
    await expectCursorBelow('300');
    await run('');
    await expectPromptAfter('300', 2);
  });

  it('keeps it after the gateway restarts and the page re-attaches, and after another reload', async () => {
    const before = await page.evaluate(() => window.__vibeTerminal?.receivedSeq() ?? 0);
    await gateway?.restart();
    // The new gateway process numbers its frames above the old one's: the page holds some only once re-attached.
    await expect
      .poll(
        () =>
          page.evaluate(
            (seq) => window.__vibeTerminal?.state().status === 'connected' && window.__vibeTerminal.receivedSeq() > seq,
            before,
          ),
        slow,
      )
      .toBe(true);
    await run('echo restarted-$((6*7))');
    await expectPromptAfter('restarted-42');
    await expectNumbersFromTop(300);
    await page.reload();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    await expect.poll(lines, slow).toContain('restarted-42');
    await expectNumbersFromTop(300);
    await shot('scrollback');
    expect(errors).toEqual([]);
  });

  it('uploads a file into the session folder, where ls sees it', async () => {
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('uploaded through the browser\n'),
    });
    await expect.poll(fileStatus, slow).toContain('Uploaded notes.txt');
    await run('ls -1; cat notes.txt');
    // cat prints after ls, so its line is the one to wait for.
    await expect.poll(lines, slow).toContain('uploaded through the browser');
    expect(await lines()).toContain('notes.txt');
    await shot('uploaded');
  });

  it('uploads a file dropped on the terminal', async () => {
    await page.evaluate(() => {
      const dropped = new DataTransfer();
      dropped.items.add(new File(['dropped on the terminal\n'], 'dropped.txt'));
      const target = document.querySelector('.xterm');
      target?.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dropped }));
      target?.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dropped }));
    });
    await expect.poll(fileStatus, slow).toContain('Uploaded dropped.txt');
    await run('cat dropped.txt');
    await expect.poll(lines, slow).toContain('dropped on the terminal');
  });

  it('cancels an upload on its way: the page says so and nothing lands in the session folder', async () => {
    // Chromium's network emulation throttles request bodies too: 2 MiB at 64 KiB/s is half a minute on the wire,
    // so the upload is still going whenever Cancel is pressed.
    const cdp = await context.newCDPSession(page);
    const throttle = (uploadThroughput: number) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput,
      });
    await cdp.send('Network.enable');
    await throttle(64 * 1024);
    await pickInPage('slow.bin', 2 * 1024 * 1024);
    await page.getByRole('progressbar').waitFor();
    // The gateway has begun writing it: its temp file is in the session folder.
    await expect
      .poll(() => inWorkspace('slow.bin'), slow)
      .toEqual([expect.stringMatching(/\.slow\.bin\..*\.vibe-upload$/)]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(fileStatus, slow).toBe('Cancelled the upload of slow.bin.');
    expect(await page.getByRole('progressbar').count()).toBe(0);
    // Neither the file nor its temp file stays behind.
    await expect.poll(() => inWorkspace('slow.bin'), slow).toEqual([]);
    await throttle(-1);
    await cdp.detach();
    await page.locator('input[type=file]').setInputFiles({
      name: 'after-cancel.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('the next upload works\n'),
    });
    await expect.poll(fileStatus, slow).toContain('Uploaded after-cancel.txt');
    expect(await inWorkspace('after-cancel.txt')).toEqual([expect.stringMatching(/(^|\/)after-cancel\.txt$/)]);
    expect(errors).toEqual([]);
  });

  it('refuses a file over 20 MiB before sending it', async () => {
    await pickInPage('big.bin', 20 * 1024 * 1024 + 1);
    await expect.poll(() => page.getByRole('alert').textContent(), slow).toContain('larger than 20 MiB');
  });

  it('downloads a file with a click in the file panel', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files().getByRole('button', { name: 'Download notes.txt' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('notes.txt');
    const saved = join(dir, 'downloaded.txt');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('uploaded through the browser\n');
    expect(errors).toEqual([]);
  });

  it('adds an SSH key and shows its fingerprint, then removes it', async () => {
    const key = makeKey('laptop');
    await page.goto(`${system.origin}/vps/vps-term`);
    await page.getByLabel('Public key').fill(key.line);
    await page.getByLabel('Label').fill('laptop');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect.poll(() => page.locator('main').textContent(), slow).toContain(key.fingerprint);
    await shot('ssh-key');
    await page.getByRole('button', { name: 'Remove laptop' }).click();
    await page.getByRole('button', { name: 'Remove key' }).click();
    await expect.poll(() => page.locator('main').textContent(), slow).not.toContain(key.fingerprint);
  });

  it('grants support access for 24 hours and revokes it', async () => {
    await page.getByRole('button', { name: 'Grant support access for 24 h' }).click();
    await expect.poll(() => page.locator('main').textContent(), slow).toMatch(/support can log in for another 2[34] h/);
    await page.getByRole('button', { name: 'Revoke support access' }).click();
    await page.getByRole('button', { name: 'Grant support access for 24 h' }).waitFor();
    expect(errors).toEqual([]);
  });
});
