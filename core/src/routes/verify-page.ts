/**
 * `GET /auth/verify?token=` shows a confirm page and only its `POST` consumes the token, so mail scanners that
 * follow links cannot burn them. The POST is a plain HTML form post: same-origin check, form content type.
 * On success the user is signed in with a fresh session (any session cookie sent along is revoked: rotation
 * at login) and sent to `/` with a 303.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { consumeMagicLink } from '../auth/magic-link.ts';
import { securesCookies, sessionToken } from '../auth/require-user.ts';
import { serializeSessionCookie } from '../auth/session-cookie.ts';
import { findOrCreateUser } from '../auth/users.ts';
import { createWebSession, revokeWebSession, WEB_SESSION_TTL_MS } from '../auth/web-session.ts';
import { isWellFormedToken } from '../crypto/random-token.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readBoundedText } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { mediaType, sameOrigin } from '../http/same-origin.ts';
import { confirmPage, invalidLinkPage } from './verify-html.ts';

const MAX_FORM_BYTES = 1024;

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // Keeps the token in this URL from leaking to other origins. Not `no-referrer`: under that policy browsers
  // send `Origin: null` with the form post, which the same-origin check must refuse.
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
};

const html = (body: string, status: 200 | 400) => new Response(body, { status, headers: pageHeaders });

export function verifyRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/auth/verify', (c) => {
    const token = c.req.query('token');
    return isWellFormedToken(token) ? html(confirmPage(token), 200) : html(invalidLinkPage(), 400);
  });

  routes.post('/auth/verify', sameOrigin({ json: false }), async (c) => {
    if (mediaType(c.req.header('content-type')) !== 'application/x-www-form-urlencoded') {
      throw new ApiError(415, 'http.unsupported_media_type', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await readBoundedText(c.req.raw, MAX_FORM_BYTES));
    const token = form.get('token') ?? c.req.query('token') ?? '';
    const db = openDb(c.env.DB);
    const now = Date.now();
    const email = await consumeMagicLink(db, token, now);
    if (!email) return html(invalidLinkPage(), 400);

    const user = await findOrCreateUser(db, email, now);
    addLogFields(c, { user_id: user.id });
    const previous = sessionToken(c);
    if (previous) await revokeWebSession(db, previous);
    const session = await createWebSession(db, user.id, now);
    c.get('log').info('signed in');
    return new Response(null, {
      status: 303,
      headers: {
        location: '/',
        'cache-control': 'no-store',
        'set-cookie': serializeSessionCookie(session, securesCookies(c), WEB_SESSION_TTL_MS / 1000),
      },
    });
  });

  return routes;
}
