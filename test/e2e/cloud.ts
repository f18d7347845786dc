/**
 * localcloud (the repo's DigitalOcean stand-in) in this process, beside `wrangler dev` from system.ts: `vars` point
 * the Worker at it the way `npm start` does (scripts/start.mjs), and its droplets run this repo's gateway with a
 * shared workspace root the Worker names session workdirs under. Plus the page steps that connect the cloud.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { type LocalCloud, silentLogger, startLocalCloud } from '@vibecode/localcloud';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const CLIENT_ID = 'vibecode-e2e';
const CLIENT_SECRET = 'vibecode-e2e-secret';

export interface E2eCloud {
  cloud: LocalCloud;
  /** `--var`s for startSystem: the cloud settings (core/README.md "Cloud settings") and VPS_WORKSPACE_ROOT. */
  vars: Record<string, string>;
}

export async function startCloud(dir: string): Promise<E2eCloud> {
  const workspaceRoot = join(dir, 'workspace');
  const cloud = await startLocalCloud({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dataDir: join(dir, 'cloud'),
    workspaceRoot,
    bootDelayMs: 300,
    log: silentLogger,
  });
  // Only the public half, and unused: localcloud runs the repo's gateway instead of a signed release.
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .publicKey.export({ type: 'spki', format: 'pem' })
    .toString()
    .trim()
    .replaceAll('\n', '\\n');
  return {
    cloud,
    vars: {
      DO_API_BASE_URL: cloud.url,
      DO_OAUTH_BASE_URL: cloud.url,
      DO_CLIENT_ID: CLIENT_ID,
      // A secret in production; locally a var reaches the Worker's env the same way.
      DO_CLIENT_SECRET: CLIENT_SECRET,
      GATEWAY_ARTIFACT_URL: 'https://releases.invalid/vibe-gateway.tar.gz',
      GATEWAY_SIGNING_PUBLIC_KEY: signingKey,
      VPS_WORKSPACE_ROOT: workspaceRoot,
    },
  };
}

/** Dashboard → "Connect DigitalOcean" → localcloud's consent page → back, connected, with the size picker filled. */
export async function connectDigitalOcean(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Connect DigitalOcean' }).click();
  await page.getByRole('button', { name: 'Authorize application' }).click();
  await page.waitForURL('**/dashboard');
  const poll = { timeout: 30_000, interval: 250 };
  await expect.poll(() => page.locator('main').textContent(), poll).toContain('Connected');
  await expect.poll(() => page.locator('#size option').count(), poll).toBeGreaterThan(0);
}
