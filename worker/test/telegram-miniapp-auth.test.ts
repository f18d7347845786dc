/**
 * `POST /api/miniapp/auth` through the Worker, as the Mini App page calls it: initData signed with the Worker's bot
 * token (vitest.config.ts) as Telegram signs it, for a linked account → the web's session cookie for 8 hours; every
 * bad input refused with its code and no session made.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorOf } from './helpers.ts';
import { fetchWith } from './telegram-helpers.ts';

const ORIGIN = 'http://localhost';
const URL_PATH = '/api/miniapp/auth';
const BOT_TOKEN = '123456:worker-test-token';
const HOUR = 3_600_000;

const encoder = new TextEncoder();
const hmac = async (key: Uint8Array, message: string) =>
  new Uint8Array(
    await crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      encoder.encode(message),
    ),
  );
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** initData as Telegram builds it: the fields, and `hash` over all of them sorted, with the bot token's key. */
async function initData(fields: Record<string, string>, token = BOT_TOKEN): Promise<string> {
  const checkString = Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const hash = hex(await hmac(await hmac(encoder.encode('WebAppData'), token), checkString));
  return new URLSearchParams({ ...fields, hash }).toString();
}

let nextTelegramId = 9_100_000 + (Date.now() % 100_000);
/** A user linked to a fresh Telegram account, as `/start <code>` leaves them. */
async function linkedUser(): Promise<{ userId: string; telegramId: number }> {
  nextTelegramId += 1;
  const userId = crypto.randomUUID();
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare('INSERT INTO users (id, created_at) VALUES (?, ?)').bind(userId, now),
    env.DB.prepare('INSERT INTO email_identities (email, user_id, verified_at) VALUES (?, ?, ?)').bind(
      `tg-${userId}@example.com`,
      userId,
      now,
    ),
    env.DB.prepare(
      'INSERT INTO telegram_links (telegram_user_id, user_id, chat_id, username, linked_at) VALUES (?, ?, ?, ?, ?)',
    ).bind(nextTelegramId, userId, nextTelegramId, 'ada', now),
  ]);
  return { userId, telegramId: nextTelegramId };
}

const launch = (telegramId: number, authDate = Math.floor(Date.now() / 1000)) => ({
  query_id: 'AAHdF6IQAAAAAN0XohDhr8c',
  user: JSON.stringify({ id: telegramId, first_name: 'Ada', username: 'ada' }),
  auth_date: String(authDate),
  signature: 'c2lnbmVkLWJ5LXRlbGVncmFtLWZvci10aGlyZC1wYXJ0aWVz',
});

