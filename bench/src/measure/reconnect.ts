/**
 * Reconnect: a second viewer drops its connection, the session prints while it is away (the typist keeps reading),
 * and the viewer comes back; measured from "connect again" until the line printed last is on its screen. The gap
 * is printed at a pace tmux passes on byte for byte (term/paced-output.ts): 64 KiB, which fits the gateway's
 * ring (replay), and rounds of 2 MiB until the typist has received twice the ring (RING_BYTES), which does not
 * (snapshot). The cell notes how the screen came back: replay, snapshot, a tmux redraw, or VibeTunnel's stream of
 * the recording.
 */
import { RING_BYTES } from '@vibecode/schemas';
import { na, value } from '../results.ts';
import { toMiB } from '../stats.ts';
import type { Viewer } from '../systems/system.ts';
import { writePacedPrinter } from '../term/paced-output.ts';
import { marker } from '../term/shell.ts';
import { type Cells, eachSystem, fill, type Measurement, now, withShell } from './kit.ts';

const GAPS = [
  { row: 'reconnect-ring', bytes: 64 * 1024, atLeast: 0 },
  { row: 'reconnect-past', bytes: 2 * 1024 * 1024, atLeast: 2 * RING_BYTES },
] as const;
const ROWS = GAPS.map((g) => g.row);
const MAX_ROUNDS = 6;
const TIMEOUT_MS = 120_000;

/** Prints `bytes` at a time until the typist received `atLeast` (at least once); returns what it received. */
async function printGap(
  typist: Viewer,
  print: (bytes: number) => string,
  bytes: number,
  atLeast: number,
): Promise<{ received: number; needle: string }> {
  const before = typist.log.chars;
  for (let round = 1; ; round++) {
    const last = marker('gap');
    const printed = typist.log.waitFor(last.needle, TIMEOUT_MS, 'the gap’s output');
    typist.send(`${print(bytes)}; ${last.command}\r`);
    await printed;
    const received = typist.log.chars - before;
    // The typist reads every byte at this pace: much less means the printer did not run, not a fast reconnect.
    if (received < (round * bytes) / 2) throw new Error(`the gap printed ${received} characters of ${round * bytes}`);
    if (received >= atLeast || round === MAX_ROUNDS) return { received, needle: last.needle };
  }
}

export const reconnect: Measurement = eachSystem('reconnect', ROWS, (system, ctx) => {
  if (system.lacks.reconnect) return Promise.resolve(fill(ROWS, na(system.lacks.reconnect)));
  return withShell(system, async (shell) => {
    if (!shell.joinResumable) throw new Error('the shell offers no resumable viewer');
    const print = writePacedPrinter(ctx.workdir);
    const cells: Cells = {};
    for (const gap of GAPS) {
      const viewer = await shell.joinResumable();
      try {
        // Current before it drops, by live output: VibeTunnel's gzipped stream holds what a new viewer is sent
        // until the next output or its 30 s heartbeat (the reconnect itself is timed as it comes).
        const live = marker('joined');
        const current = viewer.log.waitFor(live.needle, TIMEOUT_MS, 'the joined viewer’s output');
        shell.typist.send(`${live.command}\r`);
        await current;
        await viewer.disconnect();
        const { received, needle } = await printGap(shell.typist, print, gap.bytes, gap.atLeast);
        const restored = viewer.log.waitFor(needle, TIMEOUT_MS, 'the screen restored');
        const started = now();
        await viewer.reconnect();
        const detail = `${toMiB(received).toFixed(2)} MiB of output while away`;
        cells[gap.row] = value((await restored) - started, viewer.resumedBy ?? undefined, detail);
      } finally {
        await viewer.close().catch(() => undefined);
      }
    }
    return cells;
  });
});
