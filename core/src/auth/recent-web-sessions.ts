/**
 * Web sessions this isolate resolved moments ago, for the terminal sockets' upgrades only. Viewers open in bursts (a
 * browser restoring its tabs, a team opening one session) right after the page that opens them resolved the same
 * cookie, and on one busy runtime every D1 statement waits behind every request that came first: 50 upgrades
 * queued ~50–100 ms on their one shared cookie lookup (bench/README.md, "N viewers"). A hit skips D1 for at most
 * WEB_SESSION_CACHE_MS, and never past the session's own expiry.
 *
 * Why that is safe: an upgrade still needs the hub, and a hub refuses a web session it was told was signed out for
 * longer than this cache keeps anything (`REVOKED_VIEWER_MS`, hub-viewers.ts), so a sign-out handled by another
 * isolate closes the session's viewers and refuses its new ones at once; the isolate that signs a session out
 * forgets it here too. Nothing else reads this cache: every other route resolves its cookie in D1 (`requireUser`).
 */

/** How long a resolved web session is taken as it was. */
export const WEB_SESSION_CACHE_MS = 10_000;
/** Tokens kept at most; past it the oldest goes (it costs that cookie one more lookup). */
const MAX_ENTRIES = 1_000;

export class RecentWebSessions<T extends { expiresAt: number }> {
  /** By the cookie's token, oldest first. Memory only: it goes with the isolate. */
  readonly #entries = new Map<string, { session: T; until: number }>();

  constructor(
    private readonly ttlMs: number = WEB_SESSION_CACHE_MS,
    private readonly maxEntries: number = MAX_ENTRIES,
  ) {}

  /** The session `token` resolved to less than the cache time ago and still live at `now`; undefined otherwise. */
  get(token: string, now: number): T | undefined {
    const hit = this.#entries.get(token);
    if (hit === undefined) return undefined;
    if (now < hit.until && now < hit.session.expiresAt) return hit.session;
    this.#entries.delete(token);
    return undefined;
  }

  /** `token` resolved to `session` at `now`. */
  remember(token: string, session: T, now: number): void {
    this.#entries.delete(token);
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(token, { session, until: now + this.ttlMs });
  }

  /** `token` was signed out here: it resolves in D1 again (and finds nothing). */
  forget(token: string): void {
    this.#entries.delete(token);
  }

  get size(): number {
    return this.#entries.size;
  }
}
