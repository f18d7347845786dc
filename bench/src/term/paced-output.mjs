#!/usr/bin/env node
/**
 * `node paced-output.mjs BYTES`: prints BYTES of 80-byte text lines, ~4 KiB every 4 ms (~1 MiB/s). A flood makes
 * tmux fall behind its client and redraw the screen instead of passing the bytes on; at this pace every byte
 * reaches a client that keeps up, so "N bytes printed while a viewer was away" means N bytes of session output.
 */
const total = Number(process.argv[2]);
if (!Number.isInteger(total) || total < 0) {
  console.error('usage: paced-output.mjs BYTES');
  process.exit(2);
}
const LINES = 51;
const block = Buffer.from(
  Array.from({ length: LINES }, (_, i) => `${String(i).padStart(8, '0')} ${'paced'.repeat(14)}\n`).join(''),
);
let printed = 0;
const timer = setInterval(() => {
  const n = Math.min(block.byteLength, total - printed);
  process.stdout.write(block.subarray(0, n));
  printed += n;
  if (printed >= total) clearInterval(timer);
}, 4);
