/** A web session dies 30 days after sign-in however busy it is; the sliding renewal never moves it past that. */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { WEB_SESSION_MAX_AGE_MS } from '../src/auth/web-session.ts';
import { ORIGIN } from './helpers/auth.ts';
import { signedInUser } from './helpers/web-session.ts';

const DAY = 24 * 3_600_000;
const me = (cookie: string) => exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } });

/** Moves the user's session back in time: signed in `signedInAgo`, seen `seenAgo`, expiring `expiresIn` from now. */
async function age(userId: string, at: { signedInAgo: number; seenAgo: number; expiresIn: number }) {
  const now = Date.now();
  await env.DB.prepare('UPDATE web_sessions SET created_at = ?, last_seen_at = ?, expires_at = ? WHERE user_id = ?')
    .bind(now - at.signedInAgo, now - at.seenAgo, now + at.expiresIn, userId)
    .run();
  return now;
}

function maxAgeOf(res: Response): number {
  const match = /Max-Age=(\d+)/.exec(res.headers.get('set-cookie') ?? '');
  if (!match) throw new Error('no cookie renewed');
  return Number(match[1]);
}

describe('absolute web-session lifetime', () => {
  it('is 30 days', () => {
    expect(WEB_SESSION_MAX_AGE_MS).toBe(30 * DAY);
  });

  it('refuses a session signed in over 30 days ago, though it was seen a minute ago and its sliding expiry is ahead', async () => {
    const { cookie, userId } = await signedInUser();
    await age(userId, { signedInAgo: 30 * DAY + 60_000, seenAgo: 60_000, expiresIn: 29 * DAY });
    const res = await me(cookie);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('auth.required');
  });

  it('renews a busy session only up to 30 days after sign-in, in the row and in the cookie', async () => {
    const { cookie, userId } = await signedInUser();
    const agedAt = await age(userId, { signedInAgo: 29 * DAY, seenAgo: 2 * 3_600_000, expiresIn: 29 * DAY });
    const before = Date.now();
    const res = await me(cookie);
    const after = Date.now();
    expect(res.status).toBe(200);
    const row = await env.DB.prepare('SELECT created_at, expires_at FROM web_sessions WHERE user_id = ?')
      .bind(userId)
      .first<{ created_at: number; expires_at: number }>();
    expect(row?.expires_at).toBe(agedAt - 29 * DAY + WEB_SESSION_MAX_AGE_MS);
    const end = row?.expires_at ?? 0;
    expect(maxAgeOf(res)).toBeLessThanOrEqual(Math.floor((end - before) / 1000));
    expect(maxAgeOf(res)).toBeGreaterThanOrEqual(Math.floor((end - after) / 1000));
  });

  it('keeps a session signed in just under 30 days ago', async () => {
    const { cookie, userId } = await signedInUser();
    await age(userId, { signedInAgo: 30 * DAY - 60_000, seenAgo: 60_000, expiresIn: 29 * DAY });
    expect((await me(cookie)).status).toBe(200);
  });
});
