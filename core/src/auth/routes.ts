/** `POST /api/auth/magic-link`, `POST /api/auth/logout`, `GET /api/me`. */
import { type ApiResponse, safeNextPath } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { openDb } from '../db/client.ts';
import { createEmailSender } from '../email/create-sender.ts';
import { signInEmail } from '../email/sign-in-email.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { normalizeEmail } from './email-address.ts';
import { issueMagicLink } from './magic-link.ts';
import { retryAfterText } from './rate-limit.ts';
import { checkRateLimits } from './rate-limit-check.ts';
import { requireUser, securesCookies, sessionToken } from './require-user.ts';
import { clearSessionCookie } from './session-cookie.ts';
import { serializeSignInCookie, signInNonce } from './sign-in-browser.ts';
import { GLOBAL_SHARDS, signInCounters } from './sign-in-limits.ts';
import { signOut } from './sign-out.ts';

export function authRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  // The answer is the same whether or not the address has an account: nothing here reads the users table.
  routes.post('/api/auth/magic-link', sameOrigin(), async (c) => {
    const invalidEmail = new ApiError(400, 'auth.invalid_email', 'email must be an email address');
    const body = await readApiBody(c, 'POST /api/auth/magic-link', { email: invalidEmail });
    const email = normalizeEmail(body.email);
    if (!email) throw invalidEmail;
    // The schema's pattern already refuses an unsafe `next`; this is the same rule, applied where it is used.
    const next = body.next === undefined ? null : safeNextPath(body.next);
    if (body.next !== undefined && next === null) {
      throw new ApiError(400, 'http.invalid_body', 'next must be a path on this site');
    }
    const now = Date.now();
    const shard = Math.floor(Math.random() * GLOBAL_SHARDS);
    const counters = signInCounters({ ip: c.req.header('cf-connecting-ip'), email }, shard);
    const refusal = await checkRateLimits(c.env.RATE_LIMITER, counters, now);
    if (refusal) {
      c.get('log').warn('sign-in rate limited', { rule: refusal.rule });
      throw new ApiError(
        429,
        'auth.rate_limited',
        `too many sign-in requests, ${retryAfterText(refusal.retryAfterSeconds)}`,
        { 'Retry-After': String(refusal.retryAfterSeconds) },
      );
    }
    // Binds the link to this browser (login CSRF, `sign-in-browser.ts`): same answer for known and unknown addresses.
    const secure = securesCookies(c);
    const nonce = signInNonce(c.req.header('cookie'), secure);
    const token = await issueMagicLink(openDb(c.env.DB), email, now, await sha256Hex(nonce));
    const log = c.get('log');
    const config = c.get('config');
    const sender = createEmailSender(config.email, { kv: c.env.KV, log });
    // PUBLIC_URL is required outside local mode, so a forged Host header never decides where the link points.
    const origin = config.publicUrl ?? new URL(c.req.url).origin;
    c.executionCtx.waitUntil(
      sender
        .send(signInEmail(email, origin, token, next))
        .catch((error: Error) => log.error('sign-in email failed', { error: error.message })),
    );
    c.header('Set-Cookie', serializeSignInCookie(nonce, secure));
    return c.json({ ok: true } satisfies ApiResponse<'POST /api/auth/magic-link'>, 202);
  });

  routes.post('/api/auth/logout', sameOrigin(), async (c) => {
    const token = sessionToken(c);
    if (token) await signOut(c, token);
    c.header('Set-Cookie', clearSessionCookie(securesCookies(c)));
    return c.json({ ok: true } satisfies ApiResponse<'POST /api/auth/logout'>);
  });

  routes.get('/api/me', requireUser, (c) => c.json({ user: c.get('user') } satisfies ApiResponse<'GET /api/me'>));

  return routes;
}
