/** `POST /api/auth/magic-link`, `POST /api/auth/logout`, `GET /api/me`. */
import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { normalizeEmail } from '../auth/email-address.ts';
import { issueMagicLink } from '../auth/magic-link.ts';
import { hit, MAGIC_LINK_PER_EMAIL, MAGIC_LINK_PER_IP } from '../auth/rate-limit.ts';
import { requireUser, securesCookies, sessionToken } from '../auth/require-user.ts';
import { clearSessionCookie } from '../auth/session-cookie.ts';
import { revokeWebSession } from '../auth/web-session.ts';
import { sha256Hex } from '../crypto/hash.ts';
import { openDb } from '../db/client.ts';
import { createEmailSender } from '../email/create-sender.ts';
import { signInEmail } from '../email/sign-in-email.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { sameOrigin } from '../http/same-origin.ts';

export function authRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  // The answer is the same whether or not the address has an account: nothing here reads the users table.
  routes.post('/api/auth/magic-link', sameOrigin(), async (c) => {
    const invalidEmail = new ApiError(400, 'auth.invalid_email', 'email must be an email address');
    const email = normalizeEmail((await readApiBody(c, 'POST /api/auth/magic-link', { email: invalidEmail })).email);
    if (!email) throw invalidEmail;
    const now = Date.now();
    const ip = c.req.header('cf-connecting-ip') ?? 'unknown';
    for (const [rule, subject] of [
      [MAGIC_LINK_PER_IP, ip],
      [MAGIC_LINK_PER_EMAIL, await sha256Hex(email)],
    ] as const) {
      const decision = await hit(c.env.KV, rule, subject, now);
      if (!decision.allowed) {
        c.get('log').warn('sign-in rate limited', { rule: rule.name });
        throw new ApiError(429, 'auth.rate_limited', 'too many sign-in requests, try again later', {
          'Retry-After': String(decision.retryAfterSeconds),
        });
      }
    }
    const token = await issueMagicLink(openDb(c.env.DB), email, now);
    const log = c.get('log');
    const config = c.get('config');
    const sender = createEmailSender(config.email, { kv: c.env.KV, log });
    // PUBLIC_URL is required outside local mode, so a forged Host header never decides where the link points.
    const origin = config.publicUrl ?? new URL(c.req.url).origin;
    c.executionCtx.waitUntil(
      sender
        .send(signInEmail(email, origin, token))
        .catch((error: Error) => log.error('sign-in email failed', { error: error.message })),
    );
    return c.json({ ok: true } satisfies ApiResponse<'POST /api/auth/magic-link'>, 202);
  });

  routes.post('/api/auth/logout', sameOrigin(), async (c) => {
    const token = sessionToken(c);
    if (token) await revokeWebSession(openDb(c.env.DB), token);
    c.header('Set-Cookie', clearSessionCookie(securesCookies(c)));
    return c.json({ ok: true } satisfies ApiResponse<'POST /api/auth/logout'>);
  });

  routes.get('/api/me', requireUser, (c) => c.json({ user: c.get('user') } satisfies ApiResponse<'GET /api/me'>));

  return routes;
}
