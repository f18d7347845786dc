/**
 * What the viewer shows about its link: the status pill, the notice, and the "Retry connection" banner, which
 * turns on once the link has not worked (socket down or gateway offline) for `offlineBannerMs`.
 */
import type { SessionEnded } from '@vibecode/schemas';

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended' | 'signed-out';

export interface LinkState {
  status: LinkStatus;
  /** The link has not worked for `offlineBannerMs`: show "Retry connection". */
  banner: boolean;
  /** The last error the hub or gateway reported about this session, safe to show. */
  notice: string | null;
}

/** What the viewer reads when its session ends, by the gateway's reason (a record, so a new reason needs copy). */
const ENDED_NOTICES: Record<SessionEnded['reason'], string> = {
  ended: 'This session was ended.',
  exited: 'The program in this session exited.',
  lost: 'This session is gone: its server restarted.',
};

export function endedNotice(reason: SessionEnded['reason']): string {
  return ENDED_NOTICES[reason];
}

/** The browser's web session was signed out or revoked: only a new sign-in reopens the terminal. */
export const SIGNED_OUT_NOTICE = 'You were signed out. Sign in again to reopen this terminal.';

/** Statuses that need no "Retry connection": the link works, or retrying cannot help. */
const settled = (status: LinkStatus) => status === 'connected' || status === 'ended' || status === 'signed-out';

export class LinkStateTracker {
  #state: LinkState = { status: 'connecting', banner: false, notice: null };
  #bannerTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(
    readonly offlineBannerMs: number,
    private readonly onChange: (state: LinkState) => void,
  ) {}

  get state(): LinkState {
    return this.#state;
  }

  /** Nothing more will flow: the session ended, or this browser was signed out. */
  get ended(): boolean {
    return this.#state.status === 'ended' || this.#state.status === 'signed-out';
  }

  /** Starts the banner clock, unless it runs already or the banner is up. */
  arm(): void {
    if (this.#bannerTimer !== undefined || this.#state.banner || this.#disposed) return;
    this.#bannerTimer = setTimeout(() => {
      this.#bannerTimer = undefined;
      this.set({ banner: true });
    }, this.offlineBannerMs);
  }

  /** Applies `patch`; a settled status hides the banner, any other starts its clock. Reports real changes only. */
  set(patch: Partial<LinkState>): void {
    const next = { ...this.#state, ...patch };
    if (settled(next.status)) {
      next.banner = false;
      clearTimeout(this.#bannerTimer);
      this.#bannerTimer = undefined;
    }
    const changed =
      next.status !== this.#state.status || next.banner !== this.#state.banner || next.notice !== this.#state.notice;
    this.#state = next;
    if (!settled(next.status)) this.arm();
    if (changed) this.onChange(next);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#bannerTimer);
  }
}
