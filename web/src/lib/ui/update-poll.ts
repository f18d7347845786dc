/**
 * How the server page follows an update: it re-reads the server every UPDATE_POLL_MS while the update runs, on
 * HealthRefresh's rules (one request at a time, none while the tab is hidden, at once on coming back when a period
 * has passed, nothing after `stop()`), and gives up after UPDATE_POLL_MAX_MS whatever the server says. The server
 * ends a silent update after 5 minutes, so the page normally stops on its own well before that bound.
 */
import { HealthRefresh, type RefreshClock, systemClock } from './health-refresh.ts';

export const UPDATE_POLL_MS = 2000;
export const UPDATE_POLL_MAX_MS = 15 * 60_000;

export interface UpdatePollOptions {
  visible: boolean;
  clock?: RefreshClock;
  intervalMs?: number;
  maxMs?: number;
}

export class UpdatePoll {
  readonly #refresh: HealthRefresh;

  /** `load` re-reads the server and shows it; it handles its own errors. */
  constructor(load: () => Promise<void>, options: UpdatePollOptions) {
    const clock = options.clock ?? systemClock;
    const deadline = clock.now() + (options.maxMs ?? UPDATE_POLL_MAX_MS);
    this.#refresh = new HealthRefresh(
      async () => {
        if (clock.now() >= deadline) {
          this.stop();
          return;
        }
        await load();
      },
      { visible: options.visible, clock, intervalMs: options.intervalMs ?? UPDATE_POLL_MS },
    );
  }

  setVisible(visible: boolean): void {
    this.#refresh.setVisible(visible);
  }

  stop(): void {
    this.#refresh.stop();
  }
}
