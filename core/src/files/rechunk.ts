/**
 * Re-cuts a byte stream into pieces of exactly `size` bytes (the last may be shorter), holding at most one
 * piece: a request body arrives in whatever sizes the network chose, the protocol wants 128 KiB chunks.
 */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let piece = new Uint8Array(size);
  let filled = 0;
  for await (const input of source) {
    let offset = 0;
    while (offset < input.byteLength) {
      const n = Math.min(size - filled, input.byteLength - offset);
      piece.set(input.subarray(offset, offset + n), filled);
      filled += n;
      offset += n;
      if (filled === size) {
        yield piece;
        piece = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield piece.subarray(0, filled);
}

/** A ReadableStream as an async iterable that releases its lock (and cancels) if the reader stops early. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let done = false;
  try {
    while (true) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
