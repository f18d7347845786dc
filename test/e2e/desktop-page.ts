/**
 * The start and end most terminal e2e files share: the shared system and Chromium, one desktop-sized context (which
 * `prepare` may set up before its page opens, e.g. granting the clipboard) and its page, watched for console errors;
 * afterwards the file's local gateway, the browser and the file's temp folder go, in that order.
 */
import { rmSync } from 'node:fs';
import { launchChromium, watchErrors } from '@vibecode/web/testing/chromium';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LocalGateway } from './gateway.ts';
import { type SharedSystem, sharedSystem } from './shared-system.ts';

export interface DesktopPage {
  system: SharedSystem;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export async function openDesktopPage(
  prepare?: (context: BrowserContext, system: SharedSystem) => Promise<void>,
): Promise<DesktopPage> {
  const [system, browser] = await Promise.all([sharedSystem(), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await prepare?.(context, system);
  const page = await context.newPage();
  return { system, browser, context, page, errors: watchErrors(page) };
}

export async function closeDesktopPage(
  gateway: LocalGateway | undefined,
  browser: Browser | undefined,
  dir: string,
): Promise<void> {
  await gateway?.stop();
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
}
