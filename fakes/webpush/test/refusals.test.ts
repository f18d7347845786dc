/**
 * Every way a push is refused: the answer's status and `{error}`, the refusal in rejected(), and nothing in
 * messages().
 */
import { describe, expect, it } from 'vitest';
import { type Subscribed, subscribed } from './helpers.ts';
import { nowSeconds, type PushOptions, send, vapidKeys, vapidToken } from './sender.ts';

interface Case {
  name: string;
  status: number;
  reason: RegExp;
  options(s: Subscribed): PushOptions;
}

const cases: Case[] = [
  { name: 'no Authorization', status: 401, reason: /missing authorization/, options: () => ({ authorization: null }) },
  {
    name: 'a scheme other than vapid',
    status: 401,
    reason: /vapid t=/,
    options: ({ keys }) => ({ authorization: `Bearer ${vapidToken(keys, {})}` }),
  },
  {
    name: 'a token that is not a JWT',
    status: 401,
    reason: /malformed vapid token/,
    options: ({ keys }) => ({ authorization: `vapid t=not-a-jwt, k=${keys.publicKey}` }),
  },
  {
    name: 'k that is not a public key',
    status: 401,
    reason: /malformed vapid key/,
    options: () => ({ k: 'AAAA' }),
  },
  {
    name: 'k other than the subscription’s applicationServerKey (signed by that other key)',
    status: 403,
    reason: /does not match the subscription/,
    options: () => {
      const other = vapidKeys();
      return { signWith: other, k: other.publicKey };
    },
  },
  {
    name: 'a bad signature (signed by another key, k names the right one)',
    status: 403,
    reason: /signature does not verify/,
    options: () => ({ signWith: vapidKeys() }),
  },
  {
    name: 'aud other than the endpoint’s origin',
    status: 403,
    reason: /aud must be http:\/\/127\.0\.0\.1:\d+/,
    options: () => ({ claims: { aud: 'https://fcm.googleapis.com' } }),
  },
  {
    name: 'an expired exp',
    status: 403,
    reason: /expired/,
    options: () => ({ claims: { exp: nowSeconds() - 10 } }),
  },
  {
    name: 'exp more than 24 h ahead',
    status: 403,
    reason: /more than 24 hours/,
    options: () => ({ claims: { exp: nowSeconds() + 86_400 + 120 } }),
  },
  {
    name: 'sub that is neither mailto: nor https:',
    status: 403,
    reason: /sub must be/,
    options: () => ({ claims: { sub: 'ops@vibecode.example' } }),
  },
  { name: 'no TTL', status: 400, reason: /TTL header is required/, options: () => ({ payload: 'x', ttl: null }) },
  { name: 'a negative TTL', status: 400, reason: /TTL must be/, options: () => ({ ttl: '-5' }) },
  { name: 'an unknown Urgency', status: 400, reason: /Urgency must be/, options: () => ({ urgency: 'asap' }) },
  { name: 'a Topic of 33 chars', status: 400, reason: /Topic must be/, options: () => ({ topic: 't'.repeat(33) }) },
  { name: 'a Topic outside base64url', status: 400, reason: /Topic must be/, options: () => ({ topic: 'a b' }) },
  {
    name: 'Content-Encoding aesgcm (the legacy draft)',
    status: 400,
    reason: /Content-Encoding must be aes128gcm/,
    options: () => ({ payload: 'x', contentEncoding: 'aesgcm' }),
  },
  {
    name: 'a body without Content-Encoding',
    status: 400,
    reason: /Content-Encoding must be aes128gcm/,
    options: () => ({ payload: 'x', contentEncoding: null }),
  },
  {
    name: 'a body of 4097 bytes',
    status: 413,
    reason: /4097 bytes, more than 4096/,
    options: () => ({ payload: 'x', encrypt: { padding: 4097 - 86 - 16 - 1 - 1 } }),
  },
  {
    name: 'a body that does not decrypt (encrypted to another subscription)',
    status: 400,
    reason: /payload does not decrypt/,
    options: ({ sub }) => ({ payload: 'x', encryptTo: { ...sub.keys, auth: flipped(sub.keys.auth) } }),
  },
  {
    name: 'a body that is not aes128gcm at all',
    status: 400,
    reason: /aes128gcm/,
    options: () => ({ body: Buffer.from('hello, plain text') }),
  },
  {
    name: 'a record without the last-record delimiter',
    status: 400,
    reason: /delimiter/,
    options: () => ({ payload: 'x', encrypt: { delimiter: 1 } }),
  },
];

/** The same bytes with the first one inverted. */
function flipped(base64url: string): string {
  const bytes = Buffer.from(base64url, 'base64url');
  bytes[0] = (bytes[0] as number) ^ 0xff;
  return bytes.toString('base64url');
}

describe('refused pushes', () => {
  for (const c of cases) {
    it(`${c.name} → ${c.status}`, async () => {
      const s = await subscribed();
      const res = await send(s.sub, s.keys, c.options(s));
      expect(res.status).toBe(c.status);
      expect(res.headers.get('content-type')).toBe('application/json');
      const { error } = res.body as { error: string };
      expect(error).toMatch(c.reason);
      expect(s.push.messages()).toEqual([]);
      expect(s.push.rejected()).toEqual([
        { endpoint: s.sub.endpoint, status: c.status, reason: error, at: expect.any(Number) },
      ]);
    });
  }

  it('an unknown id → 404, and other paths too', async () => {
    const s = await subscribed();
    const unknown = { ...s.sub, endpoint: `${s.push.url}/push/nosuchsubscription` };
    const res = await send(unknown, s.keys, { payload: 'x' });
    expect(res).toMatchObject({ status: 404, body: { error: 'no such subscription' } });
    expect((await fetch(`${s.push.url}/elsewhere`, { method: 'POST' })).status).toBe(404);
    expect(s.push.messages()).toEqual([]);
    expect(s.push.rejected().map((r) => [r.endpoint, r.status])).toEqual([
      [unknown.endpoint, 404],
      [`${s.push.url}/elsewhere`, 404],
    ]);
  });

  it('a GET to an endpoint → 405 with Allow: POST', async () => {
    const s = await subscribed();
    const res = await fetch(s.sub.endpoint);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(s.push.messages()).toEqual([]);
  });

  it('an expired subscription → 410 Gone for every later push, valid or not; others still work', async () => {
    const s = await subscribed();
    const other = await s.push.subscribe(s.keys.publicKey);
    expect((await send(s.sub, s.keys, { payload: 'before' })).status).toBe(201);
    s.push.expire(s.sub.endpoint);
    const res = await send(s.sub, s.keys, { payload: 'after' });
    expect(res).toMatchObject({ status: 410, body: { error: 'subscription expired or unsubscribed' } });
    expect((await send(s.sub, s.keys, { authorization: null })).status).toBe(410);
    expect((await send(other, s.keys, { payload: 'other' })).status).toBe(201);
    expect(s.push.messages().map((m) => m.payload)).toEqual(['before', 'other']);
    expect(s.push.rejected().map((r) => r.status)).toEqual([410, 410]);
    expect(() => s.push.expire(`${s.push.url}/push/unknown`)).toThrow(/no subscription/);
  });
});
