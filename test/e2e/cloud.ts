/**
 * localcloud (the repo's DigitalOcean stand-in) in this process, beside `wrangler dev` from system.ts: `vars` point
 * the Worker at it the way `npm start` does (scripts/boot/ `cloudVars`). Its droplets install the gateway release
 * (built once and reused, signed with a key made here, served on a free 127.0.0.1 port) with their user_data's
 * install script and run it with a shared workspace root the Worker names session workdirs under. Plus the page
 * steps that connect the cloud.
 */
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { serveLocalRelease } from '@vibecode/gateway/release';
import { type LocalCloud, silentLogger, startLocalCloud } from '@vibecode/localcloud';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cloudVars } from '../../scripts/boot/index.mjs';

/** The OAuth client the Worker is configured with; a test acting "outside VibeCode" gets a grant of its own with it. */
export const CLIENT_ID = 'vibecode-e2e';
export const CLIENT_SECRET = 'vibecode-e2e-secret';

export interface E2eCloud {
  cloud: LocalCloud;
  /** `--var`s for startSystem: the cloud settings (core/README.md "Cloud settings") and VPS_WORKSPACE_ROOT. */
  vars: Record<string, string>;
  /** The release signing key (PEM), for tests that publish releases of their own to these droplets. */
  signingKeyPem: string;
  /** Stops localcloud (every droplet) and the release server. */
  close(): Promise<void>;
}

export interface CloudOptions {
  /** Extra environment for every droplet's gateway (localcloud's test-only `gatewayEnv`). */
  gatewayEnv?: Record<string, string>;
  /** How long a droplet's gateway that exited by itself stays down (localcloud's `gatewayRestartDelayMs`). */
  gatewayRestartDelayMs?: number;
}

export async function startCloud(dir: string, options: CloudOptions = {}): Promise<E2eCloud> {
  const workspaceRoot = join(dir, 'workspace');
  const privateKeyPem = String(
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const release = await serveLocalRelease({ privateKeyPem, signatureDir: join(dir, 'release') });
  const cloud = await startLocalCloud({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    dataDir: join(dir, 'cloud'),
    workspaceRoot,
    bootDelayMs: 300,
    gatewayEnv: options.gatewayEnv,
    gatewayRestartDelayMs: options.gatewayRestartDelayMs,
    log: silentLogger,
  }).catch(async (error) => {
    await release.close();
    throw error;
  });
  return {
    cloud,
    signingKeyPem: privateKeyPem,
    vars: cloudVars({ cloudUrl: cloud.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, workspaceRoot, release }),
    async close() {
      await cloud.close();
      await release.close();
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
  await expect.poll(() => page.locator('#size:enabled option').count(), poll).toBeGreaterThan(0);
}
