/**
 * The webhook's one check: `X-Telegram-Bot-Api-Secret-Token` must equal the configured secret. Compared in constant
 * time on equal-length bytes (workerd's `crypto.subtle.timingSafeEqual` throws on unequal lengths); a different length
 * is a mismatch, which tells an attacker only the length. A missing header, or no secret at all, is a mismatch.
 */

/** workerd's `crypto.subtle.timingSafeEqual`, a parameter so the rule is tested outside workerd too. */
export type TimingSafeEqual = (a: Uint8Array, b: Uint8Array) => boolean;

export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

const encoder = new TextEncoder();

export function secretMatches(given: string | null | undefined, expected: string, equal: TimingSafeEqual): boolean {
  if (given === null || given === undefined || expected === '') return false;
  const a = encoder.encode(given);
  const b = encoder.encode(expected);
  if (a.byteLength !== b.byteLength) return false;
  return equal(a, b);
}
