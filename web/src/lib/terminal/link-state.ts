/**
 * What the viewer shows about its link: the status pill, the notice, and the "Retry connection" banner, which
 * turns on once the link has not worked (socket down or gateway offline) for `offlineBannerMs`.
 */
import type { SessionEnded, SessionExited } from '@vibecode/schemas';

/** `exited`: the session's program ended; its screen stays readable and nothing typed is sent until a restart. */
export type LinkStatus = 'connecting' | 'connected' | 'exited' | 'reconnecting' | 'offline' | 'ended' | 'signed-out';

/** How the session's program ended, as the gateway said. */
export type LinkExit = Pick<SessionExited, 'code' | 'signal' | 'lines'>;

export interface LinkState {
  status: LinkStatus;
  /** The link has not worked for `offlineBannerMs`: show "Retry connection". */
  banner: boolean;
  /** The last error the hub or gateway reported about this session, safe to show. */
  notice: string | null;
  /** Set while the session is exited (kept across a reconnect until the session says it runs again). */
  exit: LinkExit | null;
  /** Why the session ended, once it has: `lost` means it stopped with its server and can be restarted. */
  endedReason: SessionEnded['reason'] | null;
}

export const INITIAL_LINK_STATE: LinkState = {
  status: 'connecting',
  banner: false,
  notice: null,
  exit: null,
  endedReason: null,
};

/** "code 3" or "signal SIGKILL": how a program ended, in the words the list and the pill share. */
export function exitReason(exit: Pick<LinkExit, 'code' | 'signal'>): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code ?? '?'}`;
}

const STATUS_LABELS: Record<Exclude<LinkStatus, 'exited'>, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Server offline',
  ended: 'Session ended',
  'signed-out': 'Signed out',
};

/** The status pill's text, e.g. "Connected" or "Exited (code 3)". */
export function pillText(state: Pick<LinkState, 'status' | 'exit'>): string {
  if (state.status === 'exited') return state.exit ? `Exited (${exitReason(state.exit)})` : 'Exited';
  return STATUS_LABELS[state.status];
}

/** What the viewer reads when its session ends, by the gateway's reason (a record, so a new reason needs copy). */
const ENDED_NOTICES: Record<SessionEnded['reason'], string> = {
  ended: 'This session was ended.',
  exited: 'The program in this session exited.',
  lost: 'This session stopped with its server (powered off or restarted).',
};

export function endedNotice(reason: SessionEnded['reason']): string {
  return ENDED_NOTICES[reason];
}

/** The browser's web session was signed out or revoked: only a new sign-in reopens the terminal. */
export const SIGNED_OUT_NOTICE = 'You were signed out. Sign in again to reopen this terminal.';

/** Statuses that need no "Retry connection": the link works, or retrying cannot help. */
const settled = (status: LinkStatus) =>
  status === 'connected' || status === 'exited' || status === 'ended' || status === 'signed-out';

export class LinkStateTracker {
  #state: LinkState = INITIAL_LINK_STATE;
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
      next.status !== this.#state.status ||
      next.banner !== this.#state.banner ||
      next.notice !== this.#state.notice ||
      next.exit !== this.#state.exit ||
      next.endedReason !== this.#state.endedReason;
    this.#state = next;
    if (!settled(next.status)) this.arm();
    if (changed) this.onChange(next);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#bannerTimer);
  }
}
