/**
 * The hub's one alarm serves two deadlines: the subscriber idle check and, while a VPS is provisioning, the
 * configured wait (10 min by default) for the gateway's first `gateway.hello`. Pure: given both and the clock,
 * whether the provisioning wait ran out now and when to wake next.
 */
export const PROVISIONING_TIMEOUT_MS = 10 * 60_000;

export interface AlarmPlan {
  provisioningTimedOut: boolean;
  /** The provisioning deadline still ahead, or null when none is left. */
  provisioningDeadline: number | null;
  nextAlarmAt: number | null;
}

export function planAlarm(
  subscriberCheckAt: number | null,
  provisioningDeadline: number | null,
  now: number,
): AlarmPlan {
  const timedOut = provisioningDeadline !== null && provisioningDeadline <= now;
  const pending = timedOut ? null : provisioningDeadline;
  const candidates = [subscriberCheckAt, pending].filter((t): t is number => t !== null);
  return {
    provisioningTimedOut: timedOut,
    provisioningDeadline: pending,
    nextAlarmAt: candidates.length === 0 ? null : Math.min(...candidates),
  };
}
