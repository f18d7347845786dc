/**
 * The real Terminal component in Debian's Chromium against the test peer: output, dedupe, resume, snapshots,
 * resize, input, acks, OSC 52, the offline banner and the touch keys row. No console errors anywhere.
 */
import { join } from 'node:path';
import { message } from '@vibecode/schemas';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import '@vibecode/web/terminal/testing';
import { launchChromium, screenshotDir, watchErrors } from './chromium.ts';
import { TestPeer } from './peer.ts';

const SESSION = 42;
const poll = { timeout: 5000, interval: 25 };

let browser: Browser;
let peer: TestPeer;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launchChromium();
  peer = await TestPeer.start(inject('harnessDir'));
});

afterAll(async () => {
  await browser?.close();
  await peer?.stop();
});

async function open(query: Record<string, string> = {}, options: Parameters<Browser['newContext']>[0] = {}) {
  context = await browser.newContext({ viewport: { width: 1000, height: 600 }, ...options });
  page = await context.newPage();
  errors = watchErrors(page);
  const before = peer.connections.length;
  await page.goto(peer.pageUrl(SESSION, query));
  await expect.poll(() => peer.connections.length, poll).toBe(before + 1);
  await expect.poll(() => peer.last.of('session.attach').length, poll).toBe(1);
  // The test hook is a chunk of its own, loaded after the terminal mounts.
  await page.waitForFunction(() => window.__vibeTerminal !== undefined);
  return peer.last;
}

const buffer = () => page.evaluate(() => window.__vibeTerminal?.buffer() ?? '');
const shot = (name: string) => page.screenshot({ path: join(screenshotDir, `terminal-${name}.png`) });

beforeEach(() => {
  errors = [];
});

afterEach(async () => {
  expect(errors).toEqual([]);
  for (const conn of peer.connections) expect(conn.invalid).toEqual([]);
  await context?.close();
});

