/**
 * Many viewers on one session: N more tabs join at once (time to first frame: from asking to join to the first
 * output, p50 over the N), then the typist types 200 keys at most every 20 ms (stopping early, at an even count,
 * after 30 s: a system that needs longer has shown its p99 by then) and every joined viewer times each echo; the
 * row shows the p99 of the worst viewer.
 */
import { na, value } from '../results.ts';
import { VIEWER_COUNTS } from '../rows.ts';
import { max, percentile } from '../stats.ts';
import type { Viewer } from '../systems/system.ts';
import { echoAt, keyAt } from './keys.ts';
import { type Cells, eachSystem, fill, type Measurement, now, withShell } from './kit.ts';

const KEYSTROKES = 200;
const CADENCE_MS = 20;
const TYPING_LIMIT_MS = 30_000;
const TIMEOUT_MS = 60_000;
const ROWS = VIEWER_COUNTS.flatMap((n) => [`viewers-${n}-first`, `viewers-${n}-p99`]);

/**
 * Each key waits until every viewer has its previous echo (and 20 ms have passed): with keys in flight together,
 * tmux may draw `a` and its erase as one erase, and an echo would be lost to the count.
 */
async function typeWhileWatched(typist: Viewer, viewers: readonly Viewer[]): Promise<number[][]> {
  const latencies: number[][] = viewers.map(() => []);
  const started = now();
  let due = started;
  for (let i = 0; i < KEYSTROKES; i++) {
    if (i % 2 === 0 && now() - started > TYPING_LIMIT_MS) break;
    const wait = due - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const echoed = viewers.map((v) => v.log.waitFor(echoAt(i), TIMEOUT_MS, `echo of key ${i}`));
    const sent = now();
    due = sent + CADENCE_MS;
    typist.send(keyAt(i));
    const arrived = await Promise.all(echoed);
    for (const [v, at] of arrived.entries()) latencies[v]?.push(at - sent);
  }
  return latencies;
}

export const manyViewers: Measurement = eachSystem('viewers', ROWS, async (system, ctx) => {
  if (system.lacks.viewers) return fill(ROWS, na(system.lacks.viewers));
  const cells: Cells = {};
  for (const n of VIEWER_COUNTS) {
    await withShell(system, async (shell) => {
      const join = shell.join;
      if (!join) throw new Error('the shell offers no second viewer');
      const asked = now();
      const viewers = await Promise.all(Array.from({ length: n }, () => join()));
      try {
        const firsts = await Promise.all(viewers.map((v) => v.log.first(TIMEOUT_MS, 'a joined viewer’s first frame')));
        cells[`viewers-${n}-first`] = value(
          percentile(
            firsts.map((t) => t - asked),
            50,
          ),
          undefined,
          `max ${max(firsts.map((t) => t - asked)).toFixed(1)} ms`,
        );
        ctx.say(`  ${n} viewer(s) have their first frame; typing`);
        const latencies = await typeWhileWatched(shell.typist, viewers);
        const keys = latencies[0]?.length ?? 0;
        cells[`viewers-${n}-p99`] = value(max(latencies.map((l) => percentile(l, 99))), undefined, `${keys} keys`);
      } finally {
        await Promise.all(viewers.map((v) => v.close().catch(() => undefined)));
      }
    });
  }
  return cells;
});
