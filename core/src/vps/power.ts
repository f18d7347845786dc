/**
 * Which power action a VPS in a given status accepts, and the status it passes through. Pure, so the rules are
 * tested without a cloud. Anything else is a typed 409: a power action never races another one.
 */
import type { PowerRequest, VpsStatus } from '@vibecode/schemas';

export type PowerAction = PowerRequest['action'];

export interface PowerPlan {
  /** Status while the cloud runs the action. */
  during: VpsStatus;
  /** Status once the cloud reports it done (`on`: the hub makes it `ready` when the gateway says hello). */
  after: VpsStatus;
}

export function planPower(status: VpsStatus, action: PowerAction): PowerPlan | null {
  // A power-on that timed out may be a droplet that is on without its gateway: it can be powered off, or on again.
  if (action === 'off' && (status === 'ready' || status === 'offline' || status === 'power_on_timeout')) {
    return { during: 'powering_off', after: 'powered_off' };
  }
  if (action === 'on' && (status === 'powered_off' || status === 'power_on_timeout')) {
    return { during: 'powering_on', after: 'powering_on' };
  }
  return null;
}
