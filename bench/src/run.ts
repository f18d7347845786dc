/**
 * One bench run: system packages, the peers in their cache folder, the 50 MiB file, every system started (a
 * system that does not start is n/a everywhere, with why), each measurement over every running system, then
 * everything stopped and the temp folder removed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ensureSystemPackages } from '../../scripts/system-packages.mjs';
import { CAT_BYTES, catFile } from './measure/cat.ts';
import { echoBackToBack, echoWithThinkTime } from './measure/echo.ts';
import { files } from './measure/files.ts';
import { interruptFlood } from './measure/interrupt.ts';
import type { Cells, Context, Measurement } from './measure/kit.ts';
import { fill } from './measure/kit.ts';
import { memory } from './measure/memory.ts';
import { reconnect } from './measure/reconnect.ts';
import { manyViewers } from './measure/viewers.ts';
import { ensurePeer } from './peers/install.ts';
import { type BenchResults, na, type SystemId } from './results.ts';
import { ROWS } from './rows.ts';
import { barePty } from './systems/bare-pty.ts';
import type { System } from './systems/system.ts';
import { tmuxPty } from './systems/tmux-pty.ts';
import { vibecode } from './systems/vibecode/index.ts';
import { VIBETUNNEL, vibetunnel } from './systems/vibetunnel.ts';
import { WETTY, wetty } from './systems/wetty.ts';
import { writeBigFile } from './term/big-file.ts';

/**
 * Memory goes last: its 5 busy sessions leave a system that reads a flood without flow control (VibeTunnel) with
 * a backlog long after their Ctrl-C, which would land in whatever is measured next.
 */
export const MEASUREMENTS: readonly Measurement[] = [
  echoBackToBack,
  echoWithThinkTime,
  catFile,
  interruptFlood,
  reconnect,
  manyViewers,
  files,
  memory,
];

export interface RunOptions {
  /** Only these systems (default: all). */
  only?: readonly SystemId[];
  /** Only the measurements that fill a row whose id starts with one of these (default: all). */
  rows?: readonly string[];
  say(line: string): void;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

function commit(): string {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
  const head = git('rev-parse', '--short', 'HEAD');
  return git('status', '--porcelain', '--untracked-files=no') ? `${head} + uncommitted changes` : head;
}

async function timed<T>(phases: Record<string, number>, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[name] = Math.round(performance.now() - started);
  }
}

export async function runBench(options: RunOptions): Promise<BenchResults> {
  const { say } = options;
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const [loadAtStart = 0] = loadavg();
  const phases: Record<string, number> = {};
  const errors: string[] = [];
  const error = (line: string) => {
    errors.push(line);
    say(`  ✗ ${line}`);
  };
  const wanted = (id: SystemId) => !options.only || options.only.includes(id);
  const workdir = mkdtempSync(join(tmpdir(), 'vibecode-bench-'));
  const cells = new Map<SystemId, Cells>();
  const systems: System[] = [];
  const cleanUp = async () => {
    await Promise.all(systems.map((s) => s.stop().catch((e) => error(`${s.label} stop: ${firstLine(e)}`))));
    rmSync(workdir, { recursive: true, force: true });
  };
  // Ctrl-C (or a timeout's SIGTERM) must not leave servers, tmux servers or the workdir behind.
  const interrupted = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping every system…`);
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const aptOk = ensureSystemPackages('bench', say);
    const [vt, wt] = await timed(phases, 'peer install', () =>
      Promise.allSettled([
        wanted('vibetunnel') && aptOk
          ? ensurePeer(VIBETUNNEL)
          : Promise.reject(new Error(aptOk ? 'not asked for' : 'system packages are missing (see above)')),
        wanted('wetty') ? ensurePeer(WETTY) : Promise.reject(new Error('not asked for')),
      ]),
    );
    for (const [peer, outcome] of [
      ['VibeTunnel', vt],
      ['WeTTY', wt],
    ] as const) {
      if (outcome.status === 'fulfilled') {
        say(`${peer}: ${outcome.value.installed ? 'installed' : 'cached'} in ${outcome.value.dir}`);
      }
    }
    if (wanted('vibecode')) systems.push(vibecode(workdir, 'wrangler-dev', (line) => say(`VibeCode: ${line}`)));
    if (wanted('vibecode-direct')) {
      systems.push(vibecode(workdir, 'no-dev-proxy', (line) => say(`VibeCode (no dev proxy): ${line}`)));
    }
    if (vt.status === 'fulfilled') systems.push(vibetunnel(vt.value.dir, workdir));
    else if (wanted('vibetunnel')) error(`VibeTunnel not installed: ${firstLine(vt.reason)}`);
    if (wt.status === 'fulfilled') systems.push(wetty(wt.value.dir, workdir));
    else if (wanted('wetty')) error(`WeTTY not installed: ${firstLine(wt.reason)}`);
    if (wanted('tmux')) systems.push(tmuxPty(workdir));
    if (wanted('pty')) systems.push(barePty(workdir));

    const bigFile = join(workdir, 'big.txt');
    await writeBigFile(bigFile, CAT_BYTES);
    /** Starts `some` at once; one that fails is n/a in `rows`, with why, and left out of what follows. */
    const startAll = async (some: readonly System[], rows: readonly string[], why: string) => {
      const starts = await Promise.allSettled(some.map((s) => s.start()));
      return some.filter((system, i) => {
        const outcome = starts[i];
        if (outcome?.status !== 'rejected') return true;
        error(`${system.label} ${why}: ${firstLine(outcome.reason)}`);
        cells.set(system.id, { ...cells.get(system.id), ...fill(rows, na(`${why}: ${firstLine(outcome.reason)}`)) });
        return false;
      });
    };
    let running = await timed(phases, 'start', () =>
      startAll(
        systems,
        ROWS.map((r) => r.id),
        'did not start',
      ),
    );

    const ctx: Context = { workdir, bigFile, say, error };
    const askedFor = (m: Measurement) =>
      !options.rows || m.rows.some((r) => options.rows?.some((p) => r.startsWith(p)));
    for (const measurement of MEASUREMENTS.filter(askedFor)) {
      if (measurement.freshSystems) {
        say(`${measurement.name}: stopping and starting every system first`);
        const stopping = running;
        running = await timed(phases, `restart for ${measurement.name}`, async () => {
          await Promise.all(stopping.map((s) => s.stop()));
          return startAll(stopping, measurement.rows, 'did not start again');
        });
      }
      const out = await timed(phases, measurement.name, () => measurement.run(running, ctx));
      for (const [id, measured] of out) cells.set(id, { ...cells.get(id), ...measured });
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }

  return {
    startedAt,
    durationMs: Math.round(performance.now() - started),
    commit: commit(),
    phases,
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memMiB: Math.round(totalmem() / 1024 / 1024),
      node: process.version,
      kernel: release(),
      load: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    },
    systems: systems.map((s) => ({ id: s.id, label: s.label, version: s.version })),
    rows: ROWS.map((spec) => ({
      ...spec,
      cells: Object.fromEntries(systems.map((s) => [s.id, cells.get(s.id)?.[spec.id]])),
    })),
    errors,
  };
}
