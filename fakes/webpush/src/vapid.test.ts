import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PushError } from './errors.ts';
import { verifyVapid } from './vapid.ts';

const ORIGIN = 'http://127.0.0.1:8793';
const NOW = Date.UTC(2026, 11, 6, 10, 0, 0);
const NOW_S = NOW / 1000;

interface Signer {
  key: Buffer;
  privateKey: KeyObject;
}

function signer(): Signer {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  const key = Buffer.concat([
    Buffer.of(4),
    Buffer.from(jwk.x as string, 'base64url'),
    Buffer.from(jwk.y as string, 'base64url'),
  ]);
  return { key, privateKey };
}

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function token(s: Signer, claims: object, header: object = { typ: 'JWT', alg: 'ES256' }): string {
  const unsigned = `${part(header)}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key: s.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${unsigned}.${signature.toString('base64url')}`;
}

const good = { aud: ORIGIN, exp: NOW_S + 3600, sub: 'mailto:ops@example.com' };
const auth = (s: Signer, t: string) => `vapid t=${t}, k=${s.key.toString('base64url')}`;

function refusal(header: string | undefined, key: Buffer): { status: number; reason: string } {
  try {
    verifyVapid(header, { key, origin: ORIGIN, now: NOW });
  } catch (err) {
    if (err instanceof PushError) return { status: err.status, reason: err.reason };
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('verifyVapid', () => {
  it('accepts a valid token and returns its claims; k and t in either order, scheme in any case', () => {
    const s = signer();
    const t = token(s, good);
    expect(verifyVapid(auth(s, t), { key: s.key, origin: ORIGIN, now: NOW })).toEqual(good);
    const swapped = `Vapid k=${s.key.toString('base64url')},t=${t}`;
    expect(verifyVapid(swapped, { key: s.key, origin: ORIGIN, now: NOW })).toEqual(good);
  });

  it('accepts exp exactly 24 hours ahead and an https contact', () => {
    const s = signer();
    const claims = { ...good, exp: NOW_S + 86_400, sub: 'https://vibecode.example/contact' };
    expect(verifyVapid(auth(s, token(s, claims)), { key: s.key, origin: ORIGIN, now: NOW })).toEqual(claims);
  });

  it('answers 401 when the header is missing or unreadable', () => {
    const s = signer();
    const t = token(s, good);
    for (const header of [
      undefined,
      '',
      `Bearer ${t}`,
      `WebPush ${t}`,
      `vapid t=${t}`,
      `vapid k=${s.key.toString('base64url')}`,
      `vapid t=${t}, k=not+base64url`,
      `vapid t=${t}, k=${s.key.subarray(0, 33).toString('base64url')}`,
      `vapid t=a.b, k=${s.key.toString('base64url')}`,
      `vapid t=${part('x')}.${part(good)}.AAAA, k=${s.key.toString('base64url')}`,
    ]) {
      expect(refusal(header, s.key).status, String(header)).toBe(401);
    }
  });

  it('answers 403 when the token reads but does not hold', () => {
    const s = signer();
    const other = signer();
    const cases: [string, RegExp][] = [
      [auth(other, token(other, good)), /does not match the subscription/],
      [auth(s, token(other, good)), /signature does not verify/],
      [auth(s, token(s, good, { typ: 'JWT', alg: 'HS256' })), /ES256/],
      [auth(s, token(s, { ...good, aud: 'http://127.0.0.1:9999' })), /aud must be http:\/\/127\.0\.0\.1:8793/],
      [auth(s, token(s, { ...good, aud: undefined })), /aud/],
      [auth(s, token(s, { ...good, exp: NOW_S })), /expired/],
      [auth(s, token(s, { ...good, exp: NOW_S + 86_401 })), /more than 24 hours/],
      [auth(s, token(s, { ...good, exp: String(NOW_S + 60) })), /exp must be an integer/],
      [auth(s, token(s, { ...good, sub: 'ops@example.com' })), /sub must be/],
      [auth(s, token(s, { ...good, sub: 'http://example.com' })), /sub must be/],
      [auth(s, token(s, { ...good, sub: undefined })), /sub must be/],
    ];
    for (const [header, reason] of cases) {
      const got = refusal(header, s.key);
      expect(got.status, got.reason).toBe(403);
      expect(got.reason).toMatch(reason);
    }
  });

  it('refuses a token whose claims were changed after signing', () => {
    const s = signer();
    const [h, , sig] = token(s, good).split('.');
    const forged = `${h}.${part({ ...good, sub: 'mailto:evil@example.com' })}.${sig}`;
    expect(refusal(auth(s, forged), s.key)).toEqual({ status: 403, reason: 'vapid signature does not verify' });
  });
});
