import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { consumeMagicLink, issueMagicLink, MAGIC_LINK_TTL_MS } from '../src/auth/magic-link.ts';
import { purgeExpiredAuthRows } from '../src/auth/purge.ts';
import { createWebSession, WEB_SESSION_TTL_MS } from '../src/auth/web-session.ts';
import { consumeOAuthState, issueOAuthState } from '../src/cloud/oauth-states.ts';
import { sha256Hex } from '../src/crypto/hash.ts';
import { openDb } from '../src/db/client.ts';
import { consumeBootstrapToken, issueBootstrapToken } from '../src/gateways/bootstrap-token.ts';
import { signIn, uniqueEmail } from './helpers/auth.ts';
import { insertVps } from './helpers/fixtures.ts';

const present = async (table: string, column: string, token: string) =>
  (await env.DB.prepare(`SELECT 1 AS x FROM ${table} WHERE ${column} = ?`)
    .bind(await sha256Hex(token))
    .first()) !== null;

describe('purgeExpiredAuthRows (driven clock; the cron that runs it is tested in worker/test)', () => {
  it('deletes spent tokens a day after they expired or were used, and expired sessions at once', async () => {
    const db = openDb(env.DB);
    const { userId } = await signIn();
    const { vpsId } = await insertVps(userId);
    const email = uniqueEmail();
    // Long past, so the purge cannot touch rows other tests made with the real clock.
    const t0 = Date.UTC(2000, 0, 1);
    const later = t0 + WEB_SESSION_TTL_MS;

    const expiredLink = await issueMagicLink(db, email, t0);
    const usedLink = await issueMagicLink(db, email, t0);
    await consumeMagicLink(db, usedLink, t0 + 1);
    const usedBootstrap = await issueBootstrapToken(db, vpsId, t0);
    await consumeBootstrapToken(db, usedBootstrap, t0 + 1);
    const oldSession = await createWebSession(db, userId, t0);
    const expiredState = await issueOAuthState(db, userId, oldSession, t0);
    const usedState = await issueOAuthState(db, userId, oldSession, t0);
    expect(await consumeOAuthState(db, userId, oldSession, usedState, t0 + 1)).toBe(true);
    const liveLink = await issueMagicLink(db, email, later);
    const liveBootstrap = await issueBootstrapToken(db, vpsId, later);
    const liveSession = await createWebSession(db, userId, later);
    const liveState = await issueOAuthState(db, userId, liveSession, later);

    // Within the retention day, spent tokens are kept.
    await purgeExpiredAuthRows(db, t0 + MAGIC_LINK_TTL_MS + 1);
    expect(await present('magic_link_tokens', 'token_hash', expiredLink)).toBe(true);
    expect(await present('magic_link_tokens', 'token_hash', usedLink)).toBe(true);
    expect(await present('bootstrap_tokens', 'token_hash', usedBootstrap)).toBe(true);
    expect(await present('oauth_states', 'state_hash', expiredState)).toBe(true);
    expect(await present('oauth_states', 'state_hash', usedState)).toBe(true);

    await purgeExpiredAuthRows(db, later);
    expect(await present('magic_link_tokens', 'token_hash', expiredLink)).toBe(false);
    expect(await present('magic_link_tokens', 'token_hash', usedLink)).toBe(false);
    expect(await present('bootstrap_tokens', 'token_hash', usedBootstrap)).toBe(false);
    expect(await present('web_sessions', 'id_hash', oldSession)).toBe(false);
    expect(await present('oauth_states', 'state_hash', expiredState)).toBe(false);
    expect(await present('oauth_states', 'state_hash', usedState)).toBe(false);
    expect(await present('magic_link_tokens', 'token_hash', liveLink)).toBe(true);
    expect(await present('bootstrap_tokens', 'token_hash', liveBootstrap)).toBe(true);
    expect(await present('web_sessions', 'id_hash', liveSession)).toBe(true);
    expect(await present('oauth_states', 'state_hash', liveState)).toBe(true);
  });
});
