import { describe, expect, it } from 'vitest';
import { TransferWindow } from './window.ts';

describe('TransferWindow', () => {
  it('allows at most maxInFlight unacknowledged chunks', () => {
    const w = new TransferWindow(4);
    expect([w.take(), w.take(), w.take(), w.take()]).toEqual([0, 1, 2, 3]);
    expect(w.canSend()).toBe(false);
    expect(() => w.take()).toThrow(RangeError);
    expect(w.ack(0)).toBe(true);
    expect(w.inFlight).toBe(3);
    expect(w.take()).toBe(4);
  });

  it('accepts acks out of order and refuses acks for chunks not in flight', () => {
    const w = new TransferWindow(4);
    w.take();
    w.take();
    w.take();
    expect(w.ack(2)).toBe(true);
    expect(w.ack(0)).toBe(true);
    expect(w.inFlight).toBe(1);
    expect(w.ack(0)).toBe(false);
    expect(w.ack(3)).toBe(false);
    expect(w.ack(1)).toBe(true);
    expect(w.inFlight).toBe(0);
  });
});
