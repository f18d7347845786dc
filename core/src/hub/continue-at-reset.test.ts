/**
 * Continue-at-reset's timing with a driven clock: nothing before the reset's grace, the continue once after it, a
 * gateway away retried each minute and given up after 6 hours, and nothing for a session no longer limited.
 */
import type { ProtocolMessage } from '@vibecode/schemas';
import { silentLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { CONTINUE_GRACE_MS, CONTINUE_INPUT, ContinueAtReset } from './continue-at-reset.ts';
import { HubError } from './hub-error.ts';

const RESET = Date.parse('2026-12-06T15:00:00Z');

/** The hub's DO storage, as far as continuing uses it. */
function memoryTimes() {
  const times = new Map<number, number>();
  return {
    continueTimes: () => new Map(times),
    putContinueTime: (number: number, at: number | undefined) => {
      if (at === undefined) times.delete(number);
      else times.set(number, at);
    },
  };
}

function setup(row: { agentState: 'limited' | 'working'; optedIn: boolean }) {
  const sent: ProtocolMessage[] = [];
  const typed: number[] = [];
  const wakes: number[] = [];
  let online = true;
  const continues = new ContinueAtReset({
    stored: memoryTimes(),
    records: {
      continueRow: async () => ({ ...row, resetsAt: RESET }),
      continueTyped: async (_vpsId: string, number: number) => void typed.push(number),
    },
    gateway: {
      send: (msg: ProtocolMessage) => {
        if (!online) throw new HubError('gateway.offline', 'the gateway is offline');
        sent.push(msg);
      },
      open: () => {
        throw new Error('not used');
      },
      newRef: () => 'rpc-1',
    },
    wake: async (at: number) => void wakes.push(at),
    identity: () => ({ gatewayId: 'gw', vpsId: 'vps' }),
    log: () => silentLogger,
  });
  return { continues, sent, typed, wakes, setOnline: (value: boolean) => (online = value), row };
}

describe('ContinueAtReset', () => {
  it('types the continue a minute after the reset, once, and wakes the hub for it', async () => {
    const t = setup({ agentState: 'limited', optedIn: true });
    expect(await t.continues.reconsider(4)).toBe(RESET + CONTINUE_GRACE_MS);
    expect(t.wakes).toEqual([RESET + CONTINUE_GRACE_MS]);
    expect(await t.continues.run(RESET + CONTINUE_GRACE_MS - 1)).toBe(RESET + CONTINUE_GRACE_MS);
    expect(t.sent).toEqual([]);
    expect(await t.continues.run(RESET + CONTINUE_GRACE_MS)).toBeNull();
    expect(t.sent).toMatchObject([{ type: 'session.input', session_id: 4, data: CONTINUE_INPUT }]);
    expect(t.typed).toEqual([4]);
    expect(await t.continues.run(RESET + 2 * CONTINUE_GRACE_MS)).toBeNull();
    expect(t.sent).toHaveLength(1);
  });

  it('retries every minute while the gateway is away, and gives up after 6 hours', async () => {
    const t = setup({ agentState: 'limited', optedIn: true });
    await t.continues.reconsider(4);
    t.setOnline(false);
    const due = RESET + CONTINUE_GRACE_MS;
    expect(await t.continues.run(due)).toBe(due + 60_000);
    t.setOnline(true);
    expect(await t.continues.run(due + 60_000)).toBeNull();
    expect(t.sent).toHaveLength(1);

    const late = setup({ agentState: 'limited', optedIn: true });
    await late.continues.reconsider(5);
    late.setOnline(false);
    expect(await late.continues.run(due + 6 * 3_600_000 + 1)).toBeNull();
    late.setOnline(true);
    expect(await late.continues.run(due + 7 * 3_600_000)).toBeNull();
    expect(late.sent).toEqual([]);
  });

  it('types nothing for a session no longer limited, or whose person took the choice back', async () => {
    const moved = setup({ agentState: 'limited', optedIn: true });
    await moved.continues.reconsider(4);
    moved.row.agentState = 'working';
    expect(await moved.continues.run(RESET + CONTINUE_GRACE_MS)).toBeNull();
    expect(moved.sent).toEqual([]);

    const off = setup({ agentState: 'limited', optedIn: false });
    expect(await off.continues.reconsider(4)).toBeNull();
    expect(off.wakes).toEqual([]);
  });
});
