/**
 * vitest globalSetup for the `worker` project: starts localcloud (the repo's only DigitalOcean stand-in) in Node,
 * so workerd tests can drive the cloud routes against it over real HTTP (`inject('localcloudUrl')`). Its droplets
 * run an idle stand-in instead of the gateway (the real gateway runs in test/system), and its access tokens live
 * 5 minutes, inside the control plane's 10-minute refresh margin, so every cloud call refreshes and rotates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, startLocalCloud } from '@vibecode/localcloud';
import type { TestProject } from 'vitest/node';

export const LOCALCLOUD_CLIENT_ID = 'vibecode-worker-tests';
export const LOCALCLOUD_CLIENT_SECRET = 'vibecode-worker-tests-secret';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'core-localcloud-'));
  const cloud = await startLocalCloud({
    clientId: LOCALCLOUD_CLIENT_ID,
    clientSecret: LOCALCLOUD_CLIENT_SECRET,
    dataDir,
    bootDelayMs: 30,
    actionDelayMs: 30,
    tokenTtlSeconds: 300,
    // One localcloud account serves every file of the run, two files at a time: DigitalOcean's 10 droplets would make
    // a test's create depend on which files ran before it (the ones under test are each created and checked alone).
    dropletLimit: 100,
    testGatewayCommand: [process.execPath, '-e', 'setInterval(() => {}, 60000)'],
    log: silentLogger,
  });
  project.provide('localcloudUrl', cloud.url);
  return async () => {
    await cloud.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    localcloudUrl: string;
  }
}
