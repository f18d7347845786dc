/**
 * Issue 6's "Done means", in Chromium against the `npm start` system (control plane + localcloud, whose droplets
 * install and run the signed gateway release): sign in via the outbox → connect the cloud → create a server → wait until ready →
 * create a session → `echo hello` in the terminal → `tput cols` follows a resize → reload shows the same screen →
 * upload a file and `ls` it → download it → add an SSH key and see its fingerprint → power off (the terminal
 * shows the server offline) → power on (the old tmux server is gone, so the gateway's hello lists no sessions: the
 * open session page and the server page show it "stopped: server powered off", and a new session runs) →
 * destroy → disconnect the cloud. Screenshots of each page for review.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from '@vibecode/web/testing/chromium';
import { type RunningSystem, startSystem } from '../system/start-system.ts';
import { type LocalGateway, paneWidths } from './gateway.ts';
import { signIn } from './sign-in.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-full-'));
const slow = { timeout: 30_000, interval: 250 };
const boot = { timeout: 120_000, interval: 1000 };

let system: RunningSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let terminal: Page;
let errors: string[];
let serverUrl = '';

beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ testBuild: true }), launchChromium()]);
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  page = await context.newPage();
  errors = watchErrors(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  system?.remove();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const shot = (p: Page, label: string) =>
  p.screenshot({ path: join(screenshotDir, `full-${label}.png`), fullPage: true });
const lines = (p: Page) => p.evaluate(() => (window.__vibeTerminal?.lines() ?? []).map((line) => line.trim()));
const mainText = () => page.locator('main').textContent();

/** The (one) droplet's tmux server, found through localcloud's record of its machine. */
async function dropletTmux(): Promise<Pick<LocalGateway, 'tmux'>> {
  const [dropletId] = readdirSync(join(system.cloudDataDir, 'droplets'));
  const machine = await fetch(`${system.cloudUrl}/_localcloud/droplets/${dropletId}/machine`);
  const { tmux_socket } = (await machine.json()) as { tmux_socket: string };
  return { tmux: (...args) => execFileSync('tmux', ['-L', tmux_socket, ...args], { encoding: 'utf8' }) };
}

async function run(p: Page, command: string) {
  await p.locator('.xterm').click();
  await p.keyboard.type(command);
  await p.keyboard.press('Enter');
}

