/**
 * `{stateDir}/gateway.pid`: the running daemon's pid, so `vibe-gateway update` and the rollback watchdog can
 * stop it and let its supervisor start `current`. A pid is only trusted while /proc says it is still a
 * `vibe-gateway … run` process, so a stale file after a reboot never makes us signal an unrelated process.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PID_FILE = 'gateway.pid';
export const pidFilePath = (stateDir: string) => join(stateDir, PID_FILE);

const POLL_MS = 50;

export async function writePidFile(stateDir: string, pid = process.pid): Promise<void> {
  await writeFile(pidFilePath(stateDir), `${pid}\n`, { mode: 0o600 });
}

/** True while `pid` is a live gateway daemon (`… vibe-gateway… run`), not a zombie or a reused pid. */
export async function isGatewayDaemon(pid: number): Promise<boolean> {
  if (pid === process.pid) return false;
  let argv: string[];
  try {
    argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  } catch {
    return false;
  }
  return argv.includes('run') && argv.some((arg) => arg.includes('vibe-gateway'));
}

/** The daemon the pid file names, if it is running. */
export async function runningGateway(pidFile: string): Promise<number | undefined> {
  let text: string;
  try {
    text = await readFile(pidFile, 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 1) return undefined;
  return (await isGatewayDaemon(pid)) ? pid : undefined;
}

/**
 * SIGTERM to the running daemon (it closes its link and leaves tmux running), SIGKILL when it is still there
 * after `graceMs`. Resolves to the pid stopped, or undefined when none was running.
 */
export async function stopRunningGateway(pidFile: string, graceMs = 15_000): Promise<number | undefined> {
  const pid = await runningGateway(pidFile);
  if (pid === undefined) return undefined;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (await isGatewayDaemon(pid)) {
    if (Date.now() >= deadline) {
      signal('SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return pid;
}
