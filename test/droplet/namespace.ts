/**
 * A Debian root run like a booted machine, without touching the host: `unshare` gives it its own mount, PID and
 * UTS namespaces, so its mounts (a minimal /dev with its own devpts instance for tmux and node-pty, /run, the apt
 * archive cache) exist only inside, a hostname change cannot reach the host, and every process started in it —
 * daemons and the tmux server included — is killed when the namespace's PID 1 exits. PID 1 waits on a pipe from
 * this process: `stop()` closes it, and so does this process dying, so nothing outlives the test. It shares the
 * host's network, so loopback servers on the host are reachable from inside.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { DropletError } from './errors.ts';

/** The environment systemd gives what it starts, before a unit's own settings. */
export const BASE_ENV = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' };
/** Kept of a command's output for its result and error messages. */
const MAX_OUTPUT_CHARS = 200_000;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 10_000;

// Runs as root in the new mount namespace before the chroot: everything it mounts dies with the namespace.
const SETUP = `set -eu
root="$1"; archives="$2"
mount -t tmpfs -o mode=0755,nosuid,size=16m tmpfs "$root/dev"
mknod -m 0666 "$root/dev/null" c 1 3
mknod -m 0666 "$root/dev/zero" c 1 5
mknod -m 0666 "$root/dev/full" c 1 7
mknod -m 0666 "$root/dev/random" c 1 8
mknod -m 0666 "$root/dev/urandom" c 1 9
mknod -m 0666 "$root/dev/tty" c 5 0
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"
mkdir "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
mount -t tmpfs -o mode=0755,nosuid,nodev tmpfs "$root/run"
mkdir -m 1777 "$root/run/lock"
mkdir -p "$root/var/cache/apt/archives"
mount --bind "$archives" "$root/var/cache/apt/archives"
echo ready
exec chroot "$root" /bin/sh -c 'read -r _ || true'
`;

export interface RunResult {
  code: number | null;
  /** stdout and stderr interleaved, the last MAX_OUTPUT_CHARS. */
  output: string;
}

export interface RunOptions {
  /** Added to BASE_ENV; nothing of this process's environment goes in. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

function envArgs(env: Record<string, string>): string[] {
  return ['env', '-i', ...Object.entries(env).map(([name, value]) => `${name}=${value}`)];
}

export class DropletNamespace {
  private readonly exited: Promise<void>;

  private constructor(
    readonly root: string,
    private readonly holder: ChildProcess,
    /** PID 1 of the namespace, as the host sees it. */
    private readonly init: number,
  ) {
    this.exited = new Promise((resolve) => {
      if (holder.exitCode !== null || holder.signalCode !== null) resolve();
      else holder.once('exit', () => resolve());
    });
  }

  /** `root` is the Debian root; `aptArchives` a host folder mounted on its /var/cache/apt/archives. */
  static async start(root: string, aptArchives: string): Promise<DropletNamespace> {
    const unshare = ['--mount', '--pid', '--fork', '--uts', '--kill-child', `--mount-proc=${root}/proc`];
    const setup = ['sh', '-c', SETUP, 'droplet-setup', root, aptArchives];
    const holder = spawn('unshare', [...unshare, ...setup], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
    };
    holder.stdout?.on('data', collect);
    holder.stderr?.on('data', collect);
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      const check = () => {
        if (!output.includes('ready\n')) return;
        clearTimeout(timer);
        resolve(true);
      };
      holder.stdout?.on('data', check);
      holder.once('exit', () => resolve(false));
      holder.once('error', (error) => {
        output += String(error);
        resolve(false);
      });
    });
    const init = ready ? initPid(holder.pid) : undefined;
    if (init === undefined) {
      holder.kill('SIGKILL');
      throw new DropletError('droplet.namespace_failed', `could not set up the namespace for ${root}:\n${output}`);
    }
    return new DropletNamespace(root, holder, init);
  }

  private enter(argv: string[], env: Record<string, string>): string[] {
    return ['-t', String(this.init), '-m', '-u', '-p', '-r', '-w', '--', ...envArgs({ ...BASE_ENV, ...env }), ...argv];
  }

  /** Runs `argv` as root inside, to its end (or `timeoutMs`, then it is killed), and returns its exit code. */
  run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
    const child = spawn('nsenter', this.enter(argv, options.env ?? {}), { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT_CHARS);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    return new Promise((resolve, reject) => {
      const timer =
        options.timeoutMs === undefined
          ? undefined
          : setTimeout(() => {
              child.kill('SIGKILL');
              reject(
                new DropletError('droplet.command_failed', `${argv.join(' ')}: not done in ${options.timeoutMs} ms`),
              );
            }, options.timeoutMs);
      child.once('error', reject);
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  /** Like `run`, but throws with the output unless it exits 0. */
  async check(argv: string[], options: RunOptions = {}): Promise<string> {
    const result = await this.run(argv, options);
    if (result.code !== 0) {
      throw new DropletError(
        'droplet.command_failed',
        `${argv.join(' ')} exited ${result.code}:\n${result.output.slice(-6000)}`,
      );
    }
    return result.output;
  }

  /**
   * Starts `argv` inside with exactly `env` (no BASE_ENV: a service's environment is its own), stdout and stderr
   * appended to `logFile` on the host. It runs until it exits or the namespace stops.
   */
  start(argv: string[], env: Record<string, string>, logFile: string): ChildProcess {
    const log = openSync(logFile, 'a');
    try {
      const args = ['-t', String(this.init), '-m', '-u', '-p', '-r', '-w', '--', ...envArgs(env), ...argv];
      return spawn('nsenter', args, { stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
  }

  /** Ends PID 1, and with it every process and mount inside; resolves once the namespace is gone. */
  async stop(): Promise<void> {
    this.holder.stdin?.end();
    const timer = setTimeout(() => {
      try {
        process.kill(this.init, 'SIGKILL');
      } catch {
        // Already gone.
      }
      this.holder.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

/** The forked child of `unshare --fork`: the namespace's PID 1. */
function initPid(holder: number | undefined): number | undefined {
  if (holder === undefined) return undefined;
  try {
    const children = readFileSync(`/proc/${holder}/task/${holder}/children`, 'utf8').trim().split(/\s+/);
    const pid = Number(children[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