describe('Terminal in Chromium', () => {
  it('writes output frames, drops replayed ones and acks what it wrote', async () => {
    const conn = await open();
    expect(conn.of('session.attach')[0]).toEqual({ type: 'session.attach', schema_version: '1', session_id: SESSION });
    conn.output(SESSION, 1, 'hello from the gateway\r\n');
    conn.output(SESSION, 2, 'line two\r\n');
    conn.output(SESSION, 1, 'hello from the gateway\r\n');
    conn.output(SESSION, 2, 'line two\r\n');
    conn.output(SESSION, 3, '$ ');
    await expect.poll(buffer, poll).toContain('$');
    const text = await buffer();
    expect(text.match(/hello from the gateway/g)).toHaveLength(1);
    expect(text.match(/line two/g)).toHaveLength(1);
    expect(await page.evaluate(() => window.__vibeTerminal?.duplicates())).toBe(2);
    await expect.poll(() => conn.of('session.ack').at(-1)?.seq, poll).toBe(3);
    await shot('output');
  });

  it('sends typed keys as session.input', async () => {
    const conn = await open();
    await page.locator('.xterm').click();
    await page.keyboard.type('ls -la');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          conn
            .of('session.input')
            .map((m) => m.data)
            .join(''),
        poll,
      )
      .toBe('ls -la\r');
  });

  it('reconnects after the socket drops and resumes with its last seq; the replay is deduplicated', async () => {
    const first = await open();
    first.output(SESSION, 1, 'one\r\n');
    first.output(SESSION, 2, 'two\r\n');
    await expect.poll(buffer, poll).toContain('two');
    first.close();
    await expect.poll(() => peer.last !== first && peer.last.of('session.attach').length === 1, poll).toBe(true);
    const second = peer.last;
    expect(second.of('session.attach')[0]).toMatchObject({ session_id: SESSION, last_seq: 2 });
    second.output(SESSION, 2, 'two\r\n');
    second.output(SESSION, 3, 'three\r\n');
    await expect.poll(buffer, poll).toContain('three');
    expect((await buffer()).match(/two/g)).toHaveLength(1);
    expect(await page.locator('[role=status]').textContent()).toBe('Connected');
  });

  it('a snapshot resets the screen and cursor; its history is reachable by scrolling up', async () => {
    const conn = await open();
    conn.output(SESSION, 1, 'stale screen content\r\n');
    await expect.poll(buffer, poll).toContain('stale');
    const history = Array.from({ length: 200 }, (_, i) => `history line ${i + 1}`);
    conn.snapshot(SESSION, 500, `${history.join('\n')}\nuser@vps:~$ `, { x: 12, y: 23 });
    conn.output(SESSION, 500, 'already in the snapshot');
    conn.output(SESSION, 501, 'X');
    await expect.poll(buffer, poll).toContain('user@vps:~$ X');
    const text = await buffer();
    expect(text).not.toContain('stale');
    expect(text).not.toContain('already in the snapshot');
    expect(await page.evaluate(() => window.__vibeTerminal?.scrollToTop())).toBe('history line 1');
    await shot('snapshot-scrolled-up');
  });

  it('sends session.resize when its container changes size', async () => {
    const conn = await open();
    await expect.poll(() => conn.of('session.resize').length, poll).toBeGreaterThan(0);
    const before = conn.of('session.resize').at(-1);
    await page.setViewportSize({ width: 600, height: 400 });
    await expect.poll(() => (conn.of('session.resize').at(-1)?.cols ?? 0) < (before?.cols ?? 0), poll).toBe(true);
    const after = conn.of('session.resize').at(-1);
    expect(after?.cols).toBe(await page.evaluate(() => window.__vibeTerminal?.cols()));
    expect(after?.rows).toBe(await page.evaluate(() => window.__vibeTerminal?.rows()));
  });

  it('renders the session’s size when another viewer’s is the session’s: scaled, or scrolled when too small to read; "Fit to this screen" claims it', async () => {
    const conn = await open();
    await expect.poll(() => conn.of('session.resize').length, poll).toBeGreaterThan(0);
    const own = conn.of('session.resize').at(-1);
    if (!own) throw new Error('no resize');
    const size = () =>
      page.evaluate(() => ({ cols: window.__vibeTerminal?.cols(), rows: window.__vibeTerminal?.rows() }));
    const transform = () => page.locator('.xterm').evaluate((el) => getComputedStyle(el).transform);
    const fit = page.getByRole('button', { name: 'Fit to this screen' });
    expect(await fit.count()).toBe(0);

    // A bigger screen is active: this one takes its size, scaled down to fit, and offers the button.
    const bigger = { cols: Math.round(own.cols * 1.5), rows: Math.round(own.rows * 1.5) };
    conn.send(message('session.size', { session_id: SESSION, ...bigger }));
    await expect.poll(size, poll).toEqual(bigger);
    await fit.waitFor();
    // Scaled down (between the readable limit and 1), the same on both axes.
    expect(await transform()).toMatch(/^matrix\((0\.[5-9]\d*), 0, 0, \1, 0, 0\)$/);
    conn.output(SESSION, 1, `${'='.repeat(bigger.cols - 1)}|`);
    await expect.poll(buffer, poll).toContain(`${'='.repeat(bigger.cols - 1)}|`);
    await shot('size-scaled');

    // Far bigger: scaled it would be unreadable, so it is shown at full size in a scrolling box.
    conn.send(message('session.size', { session_id: SESSION, cols: own.cols * 3, rows: own.rows }));
    await expect.poll(transform, poll).toBe('none');
    const scrolls = await page.locator('.vt-screen').evaluate((el) => el.scrollWidth > el.clientWidth);
    expect(scrolls).toBe(true);

    await fit.click();
    await expect.poll(() => conn.of('session.resize').at(-1), poll).toMatchObject({ ...own, claim: true });
    await expect.poll(size, poll).toEqual({ cols: own.cols, rows: own.rows });
    expect(await fit.count()).toBe(0);
    expect(await transform()).toBe('none');
  });

  it('shows the offline banner after gateway.offline and Retry connection reconnects', async () => {
    const conn = await open({ banner: '300' });
    conn.send({ type: 'gateway.offline', schema_version: '1', gateway_id: 'g1', since: new Date().toISOString() });
    await expect.poll(() => page.locator('[role=status]').textContent(), poll).toBe('Server offline');
    const retry = page.getByRole('button', { name: 'Retry connection' });
    await retry.waitFor({ state: 'visible', timeout: 5000 });
    await shot('offline-banner');
    const count = peer.connections.length;
    await retry.click();
    await expect.poll(() => peer.connections.length, poll).toBe(count + 1);
    await expect.poll(() => peer.last.of('session.attach').length, poll).toBe(1);
    peer.last.send({ type: 'gateway.online', schema_version: '1', gateway_id: 'g1' });
    await expect.poll(() => page.locator('[role=status]').textContent(), poll).toBe('Connected');
    await expect.poll(() => retry.count(), poll).toBe(0);
  });

  it('copies OSC 52 clipboard writes from the session to the system clipboard', async () => {
    const conn = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: peer.origin });
    await page.locator('.xterm').click();
    const b64 = Buffer.from('copied by tmux ✓').toString('base64');
    conn.output(SESSION, 1, `\x1b]52;c;${b64}\x07`);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), poll).toBe('copied by tmux ✓');
  });

  it('blocks an OSC 52 write no input asked for, even behind a query xterm answers (output is not input)', async () => {
    const conn = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: peer.origin });
    await page.evaluate(() => navigator.clipboard.writeText('untouched'));
    // `ESC [ 6 n` makes xterm answer with the cursor position through onData, just before the write.
    const b64 = Buffer.from('rm -rf ~').toString('base64');
    conn.output(SESSION, 1, `\x1b[6n\x1b]52;c;${b64}\x07`);
    await expect.poll(() => conn.of('session.input').length, poll).toBe(1);
    await page.locator('.vt-notice', { hasText: 'Blocked a clipboard write from the terminal output' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');
  });

  it('keeps up with a 2 MiB flood and acks through to the last frame', async () => {
    const conn = await open();
    const line = `${'x'.repeat(70)}\r\n`;
    const chunk = line.repeat(Math.floor(32768 / line.length));
    const frames = Math.ceil((2 * 1024 * 1024) / chunk.length);
    for (let seq = 1; seq <= frames; seq++) conn.output(SESSION, seq, chunk);
    conn.output(SESSION, frames + 1, 'END OF FLOOD');
    await expect.poll(buffer, { timeout: 20_000, interval: 100 }).toContain('END OF FLOOD');
    await expect.poll(() => conn.of('session.ack').at(-1)?.seq, poll).toBe(frames + 1);
    const acks = conn.of('session.ack').map((m) => m.seq);
    expect(acks).toEqual([...acks].sort((a, b) => a - b));
  });

  it('lays emoji and CJK out two cells wide (unicode 11)', async () => {
    const conn = await open();
    conn.output(SESSION, 1, '🚀漢字|\r\n');
    await expect.poll(buffer, poll).toContain('|');
    expect(await page.evaluate(() => window.__vibeTerminal?.lines()[0])).toBe('🚀漢字|');
    expect(await page.evaluate(() => window.__vibeTerminal?.columnOf(0, '|'))).toBe(6);
  });
});

