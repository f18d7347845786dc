/**
 * What the measurement tools share: the test hub, a sandbox and a gateway started the way droplets run it (the
 * release bundle with its own Node, unpacked from the tarball `ensureRelease` builds) or from the checkout
 * (tsx), plus process memory and percentile helpers. Measurement-only code, never imported by a test.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pty from 'node-pty';
import { ensureRelease, type ReleaseManifest, tarballName } from '../../release/index.mjs';
import { TestHub } from '../hub.ts';
import { rigEnv } from '../rig.ts';
import { createSandbox, type GatewayProcess, type Sandbox, startGateway } from '../sandbox.ts';

export interface Stack {
  hub: TestHub;
  sandbox: Sandbox;
  gw: GatewayProcess;
  /** 'release <version>' or 'checkout (tsx)'. */
  runs: string;
  stop(): Promise<void>;
}

/** The release is built into its own cache folder, so measuring never replaces `npm start`'s dist/gateway. */
const RELEASE_CACHE = join(tmpdir(), 'vibe-measure-release');

/** A release some earlier build left in `dir` (e.g. one built from another checkout, to compare). */
function prebuiltRelease(dir: string): { tarball: string; runs: string } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ReleaseManifest;
  return {
    tarball: join(dir, tarballName(manifest.version)),
    runs: `release ${manifest.version} (node ${manifest.node}) prebuilt in ${dir}`,
  };
}

async function currentRelease(): Promise<{ tarball: string; runs: string }> {
  const release = await ensureRelease({ outDir: RELEASE_CACHE });
  const { version, node } = release.manifest;
  return { tarball: release.tarball, runs: `release ${version} (node ${node}, ${release.built ? 'built' : 'cached'})` };
}

/**
 * `checkout` runs bin/vibe-gateway.js (tsx); else the release in `prebuilt`, or this checkout's release (rebuilt
 * when the sources changed), started by its launcher or, with `nodeFlags`, by its node with those flags.
 */
export async function startStack({
  checkout = false,
  prebuilt = '',
  nodeFlags = '',
  env = {} as Record<string, string>,
} = {}): Promise<Stack> {
  const hub = await TestHub.start();
  const sandbox = createSandbox();
  let command: string[] | undefined;
  let runs = 'checkout (tsx)';
  let unpacked: string | undefined;
  if (!checkout) {
    const release = prebuilt ? prebuiltRelease(prebuilt) : await currentRelease();
    unpacked = mkdtempSync(join(tmpdir(), 'vibe-measure-unpacked-'));
    execFileSync('tar', ['-xzf', release.tarball, '-C', unpacked]);
    command = [join(unpacked, 'bin', 'vibe-gateway')];
    runs = release.runs;
    if (nodeFlags) {
      // Try Node flags as the launcher would pass them (NODE_OPTIONS refuses many V8 flags).
      command = [join(unpacked, 'bin', 'node'), ...nodeFlags.split(' '), join(unpacked, 'lib', 'vibe-gateway.mjs')];
      runs += ` with node ${nodeFlags}`;
    }
  }
  const gw = startGateway(sandbox, hub.url, rigEnv('gw_measure', env), command);
  await hub.event('gateway.hello', { timeoutMs: 30_000 });
  return {
    hub,
    sandbox,
    gw,
    runs,
    stop: async () => {
      await gw.stop('SIGKILL');
      await hub.stop();
      await sandbox.cleanup();
      if (unpacked) rmSync(unpacked, { recursive: true, force: true });
    },
  };
}

/** Creates a shell session, attaches, and waits until `command` has printed `ready` (typed so its echo differs). */
export async function shellSession(stack: Stack, id: number, command: string): Promise<void> {
  const { hub, sandbox } = stack;
  const since = hub.mark();
  hub.send('session.create', {
    session_id: id,
    tmux_name: `m${id}`,
    agent_type: 'shell',
    workdir: join(sandbox.workspace, `m${id}`),
  });
  await hub.event('session.started', { since, match: (m) => m.session_id === id });
  hub.send('session.attach', { session_id: id });
  await hub.event('session.snapshot', { since, match: (m) => m.session_id === id });
  hub.send('session.input', { session_id: id, data: `${command}\r` });
}

/** A tmux session on the sandbox's server attached through node-pty in this process: the floor, no gateway. */
export interface FloorClient {
  write(data: string): void;
  /** Resolves once the output since the last match contains `text`. */
  until(text: string): Promise<void>;
  kill(): void;
}

export function attachFloor(sandbox: Sandbox, name: string, command: string): FloorClient {
  sandbox.tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', command);
  const client = pty.spawn('tmux', ['-L', sandbox.tmuxSocket, 'attach-session', '-t', `=${name}`], {
    name: 'xterm-256color',
    cols: 80,
    rows: 24,
    env: { ...process.env, TMUX: '', TMUX_PANE: '', TERM: 'xterm-256color' },
    encoding: null,
  });
  let seen = '';
  let waiting: { text: string; done: () => void } | undefined;
  client.onData((data) => {
    seen = (seen + (data as unknown as Buffer).toString('latin1')).slice(-256);
    if (waiting && seen.includes(waiting.text)) {
      const { done } = waiting;
      waiting = undefined;
      seen = '';
      done();
    }
  });
  return {
    write: (data) => client.write(data),
    until: (text) =>
      new Promise<void>((done) => {
        if (seen.includes(text)) {
          seen = '';
          done();
        } else waiting = { text, done };
      }),
    kill: () => client.kill(),
  };
}

/**
 * Resident and peak resident set of a process in MiB (from /proc), and the resident part that is anonymous
 * memory (heap, malloc, stacks) rather than pages of the node binary and libraries mapped from disk.
 */
export function memoryOf(pid: number): { rss: number; hwm: number; anon: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024, anon: kib('RssAnon') / 1024 };
}

/** CPU seconds (user + system) a process has used so far, from /proc (clock ticks of 1/100 s). */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The pid of the sandbox's tmux server. */
export function tmuxServerPid(sandbox: Sandbox): number {
  return Number(sandbox.tmux('display-message', '-p', '#{pid}').trim());
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function summary(samples: number[]): { p50: number; p99: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

/** `--name value` or `--name=value` from argv, else the fallback; `--flag` alone is "true". */
export function arg(name: string, fallback: string): string {
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const next = process.argv[i + 1];
  return next === undefined || next.startsWith('--') ? 'true' : next;
}

/** `--env 'K=V,K2=V2'`: additions to the gateway's environment. */
export function envArg(): Record<string, string> {
  return Object.fromEntries(
    arg('env', '')
      .split(',')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}
