/**
 * The link API behind the dashboard's "Connect Telegram" card, through the Worker as the web app calls it: signed in
 * by core's session cookie, mutating calls same-origin JSON (core's rules, through its ports), codes stored only as
 * their SHA-256. The bot's side (`/start <code>`) needs the Bot API: the journey with the stand-in covers it.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { api, errorOf, signIn } from './helpers.ts';

const ORIGIN = 'http://localhost';

type Link = { code: string; url: string; expires_at: string };

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** As the web app calls it: no body, our Origin, JSON. */
const link = (cookie: string, init: RequestInit = {}) => api('/api/telegram/link', cookie, { method: 'POST', ...init });

async function linkAccount(userId: string, telegramUserId: number, username: string | null): Promise<void> {
  await env.DB.prepare(
    'INSERT INTO telegram_links (telegram_user_id, user_id, chat_id, username, linked_at) VALUES (?, ?, ?, ?, ?)',
  )
    .bind(telegramUserId, userId, telegramUserId, username, Date.now())
    .run();
}

describe('GET /api/telegram', () => {
  it('needs a signed-in user', async () => {
    expect(await errorOf(await exports.default.fetch(`${ORIGIN}/api/telegram`))).toEqual({
      status: 401,
      code: 'auth.required',
    });
    expect(await errorOf(await api('/api/telegram', 'vibe_session=forged'))).toEqual({
      status: 401,
      code: 'auth.required',
    });
  });

  it('says whether the user is linked, and topics false while the Bot API cannot say', async () => {
    const user = await signIn();
    const res = await api('/api/telegram', user.cookie);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ configured: true, linked: false, topics: false });

    await linkAccount(user.userId, 8_000_001, 'ada_l');
    expect(await (await api('/api/telegram', user.cookie)).json()).toEqual({
      configured: true,
      linked: true,
      username: 'ada_l',
      topics: false,
    });
  });

  it('leaves out the username of an account that has none', async () => {
    const user = await signIn();
    await linkAccount(user.userId, 8_000_002, null);
    expect(await (await api('/api/telegram', user.cookie)).json()).toEqual({
      configured: true,
      linked: true,
      topics: false,
    });
  });
});

describe('POST /api/telegram/link', () => {
  it('answers 201 with a single-use code for 10 minutes and the bot link; only its hash is stored', async () => {
    const user = await signIn();
    const before = Date.now();
    const res = await link(user.cookie);
    expect(res.status).toBe(201);
    const body = (await res.json()) as Link;
    expect(Object.keys(body).sort()).toEqual(['code', 'expires_at', 'url']);
    expect(body.code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.url).toBe(`https://t.me/vibecode_test_bot?start=${body.code}`);
    const expiresAt = Date.parse(body.expires_at);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);

    const rows = await env.DB.prepare(
      'SELECT code_hash, expires_at, used_at FROM telegram_link_codes WHERE user_id = ?',
    )
      .bind(user.userId)
      .all<{ code_hash: string; expires_at: number; used_at: number | null }>();
    expect(rows.results).toEqual([{ code_hash: await sha256Hex(body.code), expires_at: expiresAt, used_at: null }]);
  });

  it('replaces the unused code: only the newest one works', async () => {
    const user = await signIn();
    await link(user.cookie);
    const { code } = (await (await link(user.cookie)).json()) as Link;
    const rows = await env.DB.prepare('SELECT code_hash FROM telegram_link_codes WHERE user_id = ?')
      .bind(user.userId)
      .all<{ code_hash: string }>();
    expect(rows.results).toEqual([{ code_hash: await sha256Hex(code) }]);
  });

  it('refuses another origin, a missing origin and a non-JSON call before anything else', async () => {
    const user = await signIn();
    const cases: [RequestInit, number, string][] = [
      [{ headers: { origin: 'https://evil.example' } }, 403, 'http.cross_origin'],
      [{ headers: { 'content-type': 'text/plain' } }, 415, 'http.unsupported_media_type'],
    ];
    for (const [init, status, code] of cases) {
      expect(await errorOf(await link(user.cookie, init))).toEqual({ status, code });
    }
    const noOrigin = await exports.default.fetch(`${ORIGIN}/api/telegram/link`, {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
    });
    expect(await errorOf(noOrigin)).toEqual({ status: 403, code: 'http.cross_origin' });
    // Same origin without an Origin header, as a browser says it.
    const fetchSite = await exports.default.fetch(`${ORIGIN}/api/telegram/link`, {
      method: 'POST',
      headers: { cookie: user.cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    });
    expect(fetchSite.status).toBe(201);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM telegram_link_codes WHERE user_id = ?')
      .bind(user.userId)
      .first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it('needs a signed-in user', async () => {
    expect(await errorOf(await link('vibe_session=forged'))).toEqual({ status: 401, code: 'auth.required' });
  });
});

describe('DELETE /api/telegram/link', () => {
  it('unlinks the user’s account and answers {linked: false}, linked or not', async () => {
    const user = await signIn();
    await linkAccount(user.userId, 8_000_003, 'grace_h');
    const res = await api('/api/telegram/link', user.cookie, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ linked: false });
    expect(await (await api('/api/telegram', user.cookie)).json()).toEqual({
      configured: true,
      linked: false,
      topics: false,
    });
    const again = await api('/api/telegram/link', user.cookie, { method: 'DELETE' });
    expect(await again.json()).toEqual({ linked: false });
  });

  it('touches only the signed-in user’s link', async () => {
    const alice = await signIn();
    const bob = await signIn();
    await linkAccount(alice.userId, 8_000_004, 'alice_t');
    await api('/api/telegram/link', bob.cookie, { method: 'DELETE' });
    expect(await (await api('/api/telegram', alice.cookie)).json()).toMatchObject({ linked: true });
  });

  it('refuses another origin and a signed-out caller, and keeps the link', async () => {
    const user = await signIn();
    await linkAccount(user.userId, 8_000_005, null);
    const crossSite = await api('/api/telegram/link', user.cookie, {
      method: 'DELETE',
      headers: { origin: 'https://evil.example' },
    });
    expect(await errorOf(crossSite)).toEqual({ status: 403, code: 'http.cross_origin' });
    const signedOut = await api('/api/telegram/link', 'vibe_session=forged', { method: 'DELETE' });
    expect(await errorOf(signedOut)).toEqual({ status: 401, code: 'auth.required' });
    expect(await (await api('/api/telegram', user.cookie)).json()).toMatchObject({ linked: true });
  });
});
