/**
 * `POST /api/auth/logout-everywhere`: every web session of the user ends, and every browser pushed to is forgotten, only
 * with our Origin and a live session.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from './helpers/auth.ts';
import { browserSubscription, storedSubscriptions } from './helpers/push-service.ts';
import { anotherSession, signedInUser } from './helpers/web-session.ts';

const me = (cookie: string) => exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } });
const everywhere = (headers: Record<string, string>) =>
  exports.default.fetch(`${ORIGIN}/api/auth/logout-everywhere`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
  });
const sessionsOf = async (userId: string) =>
  (await env.DB.prepare('SELECT count(*) AS n FROM web_sessions WHERE user_id = ?').bind(userId).first<{ n: number }>())
    ?.n;
const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe('sign out everywhere', () => {
  it('ends every session of the user, in this browser and the others, and clears this cookie', async () => {
    const { cookie, userId } = await signedInUser();
    const laptop = await anotherSession(userId);
    const stranger = await signedInUser();
    const pushedTo = async (user: string) => {
      const { endpoint, keys } = await browserSubscription(user);
      const res = await exports.default.fetch(`${ORIGIN}/api/push/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: ORIGIN, cookie: user },
        body: JSON.stringify({ endpoint, keys }),
      });
      expect(res.status).toBe(201);
      return endpoint;
    };
    await pushedTo(laptop);
    const strangersBrowser = await pushedTo(stranger.cookie);
    const res = await everywhere({ origin: ORIGIN, cookie });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(res.headers.get('set-cookie')).toBe('vibe_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect((await me(cookie)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect(await sessionsOf(userId)).toBe(0);
    expect(await storedSubscriptions(userId)).toEqual([]);
    expect((await me(stranger.cookie)).status).toBe(200);
    expect(await storedSubscriptions(stranger.userId)).toEqual([strangersBrowser]);
  });

  it('clears the cookie even when the session was due for renewal', async () => {
    const { cookie, userId } = await signedInUser();
    await env.DB.prepare('UPDATE web_sessions SET last_seen_at = ? WHERE user_id = ?')
      .bind(Date.now() - 2 * 3_600_000, userId)
      .run();
    const res = await everywhere({ origin: ORIGIN, cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBe('vibe_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
  });

  it('refuses a foreign or missing Origin and leaves every session alive', async () => {
    const { cookie, userId } = await signedInUser();
    await anotherSession(userId);
    for (const origin of [{}, { origin: 'http://evil.example' }] as Record<string, string>[]) {
      const res = await everywhere({ ...origin, cookie });
      expect(res.status).toBe(403);
      expect(await codeOf(res)).toBe('http.cross_origin');
    }
    expect(await sessionsOf(userId)).toBe(2);
    expect((await me(cookie)).status).toBe(200);
  });

  it('refuses without a live session', async () => {
    const res = await everywhere({ origin: ORIGIN });
    expect(res.status).toBe(401);
    expect(await codeOf(res)).toBe('auth.required');
  });
});
