/**
 * The same-origin rule of `sameOrigin` (same-origin.ts), alone so that core's ports can hand it to the channels'
 * routes (`RequestChecks.isSameOrigin`) without hono. A missing Origin passes only with `Sec-Fetch-Site: same-origin`
 * (browsers send one or the other).
 */
export function isSameOrigin(request: Request): boolean {
  const expected = new URL(request.url).origin;
  const origin = request.headers.get('origin');
  if (origin !== null) return origin === expected;
  return request.headers.get('sec-fetch-site') === 'same-origin';
}
