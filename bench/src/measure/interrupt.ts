/**
 * Ctrl-C under a flood: `yes` runs for 2 s (and until 64 KiB of it reached the viewer), then Ctrl-C; the time until
 * the prompt is back is what a user waits. Time, not a byte count: tmux-based systems draw a flood rather than pass
 * it on (~0.1 MiB/s of it reaches the viewer), a system without flow control passes all of it. Three rounds, the
 * median.
 */
import { value } from '../results.ts';
import { median } from '../stats.ts';
import { PROMPT } from '../term/shell.ts';
import { eachSystem, type Measurement, now, withShell } from './kit.ts';

const ROUNDS = 3;
const FLOOD_MS = 2000;
const FLOWING_CHARS = 64 * 1024;
const TIMEOUT_MS = 60_000;

export const interruptFlood: Measurement = eachSystem('Ctrl-C under yes', ['interrupt'], (system) =>
  withShell(system, async (shell) => {
    const { typist } = shell;
    const rounds: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const flowing = typist.log.untilChars(typist.log.chars + FLOWING_CHARS, TIMEOUT_MS, '`yes` output');
      typist.send('yes\r');
      await Promise.all([flowing, new Promise((resolve) => setTimeout(resolve, FLOOD_MS))]);
      const back = typist.log.waitFor(PROMPT, TIMEOUT_MS, 'the prompt after Ctrl-C');
      const sent = now();
      typist.send('\x03');
      rounds.push((await back) - sent);
    }
    return { interrupt: value(median(rounds), undefined, `rounds: ${rounds.map((r) => r.toFixed(1)).join(', ')} ms`) };
  }),
);
