/** Email addresses as sign-in identities: trimmed, lower-cased, plausibly shaped, at most 254 characters. */

const MAX_LENGTH = 254;
// Deliberately loose: the magic link is the real proof; this only rejects what cannot be an address.
const SHAPE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:.]+$/;

export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const email = input.trim().toLowerCase();
  return email.length <= MAX_LENGTH && SHAPE.test(email) ? email : null;
}

/** The address as a page may show it to someone who might not own it: `j•••@example.com` (first letter, domain). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}
