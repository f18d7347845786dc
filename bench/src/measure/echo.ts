/**
 * Echo latency: 1,000 keystrokes one at a time, each sent as soon as the previous echo arrived (fast typing, and
 * the case an output batcher hurts), and 1,000 with 50 ms of think time. The think-time series runs on every
 * system at once, staggered inside each 50 ms so no two keys are in flight together: 50 s in all instead of 50 s
 * per system.
 */
import { na, type SystemId, value } from '../results.ts';
import { percentile } from '../stats.ts';
import type { Shell, System } from '../systems/system.ts';
import { typeAndTime } from './keys.ts';
import { type Cells, type Context, eachSystem, fill, type Measurement, now, withShell } from './kit.ts';

const KEYSTROKES = 1000;
const WARMUP = 20;
const THINK_MS = 50;
const THINK_ROWS = ['think-p50', 'think-p99'];

const summary = (prefix: string, latencies: number[]): Cells => ({
  [`${prefix}-p50`]: value(percentile(latencies, 50)),
  [`${prefix}-p99`]: value(percentile(latencies, 99)),
});

export const echoBackToBack: Measurement = eachSystem('echo', ['echo-p50', 'echo-p99'], (system) =>
  withShell(system, async (shell) => {
    await typeAndTime(shell.typist, WARMUP);
    return summary('echo', await typeAndTime(shell.typist, KEYSTROKES));
  }),
);

async function thinkTime(systems: readonly System[], ctx: Context): Promise<Map<SystemId, Cells>> {
  ctx.say(`echo with ${THINK_MS} ms think time: every system at once, ${(KEYSTROKES * THINK_MS) / 1000} s`);
  const out = new Map<SystemId, Cells>();
  const failed = (system: System, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    ctx.error(`think time on ${system.label}: ${message}`);
    out.set(system.id, fill(THINK_ROWS, na(`failed: ${message}`)));
  };
  const opened: { system: System; shell: Shell }[] = [];
  for (const system of systems) {
    try {
      const shell = await system.openShell();
      await typeAndTime(shell.typist, WARMUP);
      opened.push({ system, shell });
    } catch (error) {
      failed(system, error);
    }
  }
  const start = now() + THINK_MS;
  await Promise.all(
    opened.map(async ({ system, shell }, k) => {
      try {
        const startAt = start + (k * THINK_MS) / opened.length;
        out.set(
          system.id,
          summary('think', await typeAndTime(shell.typist, KEYSTROKES, { thinkMs: THINK_MS, startAt })),
        );
      } catch (error) {
        failed(system, error);
      } finally {
        await shell.close().catch(() => undefined);
      }
    }),
  );
  return out;
}

export const echoWithThinkTime: Measurement = { name: 'echo with think time', rows: THINK_ROWS, run: thinkTime };
