import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkWebSocketOrigin } from '../src/http/same-origin.ts';
import { confirmSignIn, issueTestLink, nextIp, ORIGIN, signIn, uniqueEmail } from './helpers/auth.ts';
import { insertVps } from './helpers/fixtures.ts';

const tokenRows = async (email: string) =>
  (
    await env.DB.prepare('SELECT count(*) AS n FROM magic_link_tokens WHERE email = ?')
      .bind(email)
      .first<{ n: number }>()
  )?.n;

const post = (path: string, headers: Record<string, string>, body: string) =>
  exports.default.fetch(`${ORIGIN}${path}`, { method: 'POST', headers, body, redirect: 'manual' });

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Origin headers a cross-site attacker's browser would send, and none at all. */
const foreign: Record<string, string>[] = [
  { origin: 'https://evil.example' },
  { origin: 'http://localhost:8788' },
  { origin: 'null' },
  { 'sec-fetch-site': 'cross-site' },
  { 'sec-fetch-site': 'same-site' },
  {},
];

async function expectRefused(res: Response) {
  expect(res.status).toBe(403);
  expect(await res.json()).toEqual({ error: { code: 'http.cross_origin', message: 'cross-origin request refused' } });
}

describe('same-origin on every mutating route', () => {
  it('POST /api/auth/magic-link: foreign origin refused before anything is issued; ours accepted', async () => {
    const email = uniqueEmail();
    const body = JSON.stringify({ email });
    for (const headers of foreign) {
      await expectRefused(
        await post('/api/auth/magic-link', { ...json, ...headers, 'cf-connecting-ip': nextIp() }, body),
      );
    }
    expect(await tokenRows(email)).toBe(0);

    const viaFetchMetadata = await post(
      '/api/auth/magic-link',
      { ...json, 'sec-fetch-site': 'same-origin', 'cf-connecting-ip': nextIp() },
      body,
    );
    expect(viaFetchMetadata.status).toBe(202);
    expect(
      (await post('/api/auth/magic-link', { ...json, origin: ORIGIN, 'cf-connecting-ip': nextIp() }, body)).status,
    ).toBe(202);
    expect(await tokenRows(email)).toBe(2);
  });

  it('POST /api/auth/logout: foreign origin leaves the session alive; ours ends it', async () => {
    const { cookie } = await signIn();
    for (const headers of foreign) {
      await expectRefused(await post('/api/auth/logout', { ...json, ...headers, cookie }, '{}'));
    }
    expect((await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } })).status).toBe(200);
    expect((await post('/api/auth/logout', { ...json, origin: ORIGIN, cookie }, '{}')).status).toBe(200);
    expect((await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('POST /auth/verify: foreign origin leaves the token unused; ours signs in', async () => {
    const token = await issueTestLink(uniqueEmail());
    const body = new URLSearchParams({ token }).toString();
    for (const headers of foreign) await expectRefused(await post('/auth/verify', { ...form, ...headers }, body));
    expect((await confirmSignIn(token)).status).toBe(303);
  });
});

describe('content type', () => {
  it('JSON routes refuse anything but application/json (what an HTML form can send) with 415', async () => {
    const { cookie } = await signIn();
    const email = uniqueEmail();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
      const headers = { origin: ORIGIN, 'content-type': type, cookie, 'cf-connecting-ip': nextIp() };
      for (const path of ['/api/auth/magic-link', '/api/auth/logout']) {
        const res = await post(path, headers, JSON.stringify({ email }));
        expect(res.status).toBe(415);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('http.unsupported_media_type');
      }
    }
    expect(await tokenRows(email)).toBe(0);
    expect((await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } })).status).toBe(200);
    const charset = await post(
      '/api/auth/magic-link',
      { origin: ORIGIN, 'content-type': 'application/json; charset=utf-8', 'cf-connecting-ip': nextIp() },
      JSON.stringify({ email }),
    );
    expect(charset.status).toBe(202);
  });

  it('bodyless mutating routes refuse anything but application/json too, before touching anything', async () => {
    const { cookie, userId } = await signIn();
    const { vpsId } = await insertVps(userId, 'ct-box');
    const vpsRow = () => env.DB.prepare('SELECT status, updated_at FROM vps WHERE id = ?').bind(vpsId).first();
    const before = await vpsRow();
    const routes: [string, string][] = [
      ['DELETE', `/api/sessions/${crypto.randomUUID()}`],
      ['DELETE', `/api/vps/${vpsId}/keys/${encodeURIComponent(`SHA256:${'A'.repeat(43)}`)}`],
      ['POST', `/api/vps/${vpsId}/support-access`],
      ['DELETE', `/api/vps/${vpsId}/support-access`],
      ['POST', `/api/vps/${vpsId}/retry`],
      ['DELETE', '/api/cloud'],
      ['POST', `/api/notifications/${crypto.randomUUID()}/dismiss`],
    ];
    for (const [method, path] of routes) {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
        const headers: Record<string, string> = { origin: ORIGIN, cookie };
        if (type) headers['content-type'] = type;
        const res = await exports.default.fetch(`${ORIGIN}${path}`, { method, headers });
        expect(res.status, `${method} ${path} with ${type || 'no content type'}`).toBe(415);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('http.unsupported_media_type');
      }
    }
    expect(await vpsRow()).toEqual(before);
  });

  it('/auth/verify takes only a form post', async () => {
    const token = await issueTestLink(uniqueEmail());
    const res = await post('/auth/verify', { ...json, origin: ORIGIN }, JSON.stringify({ token }));
    expect(res.status).toBe(415);
    expect((await confirmSignIn(token)).status).toBe(303);
  });
});

describe('checkWebSocketOrigin', () => {
  const upgrade = (headers: Record<string, string>) =>
    new Request('http://localhost/ws/sessions/1', { headers: { upgrade: 'websocket', ...headers } });

  it('accepts our origin and refuses any other or none', () => {
    expect(() => checkWebSocketOrigin(upgrade({ origin: ORIGIN }))).not.toThrow();
    const refused: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-origin' },
      {},
    ];
    for (const headers of refused) {
      expect(() => checkWebSocketOrigin(upgrade(headers))).toThrow(
        expect.objectContaining({ status: 403, code: 'http.cross_origin' }),
      );
    }
  });
});
