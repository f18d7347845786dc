/**
 * A tiny process supervisor for the update tests: runs a command and starts it again whenever it exits, after
 * a short delay and without a cap — what systemd's `Restart=always` with `StartLimitIntervalSec=0` does on a
 * droplet (and localcloud's supervisor locally). Each run's JSON log lines are kept. Test-only code.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { collectJsonLines } from './json-lines.ts';

export interface Run {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  stderr: string;
  exitCode: number | null | undefined;
}

export interface Supervisor {
  readonly runs: Run[];
  /** Stops restarting and SIGTERMs the running process (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export function supervise(command: string, args: string[], env: NodeJS.ProcessEnv, restartDelayMs = 250): Supervisor {
  const runs: Run[] = [];
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;

  const start = () => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { child, logs: [], stderr: '', exitCode: undefined };
    runs.push(run);
    collectJsonLines(child.stdout, run.logs);
    child.stderr?.on('data', (d: Buffer) => {
      // Bounded: a crash loop would otherwise grow it forever.
      run.stderr = (run.stderr + d.toString('utf8')).slice(-8192);
    });
    child.on('error', () => undefined);
    child.on('exit', (code) => {
      run.exitCode = code;
      if (!stopping) timer = setTimeout(start, restartDelayMs);
    });
  };
  start();

  return {
    runs,
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      const child = runs.at(-1)?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
