/**
 * The floor with tmux: sessions on a tmux server of the bench's own (`-L`), each viewer a `tmux attach` client in a
 * node-pty PTY, so several viewers and reconnects exist the way tmux has them (a re-attach redraws the screen).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listProcesses } from '../proc/processes.ts';
import { OutputLog } from '../term/output-log.ts';
import { SHELL_ARGV, setPrompt } from '../term/shell.ts';
import { PtyViewer, shellEnv, TERM_SIZE } from './bare-pty.ts';
import type { ResumableViewer, ResumeKind, Shell, System } from './system.ts';

/** What a terminal-sharing tool sets too: no status line stealing a row, no wait after Escape. */
const CONFIG = ['set -g status off', 'set -g escape-time 0', 'set -g default-terminal tmux-256color'].join('\n');

function tmuxVersion(): string {
  return spawnSync('tmux', ['-V'], { encoding: 'utf8' }).stdout.trim();
}

/** One `tmux attach` client that can detach (as a dropped connection would) and attach again. */
class AttachClient implements ResumableViewer {
  readonly log = new OutputLog();
  resumedBy: ResumeKind | null = null;
  #client: PtyViewer;

  constructor(
    private readonly argv: string[],
    private readonly cwd: string,
  ) {
    this.#client = this.#attach();
  }

  #attach(): PtyViewer {
    return new PtyViewer('tmux', this.argv, this.cwd, this.log);
  }

  send(text: string): void {
    this.#client.send(text);
  }

  disconnect(): Promise<void> {
    return this.#client.close();
  }

  async reconnect(): Promise<void> {
    this.#client = this.#attach();
    this.resumedBy = 'redraw';
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}

export function tmuxPty(workdir: string): System {
  const socket = `vibe-bench-${process.pid}`;
  const config = join(workdir, 'tmux-floor.conf');
  const tmux = (...args: string[]) => {
    const run = spawnSync('tmux', ['-L', socket, '-f', config, ...args], { env: shellEnv(workdir), encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${run.stderr.trim()}`);
  };
  let sessions = 0;
  return {
    id: 'tmux',
    label: 'tmux via node-pty',
    version: tmuxVersion(),
    lacks: { files: 'no server, nothing to transfer through' },
    start: async () => {
      writeFileSync(config, `${CONFIG}\n`);
    },
    openShell: async (): Promise<Shell> => {
      sessions += 1;
      const name = `s${sessions}`;
      const size = ['-x', String(TERM_SIZE.cols), '-y', String(TERM_SIZE.rows)];
      tmux('new-session', '-d', '-s', name, '-c', workdir, ...size, '--', ...SHELL_ARGV);
      const viewers: AttachClient[] = [];
      const join = async () => {
        const viewer = new AttachClient(['-L', socket, 'attach-session', '-t', `=${name}`], workdir);
        viewers.push(viewer);
        return viewer;
      };
      const typist = await join();
      await setPrompt(typist);
      return {
        typist,
        join,
        joinResumable: join,
        close: async () => {
          await Promise.all(viewers.map((v) => v.close()));
          tmux('kill-session', '-t', `=${name}`);
        },
      };
    },
    processes: () => ({
      // The server and every attach client: all carry `-L <socket>` on their command line.
      tmux: listProcesses()
        .filter((p) => p.comm.startsWith('tmux') && p.argv.includes(socket))
        .map((p) => p.pid),
    }),
    stop: async () => {
      spawnSync('tmux', ['-L', socket, 'kill-server']);
    },
  };
}
