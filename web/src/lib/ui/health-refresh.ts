/**
 * When the server page re-reads its health. The gateway reports every 30 s (its `VIBE_HEALTH_INTERVAL_S`), so
 * the page asks for `GET /api/vps/:id/health` at that period too: one request at a time, the next a period after
 * the last one finished; nothing while the tab is hidden (coming back asks at once when a period has passed,
 * else when it ends); nothing after `stop()`. The page starts it right after its own load, so the first refresh
 * comes a period later.
 */

export const HEALTH_REFRESH_MS = 30_000;

/** Time as the refresher sees it; `after` returns a function that cancels the timer. */
export interface RefreshClock {
  now(): number;
  after(ms: number, run: () => void): () => void;
}

export const systemClock: RefreshClock = {
  now: () => Date.now(),
  after: (ms, run) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

export interface HealthRefreshOptions {
  /** Whether the tab is visible at the start. */
  visible: boolean;
  clock?: RefreshClock;
  intervalMs?: number;
}

export class HealthRefresh {
  readonly #load: () => Promise<void>;
  readonly #clock: RefreshClock;
  readonly #intervalMs: number;
  #visible: boolean;
  #lastAt: number;
  #cancel: (() => void) | undefined;
  #loading = false;
  #stopped = false;

  /** `load` fetches and shows the health; it handles its own errors (a rejection still schedules the next). */
  constructor(load: () => Promise<void>, options: HealthRefreshOptions) {
    this.#load = load;
    this.#clock = options.clock ?? systemClock;
    this.#intervalMs = options.intervalMs ?? HEALTH_REFRESH_MS;
    this.#visible = options.visible;
    this.#lastAt = this.#clock.now();
    this.#schedule();
  }

  /** The tab was hidden or shown (`document.visibilityState`). */
  setVisible(visible: boolean): void {
    this.#visible = visible;
    if (visible) this.#schedule();
    else this.#unschedule();
  }

  stop(): void {
    this.#stopped = true;
    this.#unschedule();
  }

  #schedule(): void {
    if (this.#stopped || !this.#visible || this.#loading || this.#cancel) return;
    const wait = Math.max(0, this.#lastAt + this.#intervalMs - this.#clock.now());
    this.#cancel = this.#clock.after(wait, () => {
      this.#cancel = undefined;
      void this.#refresh();
    });
  }

  #unschedule(): void {
    this.#cancel?.();
    this.#cancel = undefined;
  }

  async #refresh(): Promise<void> {
    this.#loading = true;
    try {
      await this.#load();
    } catch {
      // The page keeps what it showed; the next period tries again.
    } finally {
      this.#loading = false;
      this.#lastAt = this.#clock.now();
      this.#schedule();
    }
  }
}
