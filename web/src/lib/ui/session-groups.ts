/**
 * Seed §9.4: sessions without activity for more than 24 h move to an "inactive" section, collapsed by default
 * when it holds more than 10.
 */
import type { Session } from '@vibecode/schemas';

export const INACTIVE_COLLAPSE_OVER = 10;

export function groupSessions(sessions: readonly Session[]): {
  active: Session[];
  inactive: Session[];
  collapseInactive: boolean;
} {
  const live = sessions.filter((s) => s.status !== 'ended');
  const active = live.filter((s) => !s.inactive);
  const inactive = live.filter((s) => s.inactive);
  return { active, inactive, collapseInactive: inactive.length > INACTIVE_COLLAPSE_OVER };
}
