/**
 * Keystrokes whose echo is unambiguous: `a`, then Backspace (DEL), and again, so the line never grows. bash's
 * readline echoes `a` as `a` and DEL as `\b\e[K`; tmux passes both on the same way. Each key is sent only after
 * the previous echo arrived (or on a fixed cadence), and its latency is from `send` to the arrival of its echo.
 */
import type { Viewer } from '../systems/system.ts';
import { now } from './kit.ts';

export const KEYS = ['a', '\x7f'] as const;
export const ECHOES = ['a', '\x1b[K'] as const;

export const keyAt = (i: number) => KEYS[i % 2] as string;
export const echoAt = (i: number) => ECHOES[i % 2] as string;

const ECHO_TIMEOUT_MS = 10_000;

/** Types `count` keys (an even count keeps the line empty), each `gapMs` after the previous was sent or echoed. */
export async function typeAndTime(
  viewer: Viewer,
  count: number,
  options: { thinkMs?: number; startAt?: number } = {},
): Promise<number[]> {
  const latencies: number[] = [];
  let due = options.startAt ?? now();
  for (let i = 0; i < count; i++) {
    if (options.thinkMs !== undefined) {
      const wait = due - now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      due += options.thinkMs;
    }
    const echoed = viewer.log.waitFor(echoAt(i), ECHO_TIMEOUT_MS, `echo of key ${i}`);
    const sent = now();
    viewer.send(keyAt(i));
    latencies.push((await echoed) - sent);
  }
  return latencies;
}
