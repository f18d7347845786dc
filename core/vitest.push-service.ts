/**
 * vitest globalSetup for the `worker` project: the Web Push service stand-in (fakes/webpush) on a loopback port, so
 * hubs inside workerd push to it over real HTTP and tests read what it decrypted (`inject('pushServiceUrl')`). The
 * Worker only sends to the push services its PUSH_SERVICE_ORIGINS lists, and bindings are fixed before the pool
 * starts: the config reserves the port (`vitest.push-port.ts`), this setup listens on it.
 */
import { startFakePushService } from '@vibecode/fakes/webpush';
import type { TestProject } from 'vitest/node';
import { reservePushPort } from './vitest.push-port.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const push = await startFakePushService({ port: await reservePushPort() });
  project.provide('pushServiceUrl', push.url);
  return () => push.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pushServiceUrl: string;
  }
}
