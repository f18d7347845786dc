import { createLogger } from '@vibecode/schemas/log';
import { describe, expect, it } from 'vitest';
import { createOutboxSender, listOutbox, type OutboxStore, outboxKey } from './outbox-sender.ts';

function memoryStore(): OutboxStore & { ttls: number[] } {
  const data = new Map<string, string>();
  const ttls: number[] = [];
  return {
    ttls,
    async put(key, value, options) {
      data.set(key, value);
      ttls.push(options.expirationTtl);
    },
    async get(key) {
      return data.get(key) ?? null;
    },
    async list({ prefix, limit }) {
      const names = [...data.keys()].filter((k) => k.startsWith(prefix)).sort();
      return { keys: names.slice(0, limit).map((name) => ({ name })) };
    },
  };
}

describe('outbox sender', () => {
  it('logs the link as JSON and lists messages newest first', async () => {
    const store = memoryStore();
    const lines: string[] = [];
    let now = Date.UTC(2026, 0, 1);
    const sender = createOutboxSender(
      store,
      createLogger({}, (line) => lines.push(line)),
      () => now,
    );
    await sender.send({ to: 'a@example.com', subject: 's1', text: 't1', link: 'http://l/1' });
    now += 1000;
    await sender.send({ to: 'b@example.com', subject: 's2', text: 't2', link: 'http://l/2' });

    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'info', msg: 'outbox email', to: 'a@example.com', link: 'http://l/1' },
      { level: 'info', msg: 'outbox email', to: 'b@example.com', link: 'http://l/2' },
    ]);
    expect(await listOutbox(store)).toEqual([
      { to: 'b@example.com', subject: 's2', text: 't2', link: 'http://l/2', sent_at: '2026-01-01T00:00:01.000Z' },
      { to: 'a@example.com', subject: 's1', text: 't1', link: 'http://l/1', sent_at: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(store.ttls.every((ttl) => ttl >= 60)).toBe(true);
  });

  it('orders keys by time across digit-count boundaries', () => {
    expect(outboxKey(999, 'x') > outboxKey(1000, 'x')).toBe(true);
  });
});
