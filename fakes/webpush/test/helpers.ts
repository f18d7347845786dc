/** Shared by the stand-in's HTTP tests: a started stand-in closed after each test, and a subscribed sender. */
import { afterEach } from 'vitest';
import { type FakePushService, type PushSubscriptionJSON, startFakePushService } from '../src/index.ts';
import { type VapidKeys, vapidKeys } from './sender.ts';

const started: FakePushService[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((push) => push.close()));
});

export async function pushService(): Promise<FakePushService> {
  const push = await startFakePushService({ port: 0 });
  started.push(push);
  return push;
}

export interface Subscribed {
  push: FakePushService;
  keys: VapidKeys;
  sub: PushSubscriptionJSON;
}

/** A stand-in, the application server's VAPID keys, and a browser subscription restricted to them. */
export async function subscribed(): Promise<Subscribed> {
  const push = await pushService();
  const keys = vapidKeys();
  return { push, keys, sub: await push.subscribe(keys.publicKey) };
}
