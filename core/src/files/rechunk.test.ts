import { describe, expect, it } from 'vitest';
import { rechunk, streamChunks } from './rechunk.ts';

async function* from(...parts: number[][]) {
  for (const p of parts) yield new Uint8Array(p);
}

async function collect(source: AsyncIterable<Uint8Array>) {
  const out: number[][] = [];
  for await (const c of source) out.push([...c]);
  return out;
}

describe('rechunk', () => {
  it('cuts pieces of exactly the size across input boundaries, the last one shorter', async () => {
    expect(await collect(rechunk(from([1, 2], [3, 4, 5, 6, 7], [8]), 3))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
  });

  it('yields nothing for an empty stream and no short tail for an exact multiple', async () => {
    expect(await collect(rechunk(from(), 3))).toEqual([]);
    expect(await collect(rechunk(from([1, 2, 3]), 3))).toEqual([[1, 2, 3]]);
  });

  it('reads a stream only as far as it is consumed and cancels it when the reader stops', async () => {
    let pulls = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++;
          controller.enqueue(new Uint8Array([pulls]));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    for await (const piece of rechunk(streamChunks(stream), 2)) {
      expect([...piece]).toEqual([1, 2]);
      break;
    }
    expect(pulls).toBe(2);
    expect(cancelled).toBe(true);
  });
});
