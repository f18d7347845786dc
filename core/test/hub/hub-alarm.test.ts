/**
 * The hub's one alarm, on a Durable Object's real storage: what it re-arms for after a run. A wake asked for while a
 * run awaits a channel or a push (a viewer opening a session whose told item must be cleared) must not be pushed back
 * by the run's own next time, the idle check ten minutes out.
 */
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { silentLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { HubAlarm } from '../../src/hub/hub-alarm.ts';
import { SUBSCRIBER_IDLE_MS } from '../../src/hub/limits.ts';

function alarmOn(ctx: DurableObjectState, pushes: () => Promise<number | null>): HubAlarm {
  return new HubAlarm({
    ctx,
    sockets: { subscribers: () => [] },
    stored: { provisioningDeadline: undefined },
    records: { provisioningTimedOut: async () => null },
    surfaces: { run: async () => null },
    continues: { run: async () => null },
    pushes: { run: pushes },
    notifier: () => {
      throw new Error('no provisioning deadline, no notice');
    },
    identity: () => ({ gatewayId: 'gw-alarm-test', vpsId: 'vps-alarm-test' }),
    log: () => silentLogger,
  });
}

describe('HubAlarm', () => {
  it('keeps a wake asked for during its run when that is sooner than its own next time', async () => {
    const stub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.newUniqueId());
    await runInDurableObject(stub, async (_hub, state) => {
      const now = Date.now();
      const later = now + SUBSCRIBER_IDLE_MS;
      let release = () => {};
      const pushing = new Promise<void>((resolve) => {
        release = resolve;
      });
      const alarm = alarmOn(state, async () => {
        await pushing;
        return later;
      });
      const running = alarm.run(now);
      await alarm.wakeBy(now + 60_000);
      release();
      await running;
      expect(await state.storage.getAlarm()).toBe(now + 60_000);
      await state.storage.deleteAlarm();
    });
  });

  it('arms for its own next time when nothing sooner was asked for meanwhile', async () => {
    const stub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.newUniqueId());
    await runInDurableObject(stub, async (_hub, state) => {
      const now = Date.now();
      const alarm = alarmOn(state, async () => now + 120_000);
      await alarm.wakeBy(now + 60_000);
      await alarm.run(now);
      expect(await state.storage.getAlarm()).toBe(now + 120_000);
      await state.storage.deleteAlarm();
    });
  });
});
