/**
 * The gateway's tmux server: every command runs against its own socket (`-L`) and config (`-f`), with an
 * environment stripped of the gateway's settings and secrets, and of any outer tmux.
 */
import { execFile } from 'node:child_process';
import { GatewayError } from '../errors.ts';
import { ControlClient } from './control-client.ts';
import {
  type PaneCapture,
  type PaneScreen,
  parseScreen,
  parseSnapshot,
  screenCommand,
  snapshotCommand,
} from './pane-capture.ts';
import type { TmuxResult } from './tmux-result.ts';

export type { TmuxResult } from './tmux-result.ts';

export interface TmuxSessionInfo {
  name: string;
  sessionNumber: number | undefined;
  workdir: string | undefined;
  /** Every seq this session's earlier gateway processes used is at most this. */
  seqReserved: number;
  /** The size of its window now: the last viewer's, which a re-attaching client keeps. */
  size: { cols: number; rows: number } | undefined;
}

/**
 * A control client that ended before answering anything (no server, no session yet) is not started again for this
 * long: reads go by process meanwhile instead of starting two processes each.
 */
const CONTROL_RETRY_MS = 5_000;

/** The environment for tmux and everything it starts: no VIBE_* (the credential is one) and no outer tmux. */
export function cleanEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k.startsWith('VIBE_') || k === 'TMUX' || k === 'TMUX_PANE') continue;
    out[k] = v;
  }
  return out;
}

/** A command's stdout, or `code` with tmux's complaint when it failed. */
function succeeded(r: TmuxResult, args: string[], code: string): string {
  if (r.code !== 0) throw new GatewayError(code, `tmux ${args[0]} failed: ${r.stderr.trim().slice(0, 200)}`);
  return r.stdout;
}

export class Tmux {
  #control: ControlClient | undefined;
  #controlRetryAt = 0;
  #closed = false;

  constructor(
    readonly socket: string,
    readonly configFile: string,
    readonly env: Record<string, string>,
  ) {}

  /** argv for `tmux` with the socket and config in front. */
  argv(...args: string[]): string[] {
    return ['-L', this.socket, '-f', this.configFile, ...args];
  }

