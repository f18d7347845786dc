/**
 * A printer for the reconnect gap: BYTES of 80-byte text lines, ~4 KiB every 4 ms (~1 MiB/s). A flood makes tmux
 * fall behind its client and redraw the screen instead of passing the bytes on; at this pace every byte reaches a
 * client that keeps up, so "N bytes printed while a viewer was away" means N bytes of session output. It runs in
 * the system's shell, so it is a script file in the bench's temp folder, written there by `writePacedPrinter`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE = `const total = Number(process.argv[2]);
const block = Buffer.from(
  Array.from({ length: 51 }, (_, i) => String(i).padStart(8, '0') + ' ' + 'paced'.repeat(14) + '\\n').join(''),
);
let printed = 0;
const timer = setInterval(() => {
  const n = Math.min(block.byteLength, total - printed);
  process.stdout.write(block.subarray(0, n));
  printed += n;
  if (printed >= total) clearInterval(timer);
}, 4);
`;

/** Writes the printer into `dir`; the result prints `bytes` when typed into a shell. */
export function writePacedPrinter(dir: string): (bytes: number) => string {
  const path = join(dir, 'paced-output.cjs');
  writeFileSync(path, SOURCE);
  return (bytes) => `${process.execPath} ${path} ${bytes}`;
}
