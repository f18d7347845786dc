/** The floor: bash in a PTY read by node-pty in this process, no server and no network in between. */
import { createRequire } from 'node:module';
import pty from 'node-pty';
import { OutputLog } from '../term/output-log.ts';
import { SHELL_ARGV, setPrompt } from '../term/shell.ts';
import type { Shell, System, Viewer } from './system.ts';

const { version } = createRequire(import.meta.url)('node-pty/package.json') as { version: string };

export const TERM_SIZE = { cols: 80, rows: 24 };
const CLOSE_GRACE_MS = 2000;

/** A node-pty process as a viewer: what it prints goes to the log, `send` writes to it. */
export class PtyViewer implements Viewer {
  readonly #pty: pty.IPty;
  readonly #exited: Promise<void>;
  #closed = false;

  constructor(
    file: string,
    args: string[],
    cwd: string,
    readonly log = new OutputLog(),
  ) {
    this.#pty = pty.spawn(file, args, { name: 'xterm-256color', ...TERM_SIZE, cwd, env: shellEnv(cwd) });
    this.#pty.onData((data) => this.log.push(data));
    this.#exited = new Promise((resolve) => this.#pty.onExit(() => resolve()));
  }

  send(text: string): void {
    this.#pty.write(text);
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#pty.kill('SIGHUP');
      // bash can take a SIGHUP that lands inside readline's own handling for later, then sit in its next read (seen
      // once in a full run: the bench waited minutes for an exit). It gets a SIGKILL after a grace period.
      const timer = setTimeout(() => this.#pty.kill('SIGKILL'), CLOSE_GRACE_MS);
      void this.#exited.then(() => clearTimeout(timer));
    }
    this.#closed = true;
    await this.#exited;
  }
}

/**
 * The environment shells start with: this one, minus what would change the prompt or the shell's start-up, with
 * `home` (a folder of the bench's own) as HOME, so nothing they write on the way out lands in this user's home.
 */
export function shellEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !['PS1', 'PROMPT_COMMAND', 'BASH_ENV', 'ENV'].includes(name)) env[name] = value;
  }
  return { ...env, HOME: home, TERM: 'xterm-256color' };
}

export function barePty(workdir: string): System {
  return {
    id: 'pty',
    label: 'bare node-pty',
    version: `node-pty@${version}`,
    lacks: {
      viewers: 'a PTY has one reader; there is no session to share',
      reconnect: 'a PTY has no viewer to reconnect',
      files: 'no server, nothing to transfer through',
      memory: 'no server process (the PTY is read in the bench process)',
    },
    start: async () => {},
    openShell: async (): Promise<Shell> => {
      const typist = new PtyViewer(SHELL_ARGV[0] as string, SHELL_ARGV.slice(1), workdir);
      await setPrompt(typist);
      return { typist, close: () => typist.close() };
    },
    processes: () => ({}),
    stop: async () => {},
  };
}
