import type { AnsweredNotices, Notification } from '@vibecode/core/ports';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import type { Channel } from './channel.ts';
import { channelRegistry } from './registry.ts';

const idle: Notification = {
  id: 'n1',
  kind: 'vps.idle',
  userId: 'u1',
  vpsId: 'v1',
  vpsName: 'my-box',
  since: 1,
  actions: ['power_off', 'keep_running'],
};
const answer: AnsweredNotices = { ids: ['n1'], userId: 'u1', vpsId: 'v1', kind: 'vps.idle', answer: 'powered_off' };

/** A channel recording what it heard; `linked: false` as for a user who never linked it, `fail` throws instead. */
function channel(name: string, options: { linked?: boolean; fail?: boolean; answers?: boolean } = {}) {
  const heard: string[] = [];
  const hear = async (what: string) => {
    heard.push(what);
    if (options.fail === true) throw new Error(`${name} is down`);
  };
  const base: Channel = {
    name,
    linked: async () => options.linked ?? true,
    deliver: (n) => hear(`deliver ${n.id}`),
  };
  const built: Channel =
    options.answers === false ? base : { ...base, answered: (a) => hear(`answered ${a.ids.join(',')} ${a.answer}`) };
  return { channel: built, heard };
}

function logger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

describe('channelRegistry.answered', () => {
  it('tells every channel, linked or not, and skips one without `answered`', async () => {
    const linked = channel('telegram');
    const unlinked = channel('other', { linked: false });
    const banner = channel('web-email', { answers: false });
    const { log, lines } = logger();
    await channelRegistry([linked.channel, unlinked.channel, banner.channel], log).answered(answer);
    expect(linked.heard).toEqual(['answered n1 powered_off']);
    expect(unlinked.heard).toEqual(['answered n1 powered_off']);
    expect(banner.heard).toEqual([]);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('logs a failing channel with the ids of the answer and still tells the others; never throws', async () => {
    const down = channel('down', { fail: true });
    const up = channel('up');
    const { log, lines } = logger();
    await expect(channelRegistry([down.channel, up.channel], log).answered(answer)).resolves.toBeUndefined();
    expect(up.heard).toEqual(['answered n1 powered_off']);
    expect(lines.filter((l) => l.level === 'error')).toMatchObject([
      {
        msg: 'telling a channel a notice was answered failed',
        channel: 'down',
        user_id: 'u1',
        vps_id: 'v1',
        kind: 'vps.idle',
        answer: 'powered_off',
        error: 'Error: down is down',
      },
    ]);
  });
});

describe('channelRegistry.notify', () => {
  it('delivers only to linked channels and logs a failing one without stopping the others', async () => {
    const down = channel('down', { fail: true });
    const up = channel('up');
    const unlinked = channel('unlinked', { linked: false });
    const { log, lines } = logger();
    await channelRegistry([down.channel, up.channel, unlinked.channel], log).notify(idle);
    expect(up.heard).toEqual(['deliver n1']);
    expect(unlinked.heard).toEqual([]);
    expect(lines.filter((l) => l.level === 'error')).toMatchObject([
      { msg: 'notification delivery failed', channel: 'down', user_id: 'u1' },
    ]);
  });
});
