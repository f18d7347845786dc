import { describe, expect, it } from 'vitest';
import { AckScheduler } from './ack-scheduler.ts';

describe('AckScheduler', () => {
  it('acks the highest written seq on the tick, once', () => {
    const acks = new AckScheduler({ intervalMs: 250, bytesThreshold: 1000 });
    expect(acks.tick()).toBeNull();
    expect(acks.written(1, 10)).toBeNull();
    expect(acks.written(2, 10)).toBeNull();
    expect(acks.tick()).toBe(2);
    expect(acks.tick()).toBeNull();
  });

  it('acks at once when the written bytes since the last ack pass the threshold', () => {
    const acks = new AckScheduler({ intervalMs: 250, bytesThreshold: 1000 });
    expect(acks.written(1, 600)).toBeNull();
    expect(acks.written(2, 600)).toBe(2);
    expect(acks.written(3, 600)).toBeNull();
    expect(acks.tick()).toBe(3);
  });

  it('after a reset to a snapshot seq, acks that seq even when it is lower than before', () => {
    const acks = new AckScheduler({ intervalMs: 250, bytesThreshold: 1000 });
    acks.written(50, 10);
    expect(acks.tick()).toBe(50);
    acks.resetTo(7);
    expect(acks.tick()).toBe(7);
    expect(acks.tick()).toBeNull();
  });
});
