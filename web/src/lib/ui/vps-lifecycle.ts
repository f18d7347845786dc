/** What a server's status means for the page: polling, the setup steps, which power button applies, the console. */
import { POWER_OFF_BILLING, type Vps, type VpsStatus } from '@vibecode/schemas';

/** The confirmation before a power off, wherever it is offered (the server page, the idle banner). */
export function powerOffQuestion(name: string): string {
  return `Power off ${name}? Running sessions stop until you power it on again. ${POWER_OFF_BILLING}`;
}

const transitional: ReadonlySet<VpsStatus> = new Set(['provisioning', 'powering_off', 'powering_on', 'destroying']);

/** The page re-reads the server while it is on its way somewhere. */
export function isTransitional(status: VpsStatus): boolean {
  return transitional.has(status);
}

export type StepState = 'done' | 'current' | 'waiting' | 'failed';

export interface SetupStep {
  label: string;
  state: StepState;
}

/**
 * The setup progress shown while a server is provisioning (or timed out doing so). The gateway's record exists from
 * the moment the droplet is ordered; that the gateway is installed shows only once it has reported in (its version).
 */
export function setupSteps(vps: Pick<Vps, 'status' | 'gateway'>): SetupStep[] | null {
  if (vps.status !== 'provisioning' && vps.status !== 'provisioning_timeout') return null;
  const done = [true, (vps.gateway?.version ?? null) !== null, false];
  const labels = ['Server created at DigitalOcean', 'Gateway installed and registered', 'Gateway connected'];
  const current = done.indexOf(false);
  return labels.map((label, i) => ({
    label,
    state: done[i]
      ? 'done'
      : i === current
        ? vps.status === 'provisioning_timeout'
          ? 'failed'
          : 'current'
        : 'waiting',
  }));
}

/** The power action the server offers now, if any (after a timed-out power-on, Retry is its own button). */
export function powerAction(status: VpsStatus): 'off' | 'on' | null {
  if (status === 'ready' || status === 'offline' || status === 'power_on_timeout') return 'off';
  if (status === 'powered_off') return 'on';
  return null;
}

/**
 * How often the open server page re-reads the server (`GET /api/vps/:id`) to follow its connection and power while
 * nothing of its own is moving: the hub learns of a lost gateway at once and the server reads the droplet's power
 * (bounded per VPS), but neither can tell the page, so it asks. 10 s keeps a change visible within seconds of a
 * person looking, for one small request; the poll pauses while the tab is hidden.
 */
export const SERVER_POLL_MS = 10_000;

/**
 * Whether the droplet should be on but its gateway is not connected: then the page offers the cloud's console
 * (seed §3, level 4), the way in that needs neither the gateway nor any setup.
 */
export function gatewayOffline(vps: Pick<Vps, 'status' | 'gateway'>): boolean {
  if (vps.status === 'offline' || vps.status === 'power_on_timeout') return true;
  return vps.status === 'ready' && vps.gateway?.connected === false;
}
