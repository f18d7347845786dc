/** `GET /api/vps/:id/health` as the health panel shows it: the latest report (with when the hub got it). */
import type { Health, VpsHealth } from '@vibecode/schemas';

/** The latest report, or null when none has arrived yet. */
export function latestHealth(view: Pick<VpsHealth, 'health' | 'health_at'>): Health | null {
  if (view.health === null || view.health_at === null) return null;
  const { cpu, mem, disk, uptime, last_activity_at } = view.health;
  return { cpu, mem, disk, uptime, last_activity_at, reported_at: view.health_at };
}
