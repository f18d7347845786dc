/**
 * Signs a user in through the real flow: magic-link request → dev outbox → confirm POST → session cookie.
 * Every call uses its own client IP so the per-IP rate limit never couples tests.
 */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { issueMagicLink } from '../../src/auth/magic-link.ts';
import { sha256Hex } from '../../src/crypto/hash.ts';
import { openDb } from '../../src/db/client.ts';

export const ORIGIN = 'http://localhost';

export type OutboxMessage = { to: string; subject: string; text: string; link: string; sent_at: string };

let ipCounter = 0;
/** A fresh client address (documentation range 198.51.100.0/24 and beyond). */
export function nextIp(): string {
  ipCounter += 1;
  return `198.51.${100 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${crypto.randomUUID()}@example.com`;
}

/**
 * The test module's browser: its sign-in cookie (`auth/sign-in-browser.ts`) goes with every link request and every
 * confirm, so the links it asks for open as "the same browser". A well-formed nonce the server keeps using.
 */
export const BROWSER_NONCE = 'test-browser-nonce-0123456789abcdefABCDEF01';
export const BROWSER_COOKIE = `vibe_signin=${BROWSER_NONCE}`;

/** A live sign-in token for `email`, as if this module's browser had asked for it (no mail, no rate limit). */
export async function issueTestLink(email: string, now = Date.now()): Promise<string> {
  return issueMagicLink(openDb(env.DB), email, now, await sha256Hex(BROWSER_NONCE));
}

/** Asks for a sign-in link as this module's browser, or as `browser` (a Cookie header; '' for a fresh browser). */
export function requestMagicLink(email: string, ip = nextIp(), browser = BROWSER_COOKIE): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}/api/auth/magic-link`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      'cf-connecting-ip': ip,
      ...(browser ? { cookie: browser } : {}),
    },
    body: JSON.stringify({ email }),
  });
}

/** The newest outbox message to `email`, waiting briefly for the `waitUntil` send to land. */
export async function latestMail(email: string): Promise<OutboxMessage> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const res = await exports.default.fetch(`${ORIGIN}/api/dev/outbox`);
    const mail = ((await res.json()) as OutboxMessage[]).find((m) => m.to === email);
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no outbox mail to ${email}`);
}

export function tokenFromLink(link: string): string {
  const token = new URL(link).searchParams.get('token');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/**
 * Posts the confirm form. By default as this module's browser (which asked for the link); `browser` '' for another
 * browser, `confirm` for the extra step such a browser is asked (`auth/sign-in-confirmation.ts`). A `cookie` in
 * `headers` (a session) goes along with the browser's sign-in cookie.
 */
export function confirmSignIn(
  token: string,
  headers: Record<string, string> = {},
  { browser = BROWSER_COOKIE, confirm }: { browser?: string; confirm?: string } = {},
): Promise<Response> {
  const cookie = [browser, headers.cookie].filter(Boolean).join('; ');
  return exports.default.fetch(`${ORIGIN}/auth/verify`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams({ token, ...(confirm ? { confirm } : {}) }).toString(),
    redirect: 'manual',
  });
}

/** `name=value` of the session cookie a response sets (our responses set at most one cookie). */
export function sessionCookieOf(res: Response): string {
  const cookie = res.headers.get('set-cookie');
  if (!cookie?.startsWith('vibe_session=')) throw new Error('no session cookie set');
  return cookie.split(';')[0] as string;
}

export async function signIn(email = uniqueEmail()): Promise<{ cookie: string; userId: string; email: string }> {
  expect((await requestMagicLink(email)).status).toBe(202);
  const res = await confirmSignIn(tokenFromLink((await latestMail(email)).link));
  expect(res.status).toBe(303);
  const cookie = sessionCookieOf(res);
  const me = await exports.default.fetch(`${ORIGIN}/api/me`, { headers: { cookie } });
  const { user } = (await me.json()) as { user: { id: string; email: string } };
  return { cookie, userId: user.id, email: user.email };
}
