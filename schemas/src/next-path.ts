/**
 * Where a person goes after signing in: a path on this site only. The sign-in page, the mailed link, its confirm
 * page and the redirect after it all carry one, so each end checks it with this one rule (the API schema's
 * `next` pattern says the same, `next-path.test.ts` holds them together). An open redirect would let a phishing
 * mail send someone who just signed in to a look-alike site.
 */

/** Longest `next` kept: a deep link's path and query, never a data blob. */
export const NEXT_PATH_MAX = 1024;

// One leading `/` not followed by `/` or `\` (both make a protocol-relative URL in browsers); nowhere a backslash,
// whitespace or control character (browsers drop tabs and newlines from URLs, so `/\t/evil.example` is `//…`).
const SAFE = /^\/(?![/\\])[^\\\s\p{Cc}]*$/u;

/**
 * `value` when it is a same-origin path (`/vps/1?x=y#z`), else null: `//host`, `/\host`, `https:`, `javascript:`…
 * A reference that starts with one `/` and holds no backslash, space or control character is a path on whatever
 * origin reads it: it has no scheme, and no authority (that needs `//`, which browsers also read from `/\`).
 */
export function safeNextPath(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.length <= NEXT_PATH_MAX && SAFE.test(value) ? value : null;
}
