/**
 * Reconnect: a second viewer drops its connection, the session prints while it is away (the typist keeps reading),
 * and the viewer comes back; measured from "connect again" until the line printed last is on its screen. The gap
 * is printed at a pace tmux passes on byte for byte (term/paced-output.mjs): 64 KiB, which fits the gateway's
 * ring (replay), and rounds of 2 MiB until the typist has received twice the ring (RING_BYTES), which does not
 * (snapshot). The cell notes how the screen came back: replay, snapshot, a tmux redraw, or VibeTunnel's stream of
 * the recording.
 */
import { join } from 'node:path';
import { RING_BYTES } from '@vibecode/schemas';
import { na, value } from '../results.ts';
import { toMiB } from '../stats.ts';
import type { Viewer } from '../systems/system.ts';
import { marker } from '../term/shell.ts';
import { type Cells, eachSystem, fill, type Measurement, now, withShell } from './kit.ts';

const PACED = join(import.meta.dirname, '..', 'term', 'paced-output.mjs');
const GAPS = [
  { row: 'reconnect-ring', bytes: 64 * 1024, atLeast: 0 },
  { row: 'reconnect-past', bytes: 2 * 1024 * 1024, atLeast: 2 * RING_BYTES },
] as const;
const ROWS = GAPS.map((g) => g.row);
const MAX_ROUNDS = 6;
const TIMEOUT_MS = 120_000;

/** Prints `bytes` at a time until the typist received `atLeast` (at least once); returns what it received. */
async function printGap(typist: Viewer, bytes: number, atLeast: number): Promise<{ received: number; needle: string }> {
  const before = typist.log.chars;
  for (let round = 1; ; round++) {
    const last = marker('gap');
    const printed = typist.log.waitFor(last.needle, TIMEOUT_MS, 'the gap’s output');
    typist.send(`${process.execPath} ${PACED} ${bytes}; ${last.command}\r`);
    await printed;
    const received = typist.log.chars - before;
    if (received >= atLeast || round === MAX_ROUNDS) return { received, needle: last.needle };
  }
}

export const reconnect: Measurement = eachSystem('reconnect', ROWS, (system) => {
  if (system.lacks.reconnect) return Promise.resolve(fill(ROWS, na(system.lacks.reconnect)));
  return withShell(system, async (shell) => {
    if (!shell.joinResumable) throw new Error('the shell offers no resumable viewer');
    const cells: Cells = {};
    for (const gap of GAPS) {
      const viewer = await shell.joinResumable();
      try {
        await viewer.log.first(TIMEOUT_MS, 'the viewer’s first output');
        await viewer.disconnect();
        const { received, needle } = await printGap(shell.typist, gap.bytes, gap.atLeast);
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
