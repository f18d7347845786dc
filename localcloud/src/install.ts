/**
 * A localcloud droplet's first boot, the way cloud-init does it on a real one: the user_data's `write_files` under
 * the sandbox (content, encoding and permissions; owners are ignored: everything here belongs to the user running
 * localcloud), then its install command — the gateway's install script — with `VIBE_ROOT=<sandbox>`, so it installs
 * the release inside the sandbox (no Debian packages, no chown, no systemd). The script logs its steps to
 * `<sandbox>/var/log/vibe-install.log`; its stdout and stderr go to `<sandbox>/var/log/cloud-init-output.log`, as
 * cloud-init's do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, chmodSync, closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DropletBoot, WrittenFile } from './user-data.ts';

export const INSTALL_LOG = 'var/log/vibe-install.log';
export const INSTALL_OUTPUT_LOG = 'var/log/cloud-init-output.log';
/** How long a stopping install gets after SIGTERM (it removes its temporary files) before SIGKILL. */
const INSTALL_STOP_GRACE_MS = 5_000;

/** Writes each file at its droplet path under `sandbox` (the paths were checked to stay inside it). */
export function writeFiles(sandbox: string, files: WrittenFile[]): void {
  for (const file of files) {
    const target = join(sandbox, file.path);
    mkdirSync(dirname(target), { recursive: true });
    if (file.append) appendFileSync(target, file.content);
    else writeFileSync(target, file.content);
    chmodSync(target, file.mode);
  }
}

export interface InstallRun {
  /** The script's exit status (null when it was killed or could not start). */
  done: Promise<number | null>;
  /** SIGTERM to the script and whatever it runs (curl, tar), SIGKILL after a grace period. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Writes the files and starts the install command; `env` is the host environment the script may use (PATH…). */
export function runInstall(sandbox: string, boot: DropletBoot, env: Record<string, string>): InstallRun {
  writeFiles(sandbox, boot.files);
  const [command, ...args] = boot.install;
  const outputFile = join(sandbox, INSTALL_OUTPUT_LOG);
  mkdirSync(dirname(outputFile), { recursive: true });
  const out = openSync(outputFile, 'a');
  // Its own process group, so a stop reaches the curl or tar it is waiting for.
  const child = spawn(join(sandbox, command as string), args, {
    cwd: sandbox,
    env: { ...env, VIBE_ROOT: sandbox },
    stdio: ['ignore', out, out],
    detached: true,
  });
  closeSync(out);
  const done = new Promise<number | null>((resolve) => {
    child.once('error', (err) => {
      appendFileSync(outputFile, `cannot run ${command}: ${err.message}\n`);
      resolve(null);
    });
    child.once('exit', (code) => resolve(code));
  });
  return {
    done,
    async stop() {
      if (exited(child)) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), INSTALL_STOP_GRACE_MS);
      await done;
      clearTimeout(timer);
    },
  };
}
