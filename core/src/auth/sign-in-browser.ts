/**
 * Login CSRF defence: the browser that asks for a sign-in link gets a random nonce in a short-lived cookie
 * (`__Host-vibe_signin; Path=/; HttpOnly; Secure; SameSite=Lax`, or `vibe_signin` without `Secure` on local plain-http
 * loopback, like the session cookie), and the link's row stores the nonce's SHA-256. A link opened where that cookie
 * is missing or different was asked for elsewhere: the confirm page names the address and asks again
 * (`sign-in-confirmation.ts`). `Lax`, so the cookie comes along when the link is opened from a mail client.
 */
import { sha256Hex } from '../crypto/hash.ts';
import { isWellFormedToken, randomToken } from '../crypto/random-token.ts';
import { MAGIC_LINK_TTL_MS, NO_BROWSER } from './magic-link.ts';

export function signInCookieName(secure: boolean): string {
  return secure ? '__Host-vibe_signin' : 'vibe_signin';
}

/** The nonce this browser already carries (reused, so two links asked for in one browser both match), or a new one. */
export function signInNonce(cookieHeader: string | null | undefined, secure: boolean): string {
  const name = signInCookieName(secure);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) {
      const value = pair.slice(eq + 1).trim();
      if (isWellFormedToken(value)) return value;
    }
  }
  return randomToken();
}

/** The cookie lives as long as the link it was set for. */
export function serializeSignInCookie(nonce: string, secure: boolean): string {
  const attributes = [`${signInCookieName(secure)}=${nonce}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  attributes.push(`Max-Age=${MAGIC_LINK_TTL_MS / 1000}`);
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** Whether the request comes from the browser a link with `browserHash` was asked for in. */
export async function isSameBrowser(
  browserHash: string,
  cookieHeader: string | null | undefined,
  secure: boolean,
): Promise<boolean> {
  if (browserHash === NO_BROWSER) return false;
  // Hashes compared, not secrets: timing can reveal no more than a hash. A fresh nonce (no cookie) matches no row.
  return (await sha256Hex(signInNonce(cookieHeader, secure))) === browserHash;
}
