/**
 * The control plane as `wrangler dev` runs it, on free ports with a fresh local D1/KV/DO state, serving the built
 * web app from the one Worker. Migrations are applied first, as `npm start` does.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };
/** The one cron in wrangler.toml `[triggers]`. */
const CRON = '*/5 * * * *';
const SWEEP_TIMEOUT_MS = 30_000;

/** The outcome of each lifecycle sweep, in order, from the JSON lines the Worker's `scheduled` (core's `runCron`) logs. */
type SweepOutcome = { sent: number } | { error: string };

function sweepOutcomes(output: string): SweepOutcome[] {
  return output.split('\n').flatMap((line): SweepOutcome[] => {
    if (!line.includes('"component":"lifecycle-sweep"')) return [];
    try {
      const entry = JSON.parse(line) as { msg?: string; sent?: number; error?: string };
      if (entry.msg === 'lifecycle sweep done') return [{ sent: entry.sent ?? 0 }];
      if (entry.msg === 'lifecycle sweep failed') return [{ error: entry.error ?? 'unknown' }];
    } catch {
      // A line still being written, or not ours.
    }
    return [];
  });
}

/**
 * Builds the web app as a deploy does. NODE_ENV=production because vitest sets NODE_ENV=test, which would make Vite
 * resolve Svelte/SvelteKit's development builds; `testHook` adds the Terminal's test hook (VITE_TERMINAL_TEST_HOOK=1)
 * for suites that read the terminal through it.
 */
export function buildWeb(options: { testHook: boolean }): void {
  const env = { ...process.env, NODE_ENV: 'production', ...(options.testHook ? { VITE_TERMINAL_TEST_HOOK: '1' } : {}) };
  const built = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: root, env, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`web build failed:\n${built.stdout}\n${built.stderr}`);
}

/**
 * Builds the web app when there is no build yet (a fresh clone): the Worker serves it and imports its SvelteKit
 * entry, so `wrangler dev` cannot start without it. Suites that never look at pages use whatever build there is.
 */
export function ensureWebBuild(): void {
  if (!existsSync(join(root, 'web', 'build', 'worker.js'))) buildWeb({ testHook: false });
}

/**
 * A free loopback port for a server that must be told one (wrangler, WeTTY, VibeTunnel print the port they were
 * given, not one port 0 picked); the short window before the server binds it is accepted.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[]): string {
  const result = spawnSync(wrangler, args, { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export interface System {
  origin: string;
  /** Runs SQL against the local D1 database (to seed rows whose API lands with provisioning). */
  sql(command: string): void;
  /**
   * Runs the Worker's cron handler (wrangler.toml `[triggers]`) now, through `wrangler dev --test-scheduled`'s
   * `/__scheduled` (needs `testScheduled`), and resolves with how many notifications its lifecycle sweep sent, read
   * from the Worker's own log line once the sweep has finished (it runs in `waitUntil`, after the reply).
   */
  scheduled(): Promise<number>;
  /**
   * Stops `wrangler dev` (its whole process group, like `stop`) and starts it again on the same port with the same
   * state and vars, as a developer restarting it would; resolves once it serves again.
   */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * `vars` are extra Worker vars (`--var NAME:value`), e.g. the workspace root a local gateway uses. `testScheduled`
 * serves `/__scheduled`, which runs the cron handler with `scheduledTime` = now: wrangler 4.86 has no way to pass
 * another time while the Worker has `[assets]` (miniflare's `/cdn-cgi/handler/scheduled?time=` answers `exception`
 * then, workers-sdk#9882, fixed after 4.86), so tests that need "a day later" move the data's clock instead.
 */
export async function startSystem(
  vars: Record<string, string> = {},
  options: { testScheduled?: boolean } = {},
): Promise<System> {
  const state = mkdtempSync(join(tmpdir(), 'vibe-e2e-state-'));
  run(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state]);
  const [port, inspector] = [await freePort(), await freePort()];
  // One key for the state's life: a restart must still decrypt the tokens the first run stored.
  const tokenKey = randomBytes(32).toString('base64');
  const launch = (): ChildProcess =>
    spawn(
      wrangler,
      [
        'dev',
        '--port',
        String(port),
        '--inspector-port',
        String(inspector),
        '--persist-to',
        state,
        ...(options.testScheduled ? ['--test-scheduled'] : []),
        '--var',
        `TOKEN_ENCRYPTION_KEY:${tokenKey}`,
        // wrangler.toml's top level is production-safe; this is the local Worker, as `npm start` runs it.
        '--var',
        'APP_ENV:local',
        '--var',
        'EMAIL_MODE:outbox',
        ...Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
      ],
      { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
  let output = '';
  const origin = `http://localhost:${port}`;
  const start = async (): Promise<ChildProcess> => {
    const started = launch();
    started.stdout?.on('data', (chunk) => {
      output += chunk;
    });
    started.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
      const ok = await fetch(`${origin}/favicon.svg`).then(
        (res) => res.ok,
        () => false,
      );
      if (ok) return started;
      if (Date.now() > deadline) throw new Error(`wrangler dev did not start in 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const halt = async (running: ChildProcess) => {
    const group = running.pid;
    if (group !== undefined && running.exitCode === null) {
      const exited = new Promise((resolve) => running.once('exit', resolve));
      process.kill(-group, 'SIGTERM');
      await exited;
      // wrangler can restart its workerd while it is being stopped; nothing of the group may outlive the test.
      await new Promise((resolve) => setTimeout(resolve, 500));
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // The group is already gone.
      }
    }
  };
  let child = await start();
  return {
    origin,
    sql: (command) => {
      run(['d1', 'execute', 'DB', '--local', '--persist-to', state, '--command', command]);
    },
    scheduled: async () => {
      if (!options.testScheduled) throw new Error('start the system with { testScheduled: true } to run the cron');
      const before = sweepOutcomes(output).length;
      const res = await fetch(`${origin}/__scheduled?${new URLSearchParams({ cron: CRON })}`);
      if (!res.ok) throw new Error(`/__scheduled answered ${res.status}: ${await res.text()}`);
      const deadline = Date.now() + SWEEP_TIMEOUT_MS;
      for (;;) {
        const outcome = sweepOutcomes(output)[before];
        if (outcome && 'error' in outcome) throw new Error(`the lifecycle sweep failed: ${outcome.error}`);
        if (outcome) return outcome.sent;
        if (Date.now() > deadline) throw new Error(`the lifecycle sweep logged nothing in ${SWEEP_TIMEOUT_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    restart: async () => {
      await halt(child);
      child = await start();
    },
    stop: async () => {
      await halt(child);
      rmSync(state, { recursive: true, force: true });
    },
  };
}
