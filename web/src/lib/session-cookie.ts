/**
 * The names of the control plane's session cookie (`core/src/auth/session-cookie.ts`: `__Host-` + Secure
 * everywhere, the bare name only on plain-http loopback in local mode). The web app only looks at whether one is
 * present, to skip the landing page; the API decides whether it is valid.
 */
export const SESSION_COOKIE_NAMES = ['__Host-vibe_session', 'vibe_session'] as const;

export function hasSessionCookie(get: (name: string) => string | undefined): boolean {
  return SESSION_COOKIE_NAMES.some((name) => Boolean(get(name)));
}
