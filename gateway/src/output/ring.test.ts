import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OutputRing } from './ring.ts';

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill);

describe('OutputRing', () => {
  it('numbers frames from 1 and replays after a seq it still holds', () => {
    const ring = new OutputRing(100);
    for (let i = 0; i < 3; i++) ring.push(bytes(10));
    expect(ring.first).toBe(1);
    expect(ring.last).toBe(3);
    expect(ring.canReplayAfter(0)).toBe(true);
    expect(ring.after(1).map((f) => f.seq)).toEqual([2, 3]);
    expect(ring.after(3)).toEqual([]);
  });

  it('evicts the oldest frames past capacity and then refuses to replay across the gap', () => {
    const ring = new OutputRing(25);
    for (let i = 0; i < 5; i++) ring.push(bytes(10));
    expect(ring.first).toBe(4);
    expect(ring.heldBytes).toBe(20);
    expect(ring.canReplayAfter(3)).toBe(true);
    expect(ring.canReplayAfter(2)).toBe(false);
    expect(ring.canReplayAfter(6)).toBe(false);
  });

  it('keeps one frame even when it alone exceeds capacity', () => {
    const ring = new OutputRing(5);
    ring.push(bytes(10));
    expect(ring.first).toBe(1);
    expect(ring.after(0)).toHaveLength(1);
  });

  it('measures byte offsets for the unacked window', () => {
    const ring = new OutputRing(25);
    for (let i = 0; i < 5; i++) ring.push(bytes(10));
    expect(ring.produced).toBe(50);
    expect(ring.offsetAfter(5)).toBe(50);
    expect(ring.offsetAfter(4)).toBe(40);
    expect(ring.offsetAfter(3)).toBe(30);
    expect(ring.offsetAfter(1)).toBe(30);
  });

  it('holds contiguous frames within capacity for any sequence of pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 3000 }), (sizes) => {
        const ring = new OutputRing(200);
        for (const n of sizes) ring.push(bytes(n));
        const held = ring.after(ring.first - 1);
        expect(held.length).toBe(ring.last - ring.first + 1);
        held.forEach((f, i) => {
          expect(f.seq).toBe(ring.first + i);
        });
        const total = held.reduce((s, f) => s + f.payload.byteLength, 0);
        expect(total).toBe(ring.heldBytes);
        if (held.length > 1) expect(total).toBeLessThanOrEqual(200);
      }),
    );
  });
});

describe('OutputRing starting above earlier seqs', () => {
  it('numbers from firstSeq and refuses to replay after a seq from before it', () => {
    const ring = new OutputRing(100, 1001);
    expect(ring.last).toBe(1000);
    expect(ring.canReplayAfter(1000)).toBe(true);
    expect(ring.canReplayAfter(5)).toBe(false);
    expect(ring.push(bytes(1)).seq).toBe(1001);
    expect(ring.offsetAfter(1000)).toBe(0);
  });
});
