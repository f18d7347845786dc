/**
 * The Web Push stand-in the worker tests run (vitest.push-service.ts), driven from inside workerd over its HTTP
 * control path: a browser's subscription made with this server's key, what it received (decrypted), expiry.
 */
import { env, exports } from 'cloudflare:workers';
import { expect, inject } from 'vitest';
import { browserRequest } from './browser-request.ts';

export interface BrowserSubscription {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

export interface ReceivedPush {
  endpoint: string;
  ttl: number;
  urgency: string;
  topic: string | null;
  payload: string | null;
  vapid: { aud: string; sub: string; exp: number };
  at: number;
}

const serviceUrl = () => inject('pushServiceUrl');

/** What `pushManager.subscribe` would give the browser of `cookie`, for this server's VAPID key. */
export async function browserSubscription(cookie: string): Promise<BrowserSubscription> {
  const key = await exports.default.fetch(browserRequest('/api/push/key', cookie));
  expect(key.status).toBe(200);
  const { public_key } = (await key.json()) as { public_key: string };
  const res = await fetch(`${serviceUrl()}/_fake/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ application_server_key: public_key }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as BrowserSubscription;
}

export async function pushesTo(endpoint: string): Promise<ReceivedPush[]> {
  const res = await fetch(`${serviceUrl()}/_fake/messages`);
  return ((await res.json()) as ReceivedPush[]).filter((push) => push.endpoint === endpoint);
}

/** The browser revoked it: the service answers 410 from now on. */
export async function expireSubscription(endpoint: string): Promise<void> {
  const res = await fetch(`${serviceUrl()}/_fake/expire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint }),
  });
  expect(res.status).toBe(204);
}

export async function storedSubscriptions(userId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    'SELECT endpoint FROM push_subscriptions WHERE user_id = ? ORDER BY endpoint',
  )
    .bind(userId)
    .all<{ endpoint: string }>();
  return results.map((row) => row.endpoint);
}
