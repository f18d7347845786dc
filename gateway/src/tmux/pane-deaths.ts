/**
 * Learns of pane deaths without polling: the server's pane-died hook signals a `wait-for` channel
 * (config-file.ts) and a `tmux wait-for` client of ours blocks on it. A signal with nobody waiting is kept by tmux
 * until the next wait, so a death between two waits is never lost; deaths in between coalesce into one wake, and
 * the owner scans every pane on each wake.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { PANE_DIED_CHANNEL } from './config-file.ts';
import type { Tmux } from './tmux.ts';

export class PaneDeathWatcher {
  private child: ChildProcess | undefined;
  private stopped = false;

  constructor(
    private readonly tmux: Tmux,
    /** A pane died (one or more since the last call). */
    private readonly onWake: () => void,
    /** The wait ended without a signal: the server is gone; `ensure()` starts waiting again with the next one. */
    private readonly onServerGone: () => void = () => {},
  ) {}

  /** Waits on the channel unless a wait is running; needs a running server (call after a session exists). */
  ensure(): void {
    if (this.child || this.stopped) return;
    const child = spawn('tmux', this.tmux.argv('wait-for', PANE_DIED_CHANNEL), {
      env: this.tmux.env,
      stdio: 'ignore',
    });
    this.child = child;
    child.on('error', () => this.ended(child, 1));
    child.on('exit', (code) => this.ended(child, code ?? 1));
  }

  /** Stops waiting for good (the gateway is shutting down). */
  stop(): void {
    this.stopped = true;
    const child = this.child;
    this.child = undefined;
    child?.kill();
  }

  get waiting(): boolean {
    return this.child !== undefined;
  }

  private ended(child: ChildProcess, code: number): void {
    if (this.child !== child) return;
    this.child = undefined;
    if (this.stopped) return;
    if (code !== 0) {
      // No server (it was killed or never started): waiting again would fail at once, in a loop.
      this.onServerGone();
      return;
    }
    this.ensure();
    this.onWake();
  }
}
