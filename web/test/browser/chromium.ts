/** Debian's Chromium through playwright-core (no browser download is possible here). */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const screenshotDir = join(import.meta.dirname, '..', '..', '..', 'test', 'e2e', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium`);
  }
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium's own line when a page of a test context (incognito-like: no push service) subscribes to Web Push, which
 * the app does once notifications are allowed; the app takes the refusal and says so (`lib/push/`).
 */
const NO_PUSH_IN_INCOGNITO = 'does not support the Push API in incognito mode';

/** Collects console errors and uncaught exceptions; tests assert the list stays empty. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    const where = msg.location().url;
    if (msg.type() !== 'error' || msg.text().includes(NO_PUSH_IN_INCOGNITO)) return;
    errors.push(where ? `${msg.text()} (${where})` : msg.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}
