/**
 * Link codes: what `POST /api/telegram/link` hands the signed-in user and the bot receives as `/start <code>`.
 * 128 random bits as 22 base64url characters (a deep link's start parameter allows up to 64 of A-Z a-z 0-9 _ -),
 * single use, 10 minutes; only the SHA-256 is stored, so a database read does not yield a usable code.
 */
import { bytesToBase64Url, bytesToHex } from '@vibecode/schemas/encoding';

export const LINK_CODE_TTL_MS = 10 * 60_000;
const CODE_BYTES = 16;
const WELL_FORMED = /^[A-Za-z0-9_-]{22}$/;

/** `fill` is `crypto.getRandomValues` outside tests. */
export function newLinkCode(fill: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  return bytesToBase64Url(fill(new Uint8Array(CODE_BYTES)));
}

/** Anything else is refused before a lookup: a `/start` payload is whatever a user typed. */
export function isWellFormedLinkCode(code: string): boolean {
  return WELL_FORMED.test(code);
}

export async function linkCodeHash(code: string): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code))));
}

export function linkCodeExpiry(now: number): number {
  return now + LINK_CODE_TTL_MS;
}

/** The deep link that opens the bot's chat and sends `/start <code>`. */
export function startUrl(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=${code}`;
}
