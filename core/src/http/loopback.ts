/**
 * Whether a request was addressed to this machine's loopback interface. Local-only conveniences (the dev outbox,
 * non-`Secure` cookies over plain http) use it: a public host name pointing at a developer's machine (DNS rebinding,
 * a tunnel, a mistaken deploy in local mode) must not reach them.
 */
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `hostname` as `URL.hostname` spells it (IPv6 in brackets). */
export function isLoopbackHostname(hostname: string): boolean {
  return LOOPBACK_HOSTNAMES.has(hostname.toLowerCase());
}

/** The request's URL and, when present, its Host header must both name a loopback host. */
export function isLoopbackRequest(request: Request): boolean {
  if (!isLoopbackHostname(new URL(request.url).hostname)) return false;
  const host = request.headers.get('host');
  if (host === null) return true;
  try {
    return isLoopbackHostname(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}
