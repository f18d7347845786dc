/**
 * Resident memory of the processes that serve a system, grouped by role (the machine's server process, workerd,
 * tmux), sampled while something runs: the peak is what a box must have, not an average.
 */
import { rssBytes } from './processes.ts';

export type ProcessRole = 'server' | 'workerd' | 'tmux';
export type Roles = Partial<Record<ProcessRole, number[]>>;
export type RoleBytes = Partial<Record<ProcessRole, number>>;

/** Why a system has no process in a role: the table's n/a reason, the same in every row. */
export const ROLE_ABSENT: Record<ProcessRole, string> = {
  server: 'no server process: tmux itself serves the sessions (its own row)',
  workerd: 'no Worker: the server on the machine is all there is',
  tmux: 'does not run tmux',
};

/** The sum over a role's processes; processes that already exited count 0. */
export function rssNow(roles: Roles): RoleBytes {
  const out: RoleBytes = {};
  for (const [role, pids] of Object.entries(roles) as [ProcessRole, number[]][]) {
    out[role] = pids.reduce((sum, pid) => sum + (rssBytes(pid) ?? 0), 0);
  }
  return out;
}

export function mergePeak(peak: RoleBytes, sample: RoleBytes): RoleBytes {
  const out: RoleBytes = { ...peak };
  for (const [role, bytes] of Object.entries(sample) as [ProcessRole, number][]) {
    out[role] = Math.max(out[role] ?? 0, bytes);
  }
  return out;
}

/** Runs `work`, sampling every `intervalMs`, and returns its result with each role's peak. */
export async function peakRssDuring<T>(
  roles: Roles,
  work: () => Promise<T>,
  intervalMs = 50,
): Promise<{ result: T; peak: RoleBytes }> {
  let peak = rssNow(roles);
  const timer = setInterval(() => {
    peak = mergePeak(peak, rssNow(roles));
  }, intervalMs);
  try {
    const result = await work();
    peak = mergePeak(peak, rssNow(roles));
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
