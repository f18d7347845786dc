/**
 * `GET /auth/verify?token=` shows a confirm page and only its `POST` consumes the token, so mail scanners that
 * follow links cannot burn them. The POST is a plain HTML form post: same-origin check, form content type.
 * Login CSRF: a link opened in a browser other than the one that asked for it needs an extra confirmation naming the
 * masked address, and one more to switch a browser signed in as someone else (`sign-in-confirmation.ts`); both pages
 * decide it afresh, so a forged form cannot skip a step. On success the user is signed in with a fresh session (any
 * session cookie sent along is revoked: rotation at login) and sent with a 303 to the `next` path the link carries
 * (where the person was going when sign-in began; a same-origin path only, `safeNextPath`), else to `/`.
 */
import { safeNextPath } from '@vibecode/schemas';
import { type Context, Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { isWellFormedToken } from '../crypto/random-token.ts';
import { type Db, openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readBoundedText } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { mediaType, sameOrigin } from '../http/same-origin.ts';
import { consumeMagicLink, type MagicLink, peekMagicLink } from './magic-link.ts';
import { securesCookies, sessionToken } from './require-user.ts';
import { serializeSessionCookie } from './session-cookie.ts';
import { isSameBrowser } from './sign-in-browser.ts';
import { type Confirmation, isConfirmed, requiredConfirmation } from './sign-in-confirmation.ts';
import { signOut } from './sign-out.ts';
import { findOrCreateUser } from './users.ts';
import { confirmPage, invalidLinkPage } from './verify-html.ts';
import { createWebSession, resolveWebSession, WEB_SESSION_TTL_MS } from './web-session.ts';

/** A token, a confirm value and a `next` path (≤ NEXT_PATH_MAX characters, up to 3 bytes each form-encoded). */
export const MAX_FORM_BYTES = 4096;

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

type Situation = { required: Confirmation; signedInAs: string | null };

/** What this browser must confirm for `link`: whether it asked for the link, and who it is signed in as. */
async function situationOf(c: Context<AppEnv>, db: Db, link: MagicLink, now: number): Promise<Situation> {
  const sameBrowser = await isSameBrowser(link.browserHash, c.req.header('cookie'), securesCookies(c));
  const session = sessionToken(c);
  const signedInAs = (session && (await resolveWebSession(db, session, now))?.user.email) || null;
  return { required: requiredConfirmation({ sameBrowser, signedInAs, linkEmail: link.email }), signedInAs };
}

export function verifyRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/auth/verify', async (c) => {
    const token = c.req.query('token');
    const next = safeNextPath(c.req.query('next'));
    if (!isWellFormedToken(token)) return html(invalidLinkPage(next), 400);
    const db = openDb(c.env.DB);
    const now = Date.now();
    const link = await peekMagicLink(db, token, now);
    if (!link) return html(invalidLinkPage(next), 400);
    const { required, signedInAs } = await situationOf(c, db, link, now);
    return html(confirmPage(token, required, link.email, signedInAs, next), 200);
  });

  routes.post('/auth/verify', sameOrigin({ json: false }), async (c) => {
    if (mediaType(c.req.header('content-type')) !== 'application/x-www-form-urlencoded') {
      throw new ApiError(415, 'http.unsupported_media_type', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(await readBoundedText(c.req.raw, MAX_FORM_BYTES));
    const token = form.get('token') ?? c.req.query('token') ?? '';
    const next = safeNextPath(form.get('next'));
    const db = openDb(c.env.DB);
    const now = Date.now();
    const link = await peekMagicLink(db, token, now);
    if (!link) return html(invalidLinkPage(next), 400);
    const { required, signedInAs } = await situationOf(c, db, link, now);
    // Not confirmed enough (a forged or stale form): ask again; the token stays unused.
    if (!isConfirmed(form.get('confirm'), required)) {
      return html(confirmPage(token, required, link.email, signedInAs, next), 200);
    }
    const email = await consumeMagicLink(db, token, now);
    if (!email) return html(invalidLinkPage(next), 400);

    const user = await findOrCreateUser(db, email, now);
    addLogFields(c, { user_id: user.id });
    const previous = sessionToken(c);
    // The session it replaces ends as a sign-out does: its viewer sockets close, and no hub takes new ones.
    if (previous) await signOut(c, previous);
    const session = await createWebSession(db, user.id, now);
    c.get('log').info('signed in', { confirmed: required });
    return new Response(null, {
      status: 303,
      headers: {
        location: next ?? '/',
        'cache-control': 'no-store',
        'set-cookie': serializeSessionCookie(session, securesCookies(c), WEB_SESSION_TTL_MS / 1000),
      },
    });
  });

  return routes;
}
