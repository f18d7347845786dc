/**
 * What the cloud's word on a droplet's power means for a VPS (seed §9.7: the power state comes from the cloud, so a
 * droplet powered off or on outside VibeCode shows as it is), and when a power-on that never came back is an error.
 * Pure, so the rules are tested without a cloud or a clock.
 */
import type { VpsStatus } from '@vibecode/schemas';

/**
 * At most one read of a droplet's power per VPS per this period, whoever asks (every open server page re-reads the
 * VPS every 10 s, the cron sweep every 5 min), unless POWER_CHECK_INTERVAL_SECONDS says otherwise. DigitalOcean
 * allows 5,000 requests an hour per token: a user with the five servers an account may have, all open, costs at most
 * 600 an hour; and a change made at DigitalOcean still shows within half a minute, about when a person looks again.
 */
export const POWER_CHECK_INTERVAL_MS = 30_000;

/**
 * A powering-on VPS whose gateway has not said hello this long after the cloud finished the power-on becomes
 * `power_on_timeout` (with Retry). A droplet boots in well under a minute and the gateway starts with it; a
 * provisioning droplet gets 10 minutes because it also installs everything first.
 */
export const POWER_ON_TIMEOUT_MS = 5 * 60_000;

/**
 * Whether only the cloud can say if the droplet is on: its gateway is not connected. A connected gateway proves the
 * droplet runs; the transitions VibeCode itself is driving (provisioning, powering off/on, destroying) are left to
 * their own routes, hello and deadlines.
 */
export function powerInDoubt(status: VpsStatus, gatewayConnected: boolean): boolean {
  return status === 'offline' || status === 'powered_off' || (status === 'ready' && !gatewayConnected);
}

/** A droplet's power as the cloud reports it (DigitalOcean: `active` / `off`). */
export type Power = 'on' | 'off';

/** The status the cloud's power state implies, or null when the status already fits it (or is not ours to move). */
export function statusFromPower(status: VpsStatus, power: Power): VpsStatus | null {
  if (power === 'off' && (status === 'ready' || status === 'offline')) return 'powered_off';
  // On again, but its gateway has not said hello yet: `offline` until it does (the hello makes it ready).
  if (power === 'on' && status === 'powered_off') return 'offline';
  return null;
}

/** `updatedAt` is when the power route last moved it: once the cloud reported the power-on done. */
export function powerOnTimedOut(status: VpsStatus, updatedAt: number, now: number): boolean {
  return status === 'powering_on' && now - updatedAt >= POWER_ON_TIMEOUT_MS;
}
