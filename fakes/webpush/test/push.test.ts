/** Accepted pushes: an independent sender's requests are verified, decrypted and recorded as sent. */
import { describe, expect, it } from 'vitest';
import { subscribed } from './helpers.ts';
import { nowSeconds, send } from './sender.ts';

describe('subscribe', () => {
  it('hands out what pushManager.subscribe() gives a page: an endpoint on the stand-in, p256dh and auth', async () => {
    const { push, sub } = await subscribed();
    expect(push.url).toBe(`http://127.0.0.1:${push.port}`);
    expect(sub.endpoint).toMatch(new RegExp(`^${push.url}/push/[A-Za-z0-9_-]{20,}$`));
    expect(sub.expirationTime).toBeNull();
    expect(Buffer.from(sub.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(sub.keys.p256dh, 'base64url')[0]).toBe(4);
    expect(Buffer.from(sub.keys.auth, 'base64url')).toHaveLength(16);
    const again = await push.subscribe((await subscribed()).keys.publicKey);
    expect(again.endpoint).not.toBe(sub.endpoint);
    expect(again.keys.auth).not.toBe(sub.keys.auth);
  });

  it('refuses an applicationServerKey that is not a P-256 public key', async () => {
    const { push, keys } = await subscribed();
    await expect(push.subscribe('abc')).rejects.toThrow(/applicationServerKey/);
    await expect(
      push.subscribe(`${keys.publicKey.slice(0, 40)}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`),
    ).rejects.toThrow(/applicationServerKey/);
  });
});

describe('POST /push/<id>', () => {
  it('accepts a valid push with 201 + Location, decrypts it to the exact payload and records everything', async () => {
    const { push, keys, sub } = await subscribed();
    const payload = JSON.stringify({ title: 'Claude needs you', body: 'Session “api” waits for input ✓', url: '/s/1' });
    const before = Date.now();
    const res = await send(sub, keys, {
      payload,
      ttl: '3600',
      urgency: 'high',
      topic: 'session-1',
      encrypt: { padding: 37 },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${push.url}/message/[A-Za-z0-9_-]+$`));
    expect(res.headers.get('ttl')).toBe('3600');
    const [message, ...rest] = push.messages();
    expect(rest).toEqual([]);
    expect(message).toEqual({
      endpoint: sub.endpoint,
      ttl: 3600,
      urgency: 'high',
      topic: 'session-1',
      payload,
      vapid: { aud: push.url, sub: 'mailto:ops@vibecode.example', exp: expect.any(Number) },
      at: expect.any(Number),
    });
    expect(message?.vapid.exp).toBeGreaterThan(nowSeconds());
    expect(message?.at).toBeGreaterThanOrEqual(before);
    expect(push.rejected()).toEqual([]);
  });

  it('records a push without a body as payload null, with urgency normal and no topic by default', async () => {
    const { push, keys, sub } = await subscribed();
    expect((await send(sub, keys, { ttl: '0' })).status).toBe(201);
    expect(push.messages()).toMatchObject([
      { endpoint: sub.endpoint, ttl: 0, urgency: 'normal', topic: null, payload: null },
    ]);
  });

  it('accepts a body of exactly 4096 bytes, an https contact and exp exactly 24 h ahead', async () => {
    const { push, keys, sub } = await subscribed();
    // 86 header bytes + payload + delimiter + padding + 16 tag bytes = 4096.
    const res = await send(sub, keys, {
      payload: 'x'.repeat(100),
      encrypt: { padding: 4096 - 86 - 16 - 1 - 100 },
      claims: { sub: 'https://vibecode.example/contact', exp: nowSeconds() + 86_400 },
    });
    expect(res.status).toBe(201);
    expect(push.messages()[0]?.payload).toBe('x'.repeat(100));
  });

  it('keeps every push oldest first, the same topic included, and reset forgets them but not the subscription', async () => {
    const { push, keys, sub } = await subscribed();
    for (const n of [1, 2, 3]) expect((await send(sub, keys, { payload: `n${n}`, topic: 'same' })).status).toBe(201);
    expect(push.messages().map((m) => m.payload)).toEqual(['n1', 'n2', 'n3']);
    await send(sub, keys, { ttl: null });
    push.reset();
    expect(push.messages()).toEqual([]);
    expect(push.rejected()).toEqual([]);
    expect((await send(sub, keys, { payload: 'after reset' })).status).toBe(201);
    expect(push.messages().map((m) => m.payload)).toEqual(['after reset']);
  });
});