/** As the page sends it: same origin, JSON. */
function auth(body: unknown, init: { headers?: Record<string, string>; origin?: string } = {}) {
  const origin = init.origin ?? ORIGIN;
  return new Request(`${origin}${URL_PATH}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const send = (request: Request) => exports.default.fetch(request);

async function sessionsOf(userId: string): Promise<number> {
  const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM web_sessions WHERE user_id = ?')
    .bind(userId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

describe('POST /api/miniapp/auth', () => {
  it('signs a linked account in: 200 {expires_at} and the web’s session cookie, which /api/me takes', async () => {
    const { userId, telegramId } = await linkedUser();
    const before = Date.now();
    const res = await send(auth({ init_data: await initData(launch(telegramId)) }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { expires_at: number };
    expect(Object.keys(body)).toEqual(['expires_at']);
    expect(Number.isInteger(body.expires_at)).toBe(true);
    expect(body.expires_at).toBeGreaterThanOrEqual(before + 8 * HOUR);
    expect(body.expires_at).toBeLessThanOrEqual(Date.now() + 8 * HOUR);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^vibe_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    const me = await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie: setCookie.split(';')[0] ?? '' } });
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(userId);
  });

  it('sets the third-party cookie (SameSite=None; Partitioned) over https', async () => {
    const { telegramId } = await linkedUser();
    const res = await send(auth({ init_data: await initData(launch(telegramId)) }, { origin: 'https://localhost' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(
      /^__Host-vibe_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=28800$/,
    );
  });

  it('answers 403 telegram.not_linked, saying how to link, for a good initData of an account linked to nobody', async () => {
    const res = await send(auth({ init_data: await initData(launch(9_099_999)) }));
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(403);
    expect(body.error.code).toBe('telegram.not_linked');
    expect(body.error.message).toContain('dashboard → Connect Telegram');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers 401 telegram.init_data_invalid for tampered, stale, foreign, incomplete or repeated initData', async () => {
    const { userId, telegramId } = await linkedUser();
    const good = await initData(launch(telegramId));
    const hash = new URLSearchParams(good).get('hash') ?? '';
    const fields = launch(telegramId);
    const { user: _user, ...withoutUser } = fields;
    const { auth_date: _date, ...withoutDate } = fields;
    const cases: Record<string, string> = {
      'one hash character changed': good.replace(hash, `${hash.slice(0, -1)}${hash.endsWith('a') ? 'b' : 'a'}`),
      'another user put in after signing': good.replace(String(telegramId), String(telegramId + 1)),
      'signed with another bot’s token': await initData(fields, '654321:another-bots-token'),
      'auth_date over an hour old': await initData(launch(telegramId, Math.floor(Date.now() / 1000) - 3601)),
      'no hash': new URLSearchParams(fields).toString(),
      'no user': await initData(withoutUser),
      'no auth_date': await initData(withoutDate),
      'user given twice': `${good}&user=${encodeURIComponent(JSON.stringify({ id: telegramId }))}`,
      'not a query string': 'not initData at all',
      empty: '',
    };
    for (const [what, init_data] of Object.entries(cases)) {
      const res = await send(auth({ init_data }));
      expect(await errorOf(res), what).toEqual({ status: 401, code: 'telegram.init_data_invalid' });
    }
    expect(await sessionsOf(userId)).toBe(0);
  });

  it('takes MINIAPP_AUTH_MAX_AGE_S as the auth_date window', async () => {
    const { telegramId } = await linkedUser();
    const twoMinutesOld = await initData(launch(telegramId, Math.floor(Date.now() / 1000) - 120));
    expect((await send(auth({ init_data: twoMinutesOld }))).status).toBe(200);
    const res = await fetchWith(auth({ init_data: twoMinutesOld }), { MINIAPP_AUTH_MAX_AGE_S: '60' });
    expect(await errorOf(res)).toEqual({ status: 401, code: 'telegram.init_data_invalid' });
  });

  it('refuses a body that is not {init_data: string} before checking anything', async () => {
    const { telegramId } = await linkedUser();
    const good = await initData(launch(telegramId));
    const cases: [unknown, number, string][] = [
      ['{"init_data":', 400, 'http.invalid_json'],
      ['', 400, 'http.invalid_json'],
      [[good], 400, 'http.invalid_body'],
      ['"text"', 400, 'http.invalid_body'],
      [{}, 400, 'http.invalid_body'],
      [{ init_data: 42 }, 400, 'http.invalid_body'],
      [{ initData: good }, 400, 'http.invalid_body'],
      [{ init_data: good, user_id: 'someone-else' }, 400, 'http.invalid_body'],
      [{ init_data: 'x'.repeat(8193) }, 400, 'http.invalid_body'],
      ['{"__proto__":{"init_data":"x"}}', 400, 'http.invalid_body'],
      [`{"init_data":${JSON.stringify(good)},"constructor":0}`, 400, 'http.invalid_body'],
      [{ init_data: 'x'.repeat(17_000) }, 413, 'http.body_too_large'],
    ];
    for (const [body, status, code] of cases) {
      expect(await errorOf(await send(auth(body))), JSON.stringify(body).slice(0, 40)).toEqual({ status, code });
    }
  });

  it('refuses another origin, a missing origin and a non-JSON call, good initData or not', async () => {
    const { userId, telegramId } = await linkedUser();
    const body = { init_data: await initData(launch(telegramId)) };
    const evil = auth(body, { headers: { origin: 'https://evil.example' } });
    expect(await errorOf(await send(evil))).toEqual({ status: 403, code: 'http.cross_origin' });
    const noOrigin = new Request(`${ORIGIN}${URL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(await errorOf(await send(noOrigin))).toEqual({ status: 403, code: 'http.cross_origin' });
    const form = auth(body, { headers: { 'content-type': 'text/plain' } });
    expect(await errorOf(await send(form))).toEqual({ status: 415, code: 'http.unsupported_media_type' });
    expect(await sessionsOf(userId)).toBe(0);
  });

  it('answers 503 telegram.not_configured without a bot, and 500 for a malformed window', async () => {
    const { telegramId } = await linkedUser();
    const body = { init_data: await initData(launch(telegramId)) };
    expect(await errorOf(await fetchWith(auth(body), { TELEGRAM_BOT_TOKEN: undefined }))).toEqual({
      status: 503,
      code: 'telegram.not_configured',
    });
    expect(await errorOf(await fetchWith(auth(body), { MINIAPP_AUTH_MAX_AGE_S: 'an hour' }))).toEqual({
      status: 500,
      code: 'telegram.config_invalid',
    });
  });
});
