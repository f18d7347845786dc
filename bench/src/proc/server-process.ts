/**
 * A peer's server as a child process of the bench: its own process group (so stopping it takes its children
 * too), output kept for error messages, and "ready" decided by polling a URL, not by a fixed wait.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface ServerProcess {
  readonly pid: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startServer(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; readyUrl: string; timeoutMs?: number },
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}):\n${output}`);
    const ready = await fetch(options.readyUrl).then(
      (res) => res.ok,
      () => false,
    );
    if (ready && child.pid !== undefined) return { pid: child.pid, output: () => output, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${command} did not answer ${options.readyUrl} in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
