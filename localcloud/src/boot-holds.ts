/**
 * Test-only boot holds: the next `count` created droplets come up `active` but never start their gateway, like a
 * droplet whose cloud-init failed before the gateway's unit ran — what the control plane's provisioning timeout is
 * for. Set through `POST /_localcloud/boot-holds`; nothing in DigitalOcean's API corresponds to it.
 */
import { DROPLET_LIMIT } from './limits.ts';

/** More holds than droplets that can exist at once is a test bug, refused with 400. */
export const MAX_BOOT_HOLDS = DROPLET_LIMIT;

export class BootHolds {
  private remaining = 0;

  /** Replaces the pending holds with `count`; a string says what is wrong with the input. */
  set(input: Record<string, unknown>): number | string {
    const { count } = input;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BOOT_HOLDS) {
      return `count must be an integer from 1 to ${MAX_BOOT_HOLDS}`;
    }
    this.remaining = count;
    return count;
  }

  clear(): void {
    this.remaining = 0;
  }

  /** Consumes one hold for a droplet being created: true when that droplet must never start its gateway. */
  take(): boolean {
    if (this.remaining === 0) return false;
    this.remaining -= 1;
    return true;
  }
}
