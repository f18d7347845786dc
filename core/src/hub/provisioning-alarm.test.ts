import { describe, expect, it } from 'vitest';
import { planAlarm } from './provisioning-alarm.ts';

describe('planAlarm', () => {
  it('times provisioning out at its deadline and keeps the subscriber check', () => {
    expect(planAlarm(5_000, 1_000, 1_000)).toEqual({
      provisioningTimedOut: true,
      provisioningDeadline: null,
      nextAlarmAt: 5_000,
    });
  });

  it('wakes at the earlier of the two deadlines while both are ahead', () => {
    expect(planAlarm(5_000, 3_000, 1_000)).toEqual({
      provisioningTimedOut: false,
      provisioningDeadline: 3_000,
      nextAlarmAt: 3_000,
    });
    expect(planAlarm(2_000, 3_000, 1_000).nextAlarmAt).toBe(2_000);
  });

  it('sleeps when nothing is left', () => {
    expect(planAlarm(null, null, 1_000)).toEqual({
      provisioningTimedOut: false,
      provisioningDeadline: null,
      nextAlarmAt: null,
    });
  });
});
