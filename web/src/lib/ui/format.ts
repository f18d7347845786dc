/** How numbers and states read on the dashboard. */
import type { AgentType, VpsStatus } from '@vibecode/schemas';

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

export function formatUptime(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  return `${minutes}m`;
}

export function percent(used: number, total: number): number {
  return total > 0 ? Math.round((used / total) * 100) : 0;
}

export const vpsStatusLabel: Record<VpsStatus, string> = {
  provisioning: 'Setting up',
  ready: 'Ready',
  offline: 'Offline',
  powering_off: 'Powering off',
  powered_off: 'Powered off',
  powering_on: 'Powering on',
  provisioning_timeout: 'Setup timed out',
  power_on_timeout: 'Did not come back on',
  destroying: 'Destroying',
};

/** Pill colour family for a status: good, busy, bad or idle. */
export function vpsStatusTone(status: VpsStatus): 'good' | 'busy' | 'bad' | 'idle' {
  if (status === 'ready') return 'good';
  if (status === 'offline' || status === 'provisioning_timeout' || status === 'power_on_timeout') return 'bad';
  if (status === 'powered_off') return 'idle';
  return 'busy';
}

export const agentLabel: Record<AgentType, string> = {
  claude: 'Claude Code',
  codex: 'Codex CLI',
  gemini: 'Gemini CLI',
  shell: 'Shell',
};

/** Time left until `expiresAt` (ISO), as "23 h 59 min" / "12 min" / "expired". */
export function timeLeft(expiresAt: string, now: number): string {
  const ms = Date.parse(expiresAt) - now;
  if (!(ms > 0)) return 'expired';
  const minutes = Math.ceil(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  return hours > 0 ? `${hours} h ${minutes % 60} min` : `${minutes} min`;
}
