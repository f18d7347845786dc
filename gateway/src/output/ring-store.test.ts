import { describe, expect, it } from 'vitest';
import { RingStore } from './ring-store.ts';

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array) => new TextDecoder().decode(b);

function rig() {
  const later: (() => void)[] = [];
  const store = new RingStore({ segmentBytes: 8, chunkBytes: 4, defer: (pack) => later.push(pack) });
  const runLater = () => {
    for (const pack of later.splice(0)) pack();
  };
  return { store, runLater, later };
}

describe('RingStore', () => {
  it('reads ranges that run across packed segments and the unpacked tail', () => {
    const { store, runLater } = rig();
    for (const part of ['aaaaa', 'bbbbbbbbbbb', 'cc', 'dddd']) store.append(text(part));
    runLater();
    const read = store.reader();
    expect([read(0, 5), read(5, 16), read(16, 18), read(18, 22)].map(str)).toEqual([
      'aaaaa',
      'bbbbbbbbbbb',
      'cc',
      'dddd',
    ]);
  });

  it('schedules one packing for many appends, and never packs what was dropped first', () => {
    const { store, runLater, later } = rig();
    for (let i = 0; i < 10; i++) store.append(text('xyzw'));
    expect(later).toHaveLength(1);
    store.dropBefore(36);
    runLater();
    expect(str(store.reader()(36, 40))).toBe('xyzw');
    // Only raw's chunk holding 36..40 and its 4 spares: nothing was packed.
    expect(store.allocatedBytes).toBe(5 * 4);
  });
});
