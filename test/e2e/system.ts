/**
 * The control plane as `wrangler dev` runs it (scripts/boot/, as `npm start` boots it), on free ports with a fresh
 * local D1/KV/DO state, serving the test build of the web app (web/build/e2e/: the Terminal's test hook in) from the
 * one Worker. The state starts migrated, as `npm start` migrates its own first (from a migrated template:
 * scripts/boot/migrated-state.mjs).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildWeb,
  executeSql,
  freePort,
  migratedState,
  startWorker,
  webBuildNeeded,
  writeBuildConfig,
} from '../../scripts/boot/index.mjs';

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
 * Makes the test build when there is none yet (suites without test/e2e's global setup: test/fault, bench); the
 * Worker imports its SvelteKit entry, so `wrangler dev` cannot start without it.
 */
export function ensureWebBuild(): void {
  if (webBuildNeeded({ testHook: true, byAge: false })) buildWeb({ testHook: true });
}

/**
 * A GET on a connection of its own. `sql` blocks this process (a wrangler CLI run) for seconds on a loaded machine,
 * past the server's keep-alive timeout, and a pooled socket the server closed meanwhile fails the next request
 * before it is sent ("other side closed").
 */
function getOnFreshConnection(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** wrangler dev's lines worth keeping after a run: a re-bundle, and errors... */
const NOTABLE = /Reloading local server|\[ERROR\]|Uncaught/;
/** ...but for workerd's word that a browser closed a connection first, which every run has. */
const NOISE = /disconnected: |Broken pipe|^✘ \[ERROR\]\s*$/;

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
 * `state` names the (new) directory the local D1/KV/DO state goes in, for a caller that lets other processes seed
 * it (the shared system, shared-system-host.ts); a temp dir otherwise. `stop` removes it either way. `port` is the
 * Worker's port, for a caller whose vars name the app's own origin (PUBLIC_URL: `http://localhost:<port>`); a free
 * one otherwise.
 */
export async function startSystem(
  vars: Record<string, string> = {},
  options: { testScheduled?: boolean; state?: string; port?: number } = {},
): Promise<System> {
  const state = options.state ?? mkdtempSync(join(tmpdir(), 'vibe-e2e-state-'));
  let output = '';
  try {
    migratedState({ persistTo: state });
    const worker = await startWorker({
      port: options.port ?? (await freePort()),
      inspectorPort: await freePort(),
      persistTo: state,
      // wrangler.toml's one-second batch window is production's trade (fewer consumer runs under load); here it
      // would only hold every Telegram update a test sends for a second before the bot sees it.
      config: writeBuildConfig(state, { testHook: true, queueBatchTimeoutS: 0 }),
      testScheduled: options.testScheduled,
      timeoutMs: 60_000,
      onOutput: (chunk) => {
        output += chunk;
      },
      vars: {
        // One key for the state's life: a restart must still decrypt the tokens the first run stored.
        TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        // wrangler.toml's top level is production-safe; this is the local Worker, as `npm start` runs it.
        APP_ENV: 'local',
        EMAIL_MODE: 'outbox',
        ...vars,
      },
    });
    const origin = worker.url.replace('127.0.0.1', 'localhost');
    return {
      origin,
      sql: (command) => executeSql({ persistTo: state, sql: command }),
      scheduled: async () => {
        if (!options.testScheduled) throw new Error('start the system with { testScheduled: true } to run the cron');
        const before = sweepOutcomes(output).length;
        const res = await getOnFreshConnection(`${origin}/__scheduled?${new URLSearchParams({ cron: CRON })}`);
        if (res.status !== 200) throw new Error(`/__scheduled answered ${res.status}: ${res.body}`);
        const deadline = Date.now() + SWEEP_TIMEOUT_MS;
        for (;;) {
          const outcome = sweepOutcomes(output)[before];
          if (outcome && 'error' in outcome) throw new Error(`the lifecycle sweep failed: ${outcome.error}`);
          if (outcome) return outcome.sent;
          if (Date.now() > deadline) throw new Error(`the lifecycle sweep logged nothing in ${SWEEP_TIMEOUT_MS} ms`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      },
      restart: () => worker.restart(),
      stop: async () => {
        await worker.stop();
        rmSync(state, { recursive: true, force: true });
        // What would explain a page that did not come (a re-bundle drops every request and socket, an error line):
        // said once the run is over, where CI's log keeps it.
        const notable = output.split('\n').filter((line) => NOTABLE.test(line) && !NOISE.test(line));
        if (notable.length > 0) console.error(`wrangler dev at ${origin} said:\n${notable.join('\n')}`);
      },
    };
  } catch (error) {
    rmSync(state, { recursive: true, force: true });
    throw error;
  }
}
