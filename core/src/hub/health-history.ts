/**
 * The hub's last hour of `gateway.health`, for the VPS page's chart. Bounded twice: samples older than
 * `HEALTH_HISTORY_MS` are dropped, and past `MAX_HEALTH_SAMPLES` the oldest go first (a gateway reporting
 * faster than every 30 s loses its oldest samples, never the newest).
 */
import type { GatewayHealth } from '@vibecode/schemas';

export const HEALTH_HISTORY_MS = 60 * 60 * 1000;
/** One hour at the gateway's 30 s interval. */
export const MAX_HEALTH_SAMPLES = 120;

/** Flat and short so 120 of them stay a small DO storage value. */
export interface HealthSample {
  at: number;
  cpu: number;
  mem_used: number;
  mem_total: number;
  disk_used: number;
  disk_total: number;
}

export function healthSample(health: GatewayHealth, at: number): HealthSample {
  return {
    at,
    cpu: health.cpu,
    mem_used: health.mem.used,
    mem_total: health.mem.total,
    disk_used: health.disk.used,
    disk_total: health.disk.total,
  };
}

/** The samples of the hour before `now`, oldest first, at most `MAX_HEALTH_SAMPLES`. */
export function recentHealth(history: readonly HealthSample[], now: number): HealthSample[] {
  return history.filter((s) => s.at > now - HEALTH_HISTORY_MS).slice(-MAX_HEALTH_SAMPLES);
}

/** `history` with `sample` appended as the newest, trimmed to the hour and the count before its time. */
export function appendHealth(history: readonly HealthSample[], sample: HealthSample): HealthSample[] {
  return recentHealth([...history.filter((s) => s.at <= sample.at), sample], sample.at);
}
