/**
 * A Telegram Mini App's web session (`MiniAppSessions`, the port behind `POST /api/miniapp/auth`): an ordinary session
 * cookie every route takes, living 8 hours from its creation, which renewal never extends, in the row or the cookie.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MINIAPP_SESSION_MAX_AGE_MS, miniAppSessions } from '../src/auth/miniapp-session.ts';
import { findOrCreateUser } from '../src/auth/users.ts';
import { openDb } from '../src/db/client.ts';
import { ORIGIN, uniqueEmail } from './helpers/auth.ts';

const HOUR = 3_600_000;
const me = (cookie: string) => exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } });

async function started(url = `${ORIGIN}/api/miniapp/auth`) {
  const db = openDb(env.DB);
  const user = await findOrCreateUser(db, uniqueEmail('miniapp'), Date.now());
  const before = Date.now();
  const session = await miniAppSessions(db, 'local').start(user.id, url);
  if (session === null) throw new Error('no session');
  return { ...session, userId: user.id, before, cookie: session.setCookie.split(';')[0] as string };
}

type Row = { created_at: number; last_seen_at: number; expires_at: number; max_age_ms: number };
const rowOf = (userId: string) =>
  env.DB.prepare('SELECT created_at, last_seen_at, expires_at, max_age_ms FROM web_sessions WHERE user_id = ?')
    .bind(userId)
    .first<Row>();

/** Moves the session back in time: created `createdAgo`, seen `seenAgo` ago; its expiry as it was, or `expiresIn`. */
async function age(userId: string, createdAgo: number, seenAgo: number, expiresIn?: number) {
  const now = Date.now();
  await env.DB.prepare('UPDATE web_sessions SET created_at = ?, last_seen_at = ?, expires_at = ? WHERE user_id = ?')
    .bind(now - createdAgo, now - seenAgo, now + (expiresIn ?? MINIAPP_SESSION_MAX_AGE_MS - createdAgo), userId)
    .run();
}

describe('Mini App web sessions', () => {
  it('start a session of 8 hours that every route takes, with the loopback cookie on plain-http localhost', async () => {
    const session = await started();
    expect(session.setCookie).toMatch(/^vibe_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=28800$/);
    const row = await rowOf(session.userId);
    expect(row?.max_age_ms).toBe(8 * HOUR);
    expect(row?.expires_at).toBe((row?.created_at ?? 0) + 8 * HOUR);
    expect(session.expiresAt).toBe(row?.expires_at);
    const res = await me(session.cookie);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { id: string } }).user.id).toBe(session.userId);
  });

  it('set the third-party cookie for a secure context', async () => {
    const session = await started('https://vibecode.example/api/miniapp/auth');
    expect(session.setCookie).toMatch(
      /^__Host-vibe_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; Secure; SameSite=None; Partitioned; Max-Age=28800$/,
    );
  });

  it('are never renewed past their 8 hours: a busy session keeps its end and gets no fresh cookie', async () => {
    const session = await started();
    await age(session.userId, 7 * HOUR, 2 * HOUR);
    const end = (await rowOf(session.userId))?.expires_at;
    const res = await me(session.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    const row = await rowOf(session.userId);
    expect(row?.expires_at).toBe(end);
    // Seen now: the once-an-hour renewal ran and moved nothing.
    expect(row?.last_seen_at).toBeGreaterThan(Date.now() - HOUR);
  });

  it('end 8 hours after creation, whatever the row’s expiry says', async () => {
    const session = await started();
    await age(session.userId, 8 * HOUR + 60_000, 60_000, 24 * HOUR);
    const res = await me(session.cookie);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('auth.required');
  });

  it('are not started for a user that does not exist', async () => {
    const none = await miniAppSessions(openDb(env.DB), 'local').start('no-such-user', `${ORIGIN}/`);
    expect(none).toBeNull();
  });
});
