/**
 * `{stateDir}/gateway.pid`: the running daemon's pid and start time, so `vibe-gateway update` and the rollback
 * watchdog can stop it and let its supervisor start `current`. A pid is only trusted while /proc says it is still a
 * `vibe-gateway … run` process that started when the file says: a stale file (after a reboot, or a crash) never makes
 * us signal an unrelated process, nor another gateway that was given the same pid since (several localcloud droplets
 * run on one machine). A file of an older release holds the pid alone; it is trusted on the command line, as then.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PID_FILE = 'gateway.pid';
export const pidFilePath = (stateDir: string) => join(stateDir, PID_FILE);

const POLL_MS = 50;

export async function writePidFile(stateDir: string, pid = process.pid): Promise<void> {
  const start = await startTimeOf(pid);
  await writeFile(pidFilePath(stateDir), start === undefined ? `${pid}\n` : `${pid} ${start}\n`, { mode: 0o600 });
}

/** When `pid` started (clock ticks after boot: /proc/<pid>/stat's 22nd field), or undefined when it is gone. */
async function startTimeOf(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
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
  const [pidText = '', start, ...rest] = text.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 1 || rest.length > 0) return undefined;
  if (start !== undefined && start !== (await startTimeOf(pid))) return undefined;
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
