/**
 * What the viewer shows about its link: the status pill, the notice, and the "Retry connection" banner, which
 * turns on once the link has not worked (socket down or gateway offline) for `offlineBannerMs`.
 */
import type { SessionEnded } from '@vibecode/schemas';

export type LinkStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended';

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

const working = (status: LinkStatus) => status === 'connected' || status === 'ended';

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

  get ended(): boolean {
    return this.#state.status === 'ended';
  }

  /** Starts the banner clock, unless it runs already or the banner is up. */
  arm(): void {
    if (this.#bannerTimer !== undefined || this.#state.banner || this.#disposed) return;
    this.#bannerTimer = setTimeout(() => {
      this.#bannerTimer = undefined;
      this.set({ banner: true });
    }, this.offlineBannerMs);
  }

  /** Applies `patch`; a working status hides the banner, any other starts its clock. Reports real changes only. */
  set(patch: Partial<LinkState>): void {
    const next = { ...this.#state, ...patch };
    if (working(next.status)) {
      next.banner = false;
      clearTimeout(this.#bannerTimer);
      this.#bannerTimer = undefined;
    }
    const changed =
      next.status !== this.#state.status || next.banner !== this.#state.banner || next.notice !== this.#state.notice;
    this.#state = next;
    if (!working(next.status)) this.arm();
    if (changed) this.onChange(next);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#bannerTimer);
  }
}
