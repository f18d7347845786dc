import { randomBytes } from 'node:crypto';
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

describe('OutputRing storage', () => {
  /** Frame `seq` is `n` bytes of the value seq % 251, so any mix-up between frames shows. */
  const frame = (seq: number, n: number) => new Uint8Array(n).fill(seq % 251);

  it('replays every held frame byte for byte, packed or not, across chunks and segments', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 500 }), (sizes) => {
        // Packing runs at once here, so replays read packed segments too.
        const ring = new OutputRing(300, 1, { segmentBytes: 64, chunkBytes: 48, defer: (pack) => pack() });
        sizes.forEach((n, i) => {
          ring.push(frame(i + 1, n));
        });
        const from = Math.max(0, ring.first - 2);
        for (const lastSeq of [ring.first - 1, from, ring.last - 1].filter((x) => ring.canReplayAfter(x))) {
          const replayed = ring.after(lastSeq);
          expect(replayed.map((f) => f.seq)).toEqual(
            Array.from({ length: ring.last - lastSeq }, (_, k) => lastSeq + 1 + k),
          );
          for (const f of replayed) {
            expect(f.payload).toEqual(frame(f.seq, sizes[f.seq - 1] as number));
            expect(f.end).toBe(ring.offsetAfter(f.seq));
          }
        }
      }),
    );
  });

  it('keeps its memory bounded and reused, however small the frames', () => {
    const later: (() => void)[] = [];
    const ring = new OutputRing(4096, 1, {
      segmentBytes: 1024,
      chunkBytes: 256,
      maxFrames: 1024,
      defer: (pack) => later.push(pack),
    });
    let peak = 0;
    for (let i = 0; i < 50_000; i++) {
      ring.push(frame(i, 1 + (i % 7)));
      if (i % 100 === 0) for (const pack of later.splice(0)) pack();
      peak = Math.max(peak, ring.allocatedBytes);
    }
    expect(ring.heldBytes).toBeLessThanOrEqual(4096);
    // The window it holds, a segment and a chunk either side of it while packing lags, the spare chunks.
    expect(peak).toBeLessThanOrEqual(4096 + 2 * 1024 + 2 * 256 + 8 * 256 + 8 * 1024);
  });

  it('packs full segments only later, off the path that stores the frame, and keeps their bytes', () => {
    const later: (() => void)[] = [];
    const ring = new OutputRing(1 << 20, 1, {
      segmentBytes: 4096,
      chunkBytes: 1024,
      defer: (pack) => later.push(pack),
    });
    for (let i = 1; i <= 64; i++) ring.push(frame(i, 128));
    expect(later).toHaveLength(1);
    expect(ring.allocatedBytes).toBe(8 * 1024 + 8 * 256);
    for (const pack of later.splice(0)) pack();
    // 8 KiB of frames now fit one packed chunk; raw keeps 4 spare chunks for what comes next.
    expect(ring.allocatedBytes).toBe(1024 + 4 * 1024 + 8 * 256);
    expect(ring.after(0).map((f) => f.payload)).toEqual(Array.from({ length: 64 }, (_, k) => frame(k + 1, 128)));
  });

  it('keeps a segment that does not deflate as it is', () => {
    const ring = new OutputRing(1 << 20, 1, { segmentBytes: 4096, chunkBytes: 1024, defer: (pack) => pack() });
    const noise = new Uint8Array(randomBytes(4096));
    ring.push(noise);
    ring.push(frame(2, 1));
    expect(ring.after(0).map((f) => f.payload)).toEqual([noise, frame(2, 1)]);
  });

  it('holds at most maxFrames frames, evicting the oldest', () => {
    const ring = new OutputRing(1_000_000, 1, { maxFrames: 100 });
    for (let i = 1; i <= 250; i++) ring.push(frame(i, 1));
    expect(ring.first).toBe(151);
    expect(ring.last).toBe(250);
    expect(ring.canReplayAfter(149)).toBe(false);
    expect(ring.after(150).map((f) => f.payload[0])).toEqual(Array.from({ length: 100 }, (_, k) => (151 + k) % 251));
    expect(ring.offsetAfter(10)).toBe(150);
    expect(ring.allocatedBytes).toBeLessThanOrEqual(16 * 1024 + 8 * 100);
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