describe('the whole system in the browser', () => {
  it('signs in through the dev outbox', async () => {
    await signIn(page, system.origin, 'full@example.com');
    await shot(page, 'dashboard-empty');
  });

  it('connects DigitalOcean (localcloud) through its consent page', async () => {
    await page.getByRole('link', { name: 'Connect DigitalOcean' }).click();
    await page.getByRole('button', { name: 'Authorize application' }).click();
    await page.waitForURL('**/dashboard');
    await expect.poll(mainText, slow).toContain('Connected');
    await expect.poll(() => page.locator('#size:enabled option').count(), slow).toBeGreaterThan(0);
    // The price leads each size, and the chosen one's cost is spelled out under the form.
    expect(await page.locator('#size option').first().textContent()).toMatch(/^\$\d+(\.\d+)?\/month · /);
    expect(await mainText()).toMatch(/\$\d+(\.\d+)? a month at most .*billed by DigitalOcean to your account\./);
    await shot(page, 'dashboard-connected');
  });

  it('creates a server and sees it become ready', async () => {
    await page.getByLabel('Name (optional)').fill('e2e-box');
    await page.getByRole('button', { name: 'Create server' }).click();
    await page.waitForURL('**/vps/*');
    serverUrl = page.url();
    await shot(page, 'server-provisioning');
    await expect.poll(mainText, boot).toContain('Ready');
    await expect.poll(mainText, slow).toContain('Connected');
    // The address comes from the cloud once the droplet's gateway registered (localcloud's droplets are local).
    await expect
      .poll(async () => {
        await page.reload();
        return mainText();
      }, slow)
      .toContain('127.0.0.1');
    await shot(page, 'server-ready');
  });

  it('creates a session and runs echo hello in its terminal', async () => {
    await page.getByLabel('Agent').selectOption('shell');
    await page.getByLabel('Title').fill('full shell');
    // "New session" opens the new session's terminal.
    await page.getByRole('button', { name: 'New session' }).click();
    await page.waitForURL('**/sessions/*');
    await expect.poll(() => page.locator('[role=status]').first().textContent(), slow).toBe('Connected');
    await expect.poll(async () => (await lines(page)).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await run(page, 'echo hello');
    await expect.poll(() => lines(page), slow).toContain('hello');
    await shot(page, 'session');
  });

  it('follows a window resize with tput cols', async () => {
    await page.setViewportSize({ width: 700, height: 700 });
    await expect.poll(() => page.evaluate(() => window.__vibeTerminal?.cols() ?? 0), slow).toBeLessThan(80);
    const cols = await page.evaluate(() => window.__vibeTerminal?.cols() ?? 0);
    // The resize reaches the pane through the gateway's tmux client (a SIGWINCH), the command through its input:
    // typed at once, under load the shell could run it at the old width. The pane's own width says it arrived.
    await expect.poll(async () => paneWidths(await dropletTmux()), slow).toEqual([cols]);
    await run(page, 'clear; tput cols');
    await expect.poll(() => lines(page), slow).toContain(String(cols));
  });

  it('shows the same screen after a reload', async () => {
    await run(page, 'echo still-here');
    await expect.poll(() => lines(page), slow).toContain('still-here');
    await page.reload();
    await expect.poll(() => lines(page), slow).toContain('still-here');
    await shot(page, 'session-reloaded');
  });

  it('uploads a file, sees it with ls, and downloads it', async () => {
    await page.getByRole('button', { name: 'Files', exact: true }).click();
    const files = page.getByRole('region', { name: 'Session files' });
    await page.locator('input[type=file]').setInputFiles({
      name: 'hello.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('hello from the e2e\n'),
    });
    await expect.poll(() => files.getByRole('status').last().textContent(), slow).toContain('Uploaded hello.txt');
    await run(page, 'ls -1');
    await expect.poll(() => lines(page), slow).toContain('hello.txt');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      files.getByRole('button', { name: 'Download hello.txt' }).click(),
    ]);
    const saved = join(dir, 'hello.txt');
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe('hello from the e2e\n');
  });

  it('adds an SSH key and shows its fingerprint', async () => {
    const file = join(dir, 'id_e2e');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e', '-f', file]);
    const fingerprint = execFileSync('ssh-keygen', ['-lf', `${file}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
    await page.setViewportSize({ width: 1200, height: 800 });
    await page.goto(serverUrl);
    await page.getByLabel('Public key').fill(readFileSync(`${file}.pub`, 'utf8').trim());
    await page.getByLabel('Label').fill('e2e laptop');
    await page.getByRole('button', { name: 'Add key' }).click();
    await expect.poll(mainText, slow).toContain(fingerprint);
    await shot(page, 'server-with-key');
  });

  it('powers off: the open terminal shows the server offline', async () => {
    terminal = await context.newPage();
    errors.push(...watchErrors(terminal));
    await terminal.goto(serverUrl);
    await terminal.getByRole('link', { name: 'full shell' }).click();
    await expect.poll(() => terminal.locator('[role=status]').first().textContent(), slow).toBe('Connected');
    await page.getByRole('button', { name: 'Power Off…' }).click();
    expect(await mainText()).toContain('Storage and reserved IP continue to be billed');
    await page.getByRole('button', { name: 'Power off', exact: true }).click();
    await expect.poll(mainText, boot).toContain('VPS powered off');
    await expect.poll(() => terminal.locator('[role=status]').first().textContent(), slow).toBe('Server offline');
    await shot(page, 'server-powered-off');
    await shot(terminal, 'session-offline');
  });

  it('powers on: the open session page and the list show the session stopped; a new session runs', async () => {
    await page.getByRole('button', { name: 'Power On' }).click();
    await expect.poll(mainText, boot).toContain('Ready');
    // Powering off stopped the droplet's tmux server (localcloud, like a real reboot): the gateway comes back running
    // no sessions, so the hub tells the old one's viewer it stopped instead of letting it re-attach to nothing.
    await expect.poll(() => terminal.locator('main').textContent(), boot).toContain('stopped: server powered off');
    await shot(terminal, 'session-stopped');
    await terminal.close();
    await expect.poll(mainText, slow).toContain('stopped: server powered off');
    await page.getByLabel('Agent').selectOption('shell');
    await page.getByLabel('Title').fill('after power on');
    await page.getByRole('button', { name: 'New session' }).click();
    await page.waitForURL('**/sessions/*');
    await expect.poll(async () => (await lines(page)).join('\n'), slow).toMatch(/[$#]\s*$/m);
    await run(page, 'echo back-again');
    await expect.poll(() => lines(page), slow).toContain('back-again');
    await page.goto(serverUrl);
  });

  it('destroys the server after its name is typed', async () => {
    await page.getByRole('button', { name: 'Destroy…' }).click();
    const destroy = page.getByRole('button', { name: 'Destroy server' });
    expect(await destroy.isDisabled()).toBe(true);
    await page.getByLabel('Server name').fill('e2e-box');
    await destroy.click();
    await page.waitForURL('**/dashboard');
    await expect.poll(mainText, slow).toContain('You have no servers yet.');
    await shot(page, 'dashboard-after-destroy');
  });

  it('disconnects DigitalOcean after asking', async () => {
    await page.getByRole('button', { name: 'Disconnect…' }).click();
    const confirm = page.getByRole('group', { name: 'Confirm disconnecting DigitalOcean' });
    expect(await confirm.textContent()).toContain('Your servers keep running.');
    await confirm.getByRole('button', { name: 'Disconnect' }).click();
    await page.getByRole('link', { name: 'Connect DigitalOcean' }).waitFor();
    expect(await mainText()).toContain('Connect your DigitalOcean account to create a server.');
    await shot(page, 'dashboard-disconnected');
    // Only our pages count: the consent page belongs to the cloud (localcloud standing in for DigitalOcean).
    expect(errors.filter((e) => !e.includes(system.cloudUrl))).toEqual([]);
  });
});
