import type { BoundSession, SessionAttention, SessionSummary } from '@vibecode/core/ports';
import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import type { ChannelSurface } from './surface.ts';
import { surfaceRegistry } from './surface-registry.ts';

const session: SessionSummary = {
  userId: 'u1',
  vpsId: 'v1',
  vpsName: 'my-box',
  sessionId: 's1',
  sessionNumber: 1,
  title: 'Fix the tests',
  agentType: 'claude',
};
const screen = { text: '$ ', cols: 80, rows: 24 };
const question: SessionAttention = {
  state: 'needs_input',
  detail: 'Do you want to continue? [Y/n]',
  choices: [{ key: 'y', label: 'Yes' }],
  promptFingerprint: 'f1',
  resetsAt: null,
  continueAtReset: false,
};

/** A channel whose every call records itself; `fail` makes every call throw instead. */
function channel(name: string, fail = false) {
  const calls: string[] = [];
  const run = <T>(call: string, value: T): Promise<T> => {
    calls.push(call);
    return fail ? Promise.reject(new Error(`${name} is down`)) : Promise.resolve(value);
  };
  const surface: ChannelSurface = {
    name,
    opened: () => run('opened', [{ channel: 'whatever it says', conversation: `${name}-topic` }]),
    render: () => run('render', { kind: 'shown' } as const),
    quiet: () => run('quiet', undefined),
    attention: (_bound, item) => run(`attention ${item.state}`, { kind: 'shown' } as const),
    attentionCleared: (_bound, how) => run(`cleared ${how}`, undefined),
    ended: (_bound, reason) => run(`ended ${reason}`, undefined),
  };
  return { surface, calls };
}

function logger() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

const bound = (channelName: string): BoundSession => ({
  binding: { channel: channelName, conversation: `${channelName}-topic` },
  session,
});

describe('surfaceRegistry', () => {
  it('binds a session on every channel that can, each binding named after the channel that made it', async () => {
    const { log, lines } = logger();
    const chat = channel('chat');
    const down = channel('down', true);
    const bindings = await surfaceRegistry([chat.surface, down.surface], log).opened(session);
    expect(bindings).toEqual([{ channel: 'chat', conversation: 'chat-topic' }]);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'binding a session failed', channel: 'down', session_id: 's1', user_id: 'u1' }),
    );
  });

  it('renders through the channel that made the binding; an unknown one is gone, a failing one retried later', async () => {
    const { log } = logger();
    const chat = channel('chat');
    const down = channel('down', true);
    const registry = surfaceRegistry([chat.surface, down.surface], log);
    expect(await registry.render(bound('chat'), screen, { fresh: false })).toEqual({ kind: 'shown' });
    expect(chat.calls).toEqual(['render']);
    expect(await registry.render(bound('retired'), screen, { fresh: false })).toEqual({ kind: 'gone' });
    expect(await registry.render(bound('down'), screen, { fresh: false })).toEqual({
      kind: 'retry',
      afterMs: expect.any(Number),
    });
  });

  it('tells quiet and ended to the binding’s channel only, and keeps a channel’s failure to itself', async () => {
    const { log, lines } = logger();
    const chat = channel('chat');
    const down = channel('down', true);
    const registry = surfaceRegistry([chat.surface, down.surface], log);
    await registry.quiet(bound('chat'));
    await registry.ended(bound('chat'), 'exited');
    await expect(registry.ended(bound('down'), 'ended')).resolves.toBeUndefined();
    expect(chat.calls).toEqual(['quiet', 'ended exited']);
    expect(down.calls).toEqual(['ended ended']);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'telling a session ended failed', channel: 'down' }));
  });

  it('tells an attention item and its clearing to the binding’s channel; a failing one is retried, never thrown', async () => {
    const { log, lines } = logger();
    const chat = channel('chat');
    const down = channel('down', true);
    const registry = surfaceRegistry([chat.surface, down.surface], log);
    expect(await registry.attention(bound('chat'), question)).toEqual({ kind: 'shown' });
    await registry.attentionCleared(bound('chat'), 'seen');
    expect(chat.calls).toEqual(['attention needs_input', 'cleared seen']);
    expect(await registry.attention(bound('retired'), question)).toEqual({ kind: 'gone' });
    expect(await registry.attention(bound('down'), question)).toEqual({ kind: 'retry', afterMs: expect.any(Number) });
    await expect(registry.attentionCleared(bound('down'), 'answered')).resolves.toBeUndefined();
    expect(down.calls).toEqual(['attention needs_input', 'cleared answered']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'clearing a session attention item failed', channel: 'down', session_id: 's1' }),
    );
  });
});
