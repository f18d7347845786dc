/**
 * The Content-Security-Policy (issue 14 point 4) in Chromium against the one Worker: every page — sign-in, check
 * your email, the sign-in confirm page, dashboard, server, the session's terminal (its WebSocket included), not
 * found — comes with the policy as an HTTP header and breaks none of it; an inline script injected into a page is
 * refused, which proves the policy is live; and no page can be framed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalGateway, signInWithLocalVps, waitUntilReady } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';
import { createShell, openSession, terminalStatus } from './terminal-page.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-e2e-csp-'));
const slow = { timeout: 30_000, interval: 200 };
const VPS_ID = 'vps-csp';

interface Violation {
  path: string;
  directive: string;
  blockedURI: string;
}

/** A page load's document response: where, and the policy it came with. */
interface Document {
  path: string;
  status: number;
  csp: Map<string, string[]> | null;
}

let system: SharedSystem;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let gateway: LocalGateway | undefined;
const violations: Violation[] = [];
const cspConsole: string[] = [];
const documents: Document[] = [];

function parseCsp(header: string | undefined): Map<string, string[]> | null {
  if (header === undefined) return null;
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

beforeAll(async () => {
  [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  // Not `bypassCSP`: the pages run under the policy the Worker sends.
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  // Every violation of every document this context loads, reported out of the page as it happens.
  await context.exposeFunction('__cspViolation', (violation: Violation) => violations.push(violation));
  await context.addInitScript(() => {
    const report = (window as unknown as { __cspViolation: (v: Violation) => void }).__cspViolation;
    window.addEventListener(
      'securitypolicyviolation',
      (event) => report({ path: location.pathname, directive: event.effectiveDirective, blockedURI: event.blockedURI }),
      { capture: true },
    );
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/content.security.policy/i.test(message.text())) cspConsole.push(message.text());
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' || request.frame() !== page.mainFrame()) return;
    if (response.status() >= 300 && response.status() < 400) return;
    documents.push({
      path: new URL(response.url()).pathname,
      status: response.status(),
      csp: parseCsp(response.headers()['content-security-policy']),
    });
  });
});

afterAll(async () => {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The policy of the last load of `path`. */
function policyOf(path: string): Map<string, string[]> {
  const found = documents.findLast((d) => d.path === path);
  expect(found, `no page load of ${path}`).toBeDefined();
  expect(found?.csp, `${path} has no Content-Security-Policy header`).not.toBeNull();
  return found?.csp ?? new Map();
}

describe('Content-Security-Policy', () => {
  it('comes with every page, and no page breaks it (the terminal WebSocket included)', async () => {
    await page.goto(`${system.origin}/signin`);
    await page.getByLabel('Email address').waitFor();
    await page.goto(`${system.origin}/signin/check-email?email=csp%40example.com`);
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    // Landing → sign-in → the confirm page (/auth/verify, core's) → dashboard, then the server page.
    gateway = await signInWithLocalVps(page, system, {
      email: 'csp@example.com',
      vpsId: VPS_ID,
      name: 'csp-box',
      dir,
      workspaceRoot: system.workspaceRoot,
    });
    await waitUntilReady(page, system.origin, VPS_ID);
    await createShell(page, 'csp shell');
    await openSession(page, 'csp shell');
    // Opened by the app's router; reloaded so the session page is a page load of its own, under its own header.
    await page.reload();
    await expect.poll(() => terminalStatus(page), slow).toBe('Connected');
    const sessionPath = new URL(page.url()).pathname;
    expect((await page.goto(`${system.origin}/no-such-page`))?.status()).toBe(404);

    const appPages = [
      '/',
      '/signin',
      '/signin/check-email',
      '/dashboard',
      `/vps/${VPS_ID}`,
      sessionPath,
      '/no-such-page',
    ];
    const nonces = new Set<string>();
    for (const path of appPages) {
      const csp = policyOf(path);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      // No ws:/wss: entries: Connected above means 'self' covered the terminal's WebSocket.
      expect(csp.get('connect-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      const scripts = csp.get('script-src') ?? [];
      expect(
        scripts.filter((source) => !source.startsWith("'nonce-")),
        path,
      ).toEqual(["'self'"]);
      const nonce = scripts.find((source) => source.startsWith("'nonce-"));
      expect(nonce, `${path} has no script nonce`).toBeDefined();
      nonces.add(String(nonce));
    }
    // A fresh nonce per response: a fixed one would let any injected script carry it.
    expect(nonces.size).toBe(appPages.length);

    const confirm = policyOf('/auth/verify');
    expect(confirm.get('default-src')).toEqual(["'none'"]);
    expect(confirm.get('frame-ancestors')).toEqual(["'none'"]);
    expect(confirm.has('script-src')).toBe(false);

    expect(violations).toEqual([]);
    expect(cspConsole).toEqual([]);
  });

  it('refuses an inline script and an inline handler injected into a page', async () => {
    await page.goto(`${system.origin}/dashboard`);
    await page.getByRole('heading', { name: 'Your servers' }).waitFor();
    const ran = await page.evaluate(() => {
      const flags = window as unknown as { injectedScript?: boolean; injectedHandler?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injectedScript = true';
      document.body.append(script);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="/favicon.svg" onload="window.injectedHandler = true">';
      document.body.append(holder);
      return flags.injectedScript === true;
    });
    expect(ran).toBe(false);
    await expect
      .poll(() => violations.map((v) => `${v.path} ${v.directive} ${v.blockedURI}`).sort(), slow)
      .toEqual(['/dashboard script-src-attr inline', '/dashboard script-src-elem inline']);
    expect(await page.evaluate(() => (window as unknown as { injectedHandler?: boolean }).injectedHandler)).toBe(
      undefined,
    );
    violations.length = 0;
    cspConsole.length = 0;
  });

  it('cannot be framed, not even by a page of its own origin', async () => {
    await page.goto(`${system.origin}/signin`);
    await page.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.src = src;
      document.body.append(frame);
    }, `${system.origin}/signin`);
    // Chromium replaces a frame its frame-ancestors refuse with its own error page.
    await expect.poll(() => page.frames()[1]?.url(), slow).toMatch(/^chrome-error:/);
    await expect.poll(() => cspConsole.some((text) => text.includes("frame-ancestors 'none'")), slow).toBe(true);
  });
});
