/** The test-only control path over HTTP, for tests that run the stand-in in another process. */
import { describe, expect, it } from 'vitest';
import type { PushSubscriptionJSON } from '../src/index.ts';
import { pushService } from './helpers.ts';
import { send, vapidKeys } from './sender.ts';

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('/_fake/*', () => {
  it('subscribes, lists messages and rejections, expires and resets', async () => {
    const push = await pushService();
    const keys = vapidKeys();
    const created = await post(`${push.url}/_fake/subscriptions`, { application_server_key: keys.publicKey });
    expect(created.status).toBe(201);
    const sub = (await created.json()) as PushSubscriptionJSON;
    expect(sub).toEqual({
      endpoint: expect.stringMatching(new RegExp(`^${push.url}/push/`)),
      expirationTime: null,
      keys: { p256dh: expect.any(String), auth: expect.any(String) },
    });

    expect((await send(sub, keys, { payload: 'hello', urgency: 'low' })).status).toBe(201);
    expect((await send(sub, keys, { ttl: null })).status).toBe(400);
    const messages = await (await fetch(`${push.url}/_fake/messages`)).json();
    expect(messages).toEqual(push.messages());
    expect(messages).toMatchObject([{ endpoint: sub.endpoint, payload: 'hello', urgency: 'low', ttl: 60 }]);
    const rejected = await (await fetch(`${push.url}/_fake/rejected`)).json();
    expect(rejected).toEqual([
      { endpoint: sub.endpoint, status: 400, reason: 'TTL header is required', at: expect.any(Number) },
    ]);

    expect((await post(`${push.url}/_fake/expire`, { endpoint: sub.endpoint })).status).toBe(204);
    expect((await send(sub, keys, { payload: 'gone' })).status).toBe(410);

    expect((await post(`${push.url}/_fake/reset`)).status).toBe(204);
    expect(await (await fetch(`${push.url}/_fake/messages`)).json()).toEqual([]);
    expect(await (await fetch(`${push.url}/_fake/rejected`)).json()).toEqual([]);
    // Subscriptions survive a reset (this one stays expired).
    expect((await send(sub, keys, { payload: 'still gone' })).status).toBe(410);
  });

  it('answers bad control input with {error}', async () => {
    const push = await pushService();
    const bad = async (res: Response, status: number, reason: RegExp) => {
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(reason);
    };
    await bad(await post(`${push.url}/_fake/subscriptions`, {}), 400, /application_server_key/);
    await bad(await post(`${push.url}/_fake/subscriptions`, { application_server_key: 'AAAA' }), 400, /P-256/);
    await bad(
      await fetch(`${push.url}/_fake/subscriptions`, { method: 'POST', body: 'not json' }),
      400,
      /must be JSON/,
    );
    await bad(await post(`${push.url}/_fake/expire`, { endpoint: `${push.url}/push/nope` }), 404, /no subscription/);
    await bad(await post(`${push.url}/_fake/expire`, [1]), 400, /JSON object/);
    await bad(await fetch(`${push.url}/_fake/nothing`), 404, /no control endpoint GET \/_fake\/nothing/);
    // Control requests are not push requests: none of this is a rejection.
    expect(push.rejected()).toEqual([]);
  });
});
