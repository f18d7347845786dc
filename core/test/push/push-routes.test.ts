/**
 * Web Push's routes (issue 17 item 2): the VAPID key for `pushManager.subscribe`, keeping and forgetting a browser's
 * subscription. Only the signed-in user's own, from our Origin, at a push service this server sends to, with a key on
 * the curve; every bad input is refused by name and stores nothing.
 */
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { pushSubscriptionId } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { signIn } from '../helpers/auth.ts';
import { type BrowserInit, browserRequest } from '../helpers/browser-request.ts';
import { browserSubscription, storedSubscriptions } from '../helpers/push-service.ts';
import { api, errorOf } from '../hub/subscriber.ts';

const subscribe = (cookie: string, json: unknown, init: BrowserInit = {}) =>
  api('/api/push/subscriptions', cookie, { method: 'POST', json, ...init });
const unsubscribe = (cookie: string, id: string, init: BrowserInit = {}) =>
  api(`/api/push/subscriptions/${encodeURIComponent(id)}`, cookie, { method: 'DELETE', ...init });
const bodyOf = ({ endpoint, keys }: { endpoint: string; keys: unknown }) => ({ endpoint, keys });

describe('GET /api/push/key', () => {
  it("is this server's VAPID public key, for the signed-in", async () => {
    const { cookie } = await signIn();
    const res = await api('/api/push/key', cookie);
    expect(res.status).toBe(200);
    const { public_key } = (await res.json()) as { public_key: string };
    expect(public_key).toMatch(/^B[A-Za-z0-9_-]{86}$/);
    expect((await errorOf(await api('/api/push/key', ''))).status).toBe(401);
  });

  it('is null, and subscribing is refused, on a server without a VAPID key', async () => {
    const { cookie } = await signIn();
    const app = createApp();
    const call = async (path: string, init: BrowserInit = {}) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(browserRequest(path, cookie, init), { ...env, VAPID_PRIVATE_KEY: '' } as Env, ctx);
      await waitOnExecutionContext(ctx);
      return res;
    };
    expect(await (await call('/api/push/key')).json()).toEqual({ public_key: null });
    const subscription = await browserSubscription(cookie);
    expect(
      await errorOf(await call('/api/push/subscriptions', { method: 'POST', json: bodyOf(subscription) })),
    ).toEqual({
      status: 503,
      code: 'push.not_configured',
    });
  });
});

describe('POST /api/push/subscriptions', () => {
  it("keeps the browser's subscription, named by its endpoint's digest", async () => {
    const user = await signIn();
    const subscription = await browserSubscription(user.cookie);
    const res = await subscribe(user.cookie, bodyOf(subscription));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ subscription: { id: await pushSubscriptionId(subscription.endpoint) } });
    expect(await storedSubscriptions(user.userId)).toEqual([subscription.endpoint]);
    // The same browser again: still one.
    expect((await subscribe(user.cookie, bodyOf(subscription))).status).toBe(201);
    expect(await storedSubscriptions(user.userId)).toEqual([subscription.endpoint]);
  });

  it('moves a browser to whoever signed in on it last', async () => {
    const first = await signIn();
    const second = await signIn();
    const subscription = await browserSubscription(first.cookie);
    expect((await subscribe(first.cookie, bodyOf(subscription))).status).toBe(201);
    expect((await subscribe(second.cookie, bodyOf(subscription))).status).toBe(201);
    expect(await storedSubscriptions(first.userId)).toEqual([]);
    expect(await storedSubscriptions(second.userId)).toEqual([subscription.endpoint]);
  });

  it('keeps ten browsers per user, forgetting the oldest', async () => {
    const user = await signIn();
    const endpoints: string[] = [];
    for (let i = 0; i < 11; i++) {
      const subscription = await browserSubscription(user.cookie);
      endpoints.push(subscription.endpoint);
      expect((await subscribe(user.cookie, bodyOf(subscription))).status).toBe(201);
    }
    const kept = await storedSubscriptions(user.userId);
    expect(kept).toHaveLength(10);
    expect(kept).not.toContain(endpoints[0]);
  });

  it('refuses bad input by name and stores nothing', async () => {
    const user = await signIn();
    const subscription = await browserSubscription(user.cookie);
    const good = bodyOf(subscription);
    const notOnCurve = `B${'A'.repeat(86)}`;
    const cases: [unknown, BrowserInit, { status: number; code: string }][] = [
      [good, { headers: { origin: 'https://evil.example' } }, { status: 403, code: 'http.cross_origin' }],
      [{ ...good, endpoint: 'https://evil.example/push/1' }, {}, { status: 400, code: 'push.endpoint_refused' }],
      [
        { ...good, endpoint: 'https://fcm.googleapis.com/fcm/send/x' },
        {},
        { status: 400, code: 'push.endpoint_refused' },
      ],
      [{ ...good, keys: { ...subscription.keys, p256dh: notOnCurve } }, {}, { status: 400, code: 'push.invalid_keys' }],
      [{ ...good, keys: { ...subscription.keys, auth: 'short' } }, {}, { status: 400, code: 'http.invalid_body' }],
      [{ ...good, endpoint: 'ftp://x.example/1234567' }, {}, { status: 400, code: 'http.invalid_body' }],
      [{ endpoint: good.endpoint }, {}, { status: 400, code: 'http.invalid_body' }],
      [{ ...good, expirationTime: null }, {}, { status: 400, code: 'http.invalid_body' }],
    ];
    for (const [json, init, expected] of cases) {
      expect(await errorOf(await subscribe(user.cookie, json, init)), JSON.stringify(json)).toEqual(expected);
    }
    expect((await errorOf(await subscribe('', good))).status).toBe(401);
    expect(await storedSubscriptions(user.userId)).toEqual([]);
  });
});

describe('DELETE /api/push/subscriptions/:id', () => {
  it("forgets the user's own subscription, and nobody else's", async () => {
    const owner = await signIn();
    const other = await signIn();
    const subscription = await browserSubscription(owner.cookie);
    const id = await pushSubscriptionId(subscription.endpoint);
    expect((await subscribe(owner.cookie, bodyOf(subscription))).status).toBe(201);

    expect(await (await unsubscribe(other.cookie, id)).json()).toEqual({ subscribed: false });
    expect(await storedSubscriptions(owner.userId)).toEqual([subscription.endpoint]);
    expect(await errorOf(await unsubscribe(owner.cookie, id, { headers: { origin: 'https://evil.example' } }))).toEqual(
      {
        status: 403,
        code: 'http.cross_origin',
      },
    );
    expect((await errorOf(await unsubscribe('', id))).status).toBe(401);

    const res = await unsubscribe(owner.cookie, id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ subscribed: false });
    expect(await storedSubscriptions(owner.userId)).toEqual([]);
    expect((await unsubscribe(owner.cookie, id)).status).toBe(200);
  });
});