  run(args: string[]): Promise<TmuxResult> {
    return new Promise((resolve) => {
      execFile(
        'tmux',
        this.argv(...args),
        { env: this.env, maxBuffer: 16 * 1024 * 1024, timeout: 10_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ code, stdout: String(stdout), stderr: String(stderr) });
        },
      );
    });
  }

  /**
   * A command that only reads (or redraws) for the gateway's frequent paths: on the control client's pipe while one
   * is attached (control-client.ts), else as a process, with the same answer either way.
   */
  async query(args: string[]): Promise<TmuxResult> {
    return (await this.#controlClient()?.run(args)) ?? this.run(args);
  }

  async mustRun(args: string[], code: string): Promise<string> {
    return succeeded(await this.run(args), args, code);
  }

  /** `query`, throwing `code` when tmux refuses. */
  async mustQuery(args: string[], code: string): Promise<string> {
    return succeeded(await this.query(args), args, code);
  }

  /** Ends the control client (the gateway is stopping); reads after this start a process each. */
  close(): void {
    this.#closed = true;
    this.#control?.close();
  }

  #controlClient(): ControlClient | undefined {
    if (this.#control !== undefined && !this.#control.ended) return this.#control;
    if (this.#closed || Date.now() < this.#controlRetryAt) return undefined;
    const client = new ControlClient(this.argv(), this.env, (answered) => {
      if (this.#control === client) this.#control = undefined;
      if (answered === 0) this.#controlRetryAt = Date.now() + CONTROL_RETRY_MS;
    });
    this.#control = client;
    return client;
  }

  /**
   * A server started by an older gateway keeps the settings it read then (tmux reads its config only when the
   * server starts): one tagged with another `@vibe_config` re-reads ours, its sessions untouched. Returns whether
   * it did; with no server running there is nothing to do, the first session's server reads the file.
   */
  async adoptConfig(version: string): Promise<boolean> {
    const current = await this.run(['show-options', '-gqv', '@vibe_config']);
    if (current.code !== 0 || current.stdout.trim() === version) return false;
    await this.mustRun(['source-file', this.configFile], 'tmux.config_failed');
    return true;
  }

  /** The sessions on this server, or undefined when no server runs. */
  async listSessions(): Promise<TmuxSessionInfo[] | undefined> {
    const r = await this.run([
      'list-sessions',
      '-F',
      '#{session_name}\t#{@vibe_session_id}\t#{@vibe_workdir}\t#{@vibe_seq_reserved}\t#{window_width}\t#{window_height}',
    ]);
    if (r.code !== 0) return undefined;
    return r.stdout
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => {
        const [name = '', id = '', workdir = '', reserved = '', cols = '', rows = ''] = line.split('\t');
        const n = /^\d+$/.test(id) ? Number(id) : undefined;
        return {
          name,
          sessionNumber: n,
          workdir: workdir || undefined,
          seqReserved: /^\d+$/.test(reserved) ? Number(reserved) : 0,
          size: /^\d+$/.test(cols) && /^\d+$/.test(rows) ? { cols: Number(cols), rows: Number(rows) } : undefined,
        };
      });
  }

  /**
   * Creates a detached session running `command` (or the default shell) and tags it with the protocol's session
   * number, workdir and seq reservation in one tmux invocation, so a session is never left without its tags.
   */
  async newSession(opts: {
    name: string;
    sessionNumber: number;
    workdir: string;
    cols: number;
    rows: number;
    command: string[] | undefined;
    seqReserved: number;
    /** More of the session's environment (where the agent's hooks reach the gateway). */
    env?: Record<string, string>;
  }): Promise<void> {
    // Without -t, set-option applies to the session new-session just made (a target would be resolved too early).
    await this.mustRun(
      [
        'new-session',
        '-d',
        '-s',
        opts.name,
        '-c',
        opts.workdir,
        '-x',
        String(opts.cols),
        '-y',
        String(opts.rows),
        '-e',
        `VIBE_SESSION_ID=${opts.sessionNumber}`,
        ...Object.entries(opts.env ?? {}).flatMap(([name, value]) => ['-e', `${name}=${value}`]),
        ...(opts.command ?? []),
        ';',
        'set-option',
        '@vibe_session_id',
        String(opts.sessionNumber),
        ';',
        'set-option',
        '@vibe_workdir',
        opts.workdir,
        ';',
        'set-option',
        '@vibe_seq_reserved',
        String(opts.seqReserved),
      ],
      'session.start_failed',
    );
  }

  /** Records on the tmux session that seqs up to `upTo` may be in use, so a later gateway starts above them. */
  async reserveSeq(name: string, upTo: number): Promise<void> {
    await this.mustRun(
      ['set-option', '-t', `=${name}:`, '@vibe_seq_reserved', String(upTo)],
      'session.seq_reserve_failed',
    );
  }

  async killSession(name: string): Promise<void> {
    await this.run(['kill-session', '-t', `=${name}`]);
  }

  /**
   * The pane's screen (plus bounded history) with colours, its size and the cursor, in one command line: the server
   * runs its commands back to back, so output cannot move the cursor between the reads.
   */
  async capture(name: string): Promise<PaneCapture> {
    return parseSnapshot(await this.mustQuery(snapshotCommand(`=${name}:`), 'session.snapshot_failed'));
  }

  /**
   * The visible pane only, without history or escapes, and its size, read together so a resize cannot fall between
   * them. Read-only: no client is touched.
   */
  async captureScreen(name: string): Promise<PaneScreen> {
    return parseScreen(await this.mustQuery(screenCommand(`=${name}:`), 'session.capture_failed'));
  }

  /** The name (its tty) of the client with this pid, when it is attached. */
  async clientName(clientPid: number): Promise<string | undefined> {
    const r = await this.query(['list-clients', '-F', '#{client_pid}\t#{client_name}']);
    const line = r.stdout.split('\n').find((l) => l.startsWith(`${clientPid}\t`));
    return line?.split('\t')[1] || undefined;
  }

  /** Makes the client named so redraw its whole screen. */
  async refreshClient(clientName: string): Promise<void> {
    await this.query(['refresh-client', '-t', clientName]);
  }

  async killServer(): Promise<void> {
    await this.run(['kill-server']);
  }
}