describe('Terminal on a 375 px touch screen', () => {
  it('shows the extra keys; Shift+Tab, arrows, Esc and the sticky Ctrl send the right bytes', async () => {
    const conn = await open({}, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    const toolbar = page.getByRole('toolbar', { name: 'Extra keys' });
    await toolbar.waitFor({ state: 'visible', timeout: 5000 });
    conn.output(SESSION, 1, 'claude> ');
    await page.getByRole('button', { name: 'Shift+Tab' }).tap();
    await page.getByRole('button', { name: 'Escape' }).tap();
    await page.getByRole('button', { name: 'Up arrow' }).tap();
    await page.getByRole('button', { name: 'Control+C (interrupt)' }).tap();
    const ctrl = page.getByRole('button', { name: /^Control \(/ });
    await ctrl.tap();
    await expect.poll(() => ctrl.getAttribute('aria-pressed'), poll).toBe('true');
    await page.keyboard.type('d');
    await expect
      .poll(() => conn.of('session.input').map((m) => m.data), poll)
      .toEqual(['\x1b[Z', '\x1b', '\x1b[A', '\x03', '\x04']);
    expect(await ctrl.getAttribute('aria-pressed')).toBe('false');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot('mobile-375');
  });

  it('hides the extra keys on a desktop pointer', async () => {
    await open();
    expect(await page.getByRole('toolbar', { name: 'Extra keys' }).count()).toBe(0);
  });
});
