import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consumeMagicLink, issueMagicLink, MAGIC_LINK_TTL_MS } from '../src/auth/magic-link.ts';
import { openDb } from '../src/db/client.ts';
import {
  confirmSignIn,
  latestMail,
  ORIGIN,
  requestMagicLink,
  sessionCookieOf,
  signIn,
  tokenFromLink,
  uniqueEmail,
} from './helpers/auth.ts';

const me = (cookie?: string) => exports.default.fetch(`${ORIGIN}/api/me`, { headers: cookie ? { cookie } : {} });
const count = async (sql: string, ...params: unknown[]) =>
  (
    (await env.DB.prepare(sql)
      .bind(...params)
      .first<{ n: number }>()) ?? { n: -1 }
  ).n;

describe('sign-in with a magic link', () => {
  it('signs in end to end through the outbox and creates the user once', async () => {
    const { cookie, userId, email } = await signIn();
    expect(cookie).toMatch(/^vibe_session=[\w-]{43}$/);
    expect(await (await me(cookie)).json()).toEqual({ user: { id: userId, email } });
    expect(await count('SELECT count(*) AS n FROM email_identities WHERE user_id = ?', userId)).toBe(1);

    const again = await signIn(email);
    expect(again.userId).toBe(userId);
    expect(again.cookie).not.toBe(cookie);
  });

  it('answers known and unknown addresses identically', async () => {
    const { email: known } = await signIn();
    const a = await requestMagicLink(known);
    const b = await requestMagicLink(uniqueEmail('stranger'));
    expect(a.status).toBe(202);
    expect(b.status).toBe(a.status);
    expect([...b.headers]).toEqual([...a.headers]);
    expect(await b.text()).toBe(await a.text());
  });

  it('mails a link to a confirm page; only the POST consumes the token', async () => {
    const email = uniqueEmail();
    await requestMagicLink(email);
    const mail = await latestMail(email);
    expect(mail.subject).toBe('Sign in to VibeCode');
    expect(mail.text).toContain(mail.link);
    expect(mail.link).toMatch(/^http:\/\/localhost\/auth\/verify\?token=[\w-]{43}$/);
    const token = tokenFromLink(mail.link);

    for (let i = 0; i < 2; i++) {
      const page = await exports.default.fetch(mail.link);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('referrer-policy')).toBe('same-origin');
      const html = await page.text();
      expect(html).toContain('<form method="post" action="/auth/verify">');
      expect(html).toContain(`name="token" value="${token}"`);
    }
    expect((await confirmSignIn(token)).status).toBe(303);
  });

  it('shows the invalid-link page for a malformed token without touching D1', async () => {
    for (const query of ['', '?token=', '?token=short', `?token=${'x'.repeat(43)}"><script>`]) {
      const res = await exports.default.fetch(`${ORIGIN}/auth/verify${query}`);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('data-error-code="auth.invalid_token"');
      expect(html).not.toContain('<script>');
    }
  });

  it('rejects a reused token and creates no second session', async () => {
    const email = uniqueEmail();
    await requestMagicLink(email);
    const token = tokenFromLink((await latestMail(email)).link);
    const first = await confirmSignIn(token);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const sessionsBefore = await count('SELECT count(*) AS n FROM web_sessions');

    const second = await confirmSignIn(token);
    expect(second.status).toBe(400);
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(await second.text()).toContain('auth.invalid_token');
    expect(await count('SELECT count(*) AS n FROM web_sessions')).toBe(sessionsBefore);
  });

  it('gives exactly one session to ten parallel consumes of one token', async () => {
    const email = uniqueEmail();
    await requestMagicLink(email);
    const token = tokenFromLink((await latestMail(email)).link);
    const results = await Promise.all(Array.from({ length: 10 }, () => confirmSignIn(token)));
    expect(results.map((r) => r.status).sort()).toEqual([303, 400, 400, 400, 400, 400, 400, 400, 400, 400]);
    const identity = await env.DB.prepare('SELECT user_id FROM email_identities WHERE email = ?')
      .bind(email)
      .first<{ user_id: string }>();
    expect(await count('SELECT count(*) AS n FROM web_sessions WHERE user_id = ?', identity?.user_id)).toBe(1);
    expect(
      await count(
        'SELECT count(*) AS n FROM users u WHERE NOT EXISTS (SELECT 1 FROM email_identities e WHERE e.user_id = u.id)',
      ),
    ).toBe(0);
  });

  it('expires tokens after 15 minutes (driven clock)', async () => {
    const db = openDb(env.DB);
    const issuedAt = Date.UTC(2026, 0, 1);
    const email = uniqueEmail();
    const late = await issueMagicLink(db, email, issuedAt);
    expect(await consumeMagicLink(db, late, issuedAt + MAGIC_LINK_TTL_MS)).toBeNull();
    const inTime = await issueMagicLink(db, email, issuedAt);
    expect(await consumeMagicLink(db, inTime, issuedAt + MAGIC_LINK_TTL_MS - 1)).toBe(email);
    expect(await consumeMagicLink(db, inTime, issuedAt + MAGIC_LINK_TTL_MS - 1)).toBeNull();

    // Through the route: a token issued 15 minutes ago is refused.
    const stale = await issueMagicLink(db, email, Date.now() - MAGIC_LINK_TTL_MS);
    expect((await confirmSignIn(stale)).status).toBe(400);
  });

  it('stores only hashes of tokens and sessions', async () => {
    const email = uniqueEmail();
    await requestMagicLink(email);
    const token = tokenFromLink((await latestMail(email)).link);
    const cookie = sessionCookieOf(await confirmSignIn(token));
    const dump = JSON.stringify([
      await env.DB.prepare('SELECT * FROM magic_link_tokens').all(),
      await env.DB.prepare('SELECT * FROM web_sessions').all(),
    ]);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(cookie.split('=')[1]);
  });

  it('rotates the session at login: the cookie sent along is revoked', async () => {
    const { cookie: old, email } = await signIn();
    await requestMagicLink(email);
    const res = await confirmSignIn(tokenFromLink((await latestMail(email)).link), { cookie: old });
    const fresh = sessionCookieOf(res);
    expect(fresh).not.toBe(old);
    expect((await me(old)).status).toBe(401);
    expect((await me(fresh)).status).toBe(200);
  });
});

