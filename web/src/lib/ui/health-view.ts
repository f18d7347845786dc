/**
 * `GET /api/vps/:id/health` and `GET /api/vps/:id` as the health panel shows them: the latest report (with when the
 * hub got it), and whether it is stale — older than two of the gateway's report intervals when the server last answered.
 */
import type { Health, HealthSample, VpsHealth } from '@vibecode/schemas';

/** The gateway's default report interval (its `VIBE_HEALTH_INTERVAL_S`, 30): what a page without history assumes. */
export const DEFAULT_REPORT_INTERVAL_MS = 30_000;
/** A report is stale once this many intervals have passed without the next one. */
export const STALE_AFTER_INTERVALS = 2;
/** Enough recent gaps for a median that one reconnect's early report does not move. */
const INTERVAL_GAPS = 9;

/** The latest report, or null when none has arrived yet. */
export function latestHealth(view: Pick<VpsHealth, 'health' | 'health_at'>): Health | null {
  if (view.health === null || view.health_at === null) return null;
  const { cpu, mem, disk, uptime, last_activity_at } = view.health;
  return { cpu, mem, disk, uptime, last_activity_at, reported_at: view.health_at };
}

/** The later of two reports (the server page reads health from two routes), or whichever there is. */
export function newestHealth(a: Health | null, b: Health | null): Health | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(b.reported_at) > Date.parse(a.reported_at) ? b : a;
}

/**
 * How often this gateway reports: the median gap between the hub's recent samples (a gateway's interval is its own
 * setting, so it is measured rather than assumed), or the default with fewer than two samples.
 */
export function reportInterval(history: readonly Pick<HealthSample, 'at'>[]): number {
  const times = history.slice(-(INTERVAL_GAPS + 1)).map((s) => Date.parse(s.at));
  const gaps = times
    .slice(1)
    .map((t, i) => t - (times[i] as number))
    .filter((gap) => gap > 0)
    .sort((x, y) => x - y);
  if (gaps.length === 0) return DEFAULT_REPORT_INTERVAL_MS;
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}

/**
 * Whether `health` was already stale when the server last answered the page (`checkedAt`, the server's `checked_at`):
 * more than two intervals old then. Both times are the server's clock, so a browser's wrong clock cannot make a
 * report look stale or fresh; and judged at the last answer, not at every tick, a gateway that reports faster than
 * the page asks never looks stale between two answers.
 */
export function isStale(health: Pick<Health, 'reported_at'>, checkedAt: number, intervalMs: number): boolean {
  return checkedAt - Date.parse(health.reported_at) > STALE_AFTER_INTERVALS * intervalMs;
}
