import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteQueue } from './byte-queue.ts';

describe('ByteQueue', () => {
  it('reads back any held range as appended, across chunks, after any drops', () => {
    type Op =
      | { kind: 'append'; size: number }
      | { kind: 'drop'; keep: number }
      | { kind: 'read'; a: number; b: number };
    const op = fc.oneof(
      fc.record({ kind: fc.constant('append' as const), size: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('drop' as const), keep: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constant('read' as const), a: fc.nat(), b: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops: Op[]) => {
        const q = new ByteQueue(16);
        const model: number[] = [];
        let low = 0;
        for (const o of ops) {
          if (o.kind === 'append') {
            const bytes = Uint8Array.from({ length: o.size }, (_, i) => (model.length + i) % 251);
            expect(q.append(bytes)).toBe(model.length);
            model.push(...bytes);
          } else if (o.kind === 'drop') {
            low = Math.max(low, q.end - o.keep);
            q.dropBefore(low);
            expect(q.start).toBeLessThanOrEqual(low);
          } else if (q.end > low) {
            const from = low + (o.a % (q.end - low));
            const to = from + (o.b % (q.end - from + 1));
            expect(Array.from(q.read(from, to))).toEqual(model.slice(from, to));
          }
        }
        expect(q.end).toBe(model.length);
      }),
    );
  });

  it('reuses dropped chunks instead of allocating new ones', () => {
    const q = new ByteQueue(16);
    const seen = new Set<ArrayBufferLike>();
    for (let i = 0; i < 1000; i++) {
      q.append(new Uint8Array(7));
      q.dropBefore(q.end - 20);
      seen.add(q.read(q.end - 1, q.end).buffer);
    }
    expect(seen.size).toBeLessThanOrEqual(4);
    expect(q.allocatedBytes).toBeLessThanOrEqual(6 * 16);
  });
});
