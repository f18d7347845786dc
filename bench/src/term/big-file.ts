/** The file `cat` prints: text lines of 80 bytes (no wrapping at 80 columns), no prompt or marker text in it. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';

export const LINE_BYTES = 80;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789';

/** `lines` numbered lines from a fixed-seed generator, so every run prints the same bytes. */
export function textBlock(lines: number): Buffer {
  const out = Buffer.alloc(lines * LINE_BYTES);
  let seed = 0x9e3779b9;
  for (let line = 0; line < lines; line++) {
    const start = line * LINE_BYTES;
    const head = `${String(line).padStart(6, '0')} `;
    for (let i = 0; i < LINE_BYTES - 1; i++) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      out[start + i] = i < head.length ? head.charCodeAt(i) : ALPHABET.charCodeAt(seed % ALPHABET.length);
    }
    out[start + LINE_BYTES - 1] = 0x0a;
  }
  return out;
}

/** Writes `bytes` (a multiple of 1.25 MiB, e.g. 50 MiB) of such lines. */
export async function writeBigFile(path: string, bytes: number): Promise<void> {
  const block = textBlock(16_384);
  if (bytes % block.byteLength !== 0) throw new RangeError(`${bytes} is not a multiple of ${block.byteLength}`);
  const stream = createWriteStream(path);
  for (let written = 0; written < bytes; written += block.byteLength) {
    if (!stream.write(block)) await once(stream, 'drain');
  }
  stream.end();
  await finished(stream);
}
