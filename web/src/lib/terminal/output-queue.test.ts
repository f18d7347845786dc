import { describe, expect, it } from 'vitest';
import { OutputQueue } from './output-queue.ts';

const frame = (seq: number, size: number) => ({ kind: 'frame' as const, seq, payload: new Uint8Array(size) });

describe('OutputQueue', () => {
  it('keeps items in order and counts their bytes', () => {
    const q = new OutputQueue(100);
    expect(q.push(frame(1, 10))).toBe(true);
    expect(q.push(frame(2, 20))).toBe(true);
    expect(q.bytes).toBe(30);
    expect(q.shift()).toMatchObject({ seq: 1 });
    expect(q.bytes).toBe(20);
    expect(q.peek()).toMatchObject({ seq: 2 });
    expect(q.length).toBe(1);
  });

  it('refuses an item that would pass the byte bound and keeps what it had', () => {
    const q = new OutputQueue(100);
    q.push(frame(1, 60));
    expect(q.push(frame(2, 50))).toBe(false);
    expect(q.length).toBe(1);
    expect(q.bytes).toBe(60);
  });

  it('stays correct across many shifts (compaction)', () => {
    const q = new OutputQueue(1_000_000);
    for (let i = 1; i <= 5000; i++) q.push(frame(i, 1));
    for (let i = 1; i <= 4000; i++) expect(q.shift()).toMatchObject({ seq: i });
    expect(q.length).toBe(1000);
    expect(q.bytes).toBe(1000);
    expect(q.shift()).toMatchObject({ seq: 4001 });
  });

  it('clear empties it', () => {
    const q = new OutputQueue(100);
    q.push(frame(1, 10));
    q.clear();
    expect(q.length).toBe(0);
    expect(q.bytes).toBe(0);
    expect(q.shift()).toBeUndefined();
  });
});
