/**
 * One tmux control-mode client (`tmux -C attach-session`) that stays open, so the gateway's frequent reads — a
 * viewer's snapshot, the attention watch's screen, the redraw after a snapshot — are a line on a pipe instead of a
 * tmux process each. Starting a process is most of such a read's cost: from the gateway's Node, `execFile` of
 * `/bin/true` alone takes ~11 ms (p50) on the 2-core development machine, a tmux capture ~11–17 ms, the same capture
 * on this pipe well under one.
 *
 * The client attaches with `ignore-size` (a window keeps the size its viewer's client gives it) and `no-output` (no
 * pane output is copied to it). It attaches to whichever session tmux picks and ends with that session, or with the
 * server; commands name their targets, so any session serves. A command it cannot answer — it never started, it
 * ended with commands unanswered, it took longer than `ANSWER_TIMEOUT_MS` — resolves `undefined`, and the caller
 * runs it as a process instead: a read is never lost to this client.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { type ControlBlock, ControlReader, commandLine } from './control-protocol.ts';
import type { TmuxResult } from './tmux-result.ts';

/** The same bound a tmux process gets (tmux.ts). */
const ANSWER_TIMEOUT_MS = 10_000;

interface Pending {
  commands: number;
  blocks: ControlBlock[];
  resolve: (result: TmuxResult | undefined) => void;
}

export class ControlClient {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #pending: Pending[] = [];
  #ended = false;
  #answered = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** `argv`: tmux's arguments up to and including the socket and config (`Tmux.argv()`). */
  constructor(argv: readonly string[], env: Record<string, string>, onEnded: (answered: number) => void) {
    // -N: attaching would otherwise start a server when none runs, and one started so outlives its sessions
    // (`exit-empty off`), so "no server" would never be seen again.
    this.#child = spawn('tmux', [...argv, '-N', '-C', 'attach-session', '-f', 'ignore-size,no-output'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const reader = new ControlReader((block) => this.#onBlock(block));
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (text: string) => reader.push(text));
    // Its complaints (no server, no session) end it too; the caller's process fallback reports them.
    this.#child.stderr.resume();
    // A write after the client ended: the exit that follows settles every pending command.
    this.#child.stdin.on('error', () => {});
    this.#child.on('error', () => this.#end(onEnded));
    this.#child.on('exit', () => this.#end(onEnded));
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Runs a command sequence given as tmux's argv would take it; `undefined` when this client cannot answer it. */
  run(args: readonly string[]): Promise<TmuxResult | undefined> {
    const encoded = commandLine(args);
    if (this.#ended || encoded === null) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#pending.push({ commands: encoded.commands, blocks: [], resolve });
      this.#child.stdin.write(encoded.line);
      this.#timer ??= setTimeout(() => this.close(), ANSWER_TIMEOUT_MS);
    });
  }

  /** Ends the client; what it has not answered resolves `undefined`. */
  close(): void {
    if (!this.#ended) this.#child.kill();
  }

  #onBlock(block: ControlBlock): void {
    const head = this.#pending[0];
    if (head === undefined) return;
    head.blocks.push(block);
    if (block.ok && head.blocks.length < head.commands) return;
    this.#pending.shift();
    this.#answered += 1;
    clearTimeout(this.#timer);
    this.#timer = this.#pending.length > 0 ? setTimeout(() => this.close(), ANSWER_TIMEOUT_MS) : undefined;
    // Each command's lines end with a line feed, as a tmux process would have written them.
    const output = (ok: boolean) =>
      head.blocks
        .filter((b) => b.ok === ok)
        .flatMap((b) => b.lines.map((line) => `${line}\n`))
        .join('');
    head.resolve({ code: block.ok ? 0 : 1, stdout: output(true), stderr: output(false) });
  }

  #end(onEnded: (answered: number) => void): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#timer);
    for (const pending of this.#pending.splice(0)) pending.resolve(undefined);
    onEnded(this.#answered);
  }
}
