/**
 * The cloud call behind `POST /api/vps/:id/power`. Retry after a timed-out power-on is "power on again": a droplet
 * that is off is powered on; one that is on without its gateway is power-cycled, since DigitalOcean refuses to power
 * on a droplet that is already on, and a fresh boot starts the gateway again.
 */
import type { VpsStatus } from '@vibecode/schemas';
import type { CloudProvider } from '../cloud/provider.ts';
import type { PowerAction } from './power.ts';

type PowerCalls = Pick<CloudProvider, 'powerOff' | 'powerOn' | 'powerCycle' | 'getServer'>;

export async function runPowerAction(
  provider: PowerCalls,
  accessToken: string,
  dropletId: string,
  action: PowerAction,
  status: VpsStatus,
): Promise<void> {
  if (action === 'off') return provider.powerOff(accessToken, dropletId);
  if (status === 'power_on_timeout' && (await provider.getServer(accessToken, dropletId)).status === 'active') {
    return provider.powerCycle(accessToken, dropletId);
  }
  return provider.powerOn(accessToken, dropletId);
}