describe('session', () => {
  it('requires a valid cookie for /api/me', async () => {
    for (const cookie of [undefined, 'vibe_session=nope', `vibe_session=${'A'.repeat(43)}`, 'other=1']) {
      const res = await me(cookie);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'auth.required', message: 'sign in first' } });
    }
  });

  it('logs out: the session row is gone, the cookie cleared, the old cookie refused', async () => {
    const { cookie, userId } = await signIn();
    const res = await exports.default.fetch(`${ORIGIN}/api/auth/logout`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', cookie },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('set-cookie')).toBe('vibe_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect((await me(cookie)).status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM web_sessions WHERE user_id = ?', userId)).toBe(0);
  });

  it('slides: a session seen over an hour ago is renewed with a cookie that ends 30 days after sign-in', async () => {
    const { cookie, userId } = await signIn();
    const fresh = await me(cookie);
    expect(fresh.headers.get('set-cookie')).toBeNull();

    const twoHoursAgo = Date.now() - 2 * 3_600_000;
    await env.DB.prepare('UPDATE web_sessions SET last_seen_at = ?, expires_at = ? WHERE user_id = ?')
      .bind(twoHoursAgo, twoHoursAgo + 30 * 24 * 3_600_000, userId)
      .run();
    const renewed = await me(cookie);
    expect(renewed.status).toBe(200);
    const renewedCookie = /^(.+); Path=\/; HttpOnly; SameSite=Lax; Max-Age=(\d+)$/.exec(
      renewed.headers.get('set-cookie') ?? '',
    );
    expect(renewedCookie?.[1]).toBe(cookie);
    // The absolute lifetime (auth-session-lifetime.test.ts) caps it: at most 30 days, less what passed since sign-in.
    expect(Number(renewedCookie?.[2])).toBeLessThanOrEqual(2592000);
    expect(Number(renewedCookie?.[2])).toBeGreaterThan(2592000 - 3600);
    const row = await env.DB.prepare('SELECT expires_at FROM web_sessions WHERE user_id = ?')
      .bind(userId)
      .first<{ expires_at: number }>();
    expect(row?.expires_at).toBeGreaterThan(Date.now() + 29 * 24 * 3_600_000);
  });

  it('refuses an expired session', async () => {
    const { cookie, userId } = await signIn();
    await env.DB.prepare('UPDATE web_sessions SET expires_at = ? WHERE user_id = ?')
      .bind(Date.now() - 1, userId)
      .run();
    expect((await me(cookie)).status).toBe(401);
  });
});
