/**
 * How sessions' programs end and start again. A program's exit leaves its pane dead with its screen
 * (remain-on-exit): the session is reported `session.exited` with the exit status and the last lines, drops input,
 * and keeps its viewers until `session.restart` respawns the program in place.
 */
import { echoRef, type GatewayEvent, type MessageByType, message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { toGatewayError } from '../errors.ts';
import { PaneDeathWatcher } from '../tmux/pane-deaths.ts';
import { exitLines, isPaneDead, reap, respawn, scanPanes } from '../tmux/pane-exit.ts';
import type { Tmux } from '../tmux/tmux.ts';
import type { Session, SessionExit } from './session.ts';

export interface ExitDeps {
  tmux: Tmux;
  log: Logger;
  sessions(): Iterable<Session>;
  send(event: GatewayEvent): void;
}

/** How often the fallback sweep looks for deaths tmux did not reap. */
const SWEEP_MS = 3000;

export class SessionExits {
  private readonly watcher: PaneDeathWatcher;
  private sweeper: NodeJS.Timeout | undefined;
  /** Scans and restarts, one at a time. */
  private queued: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ExitDeps) {
    this.watcher = new PaneDeathWatcher(deps.tmux, () => void this.scan());
  }

  /**
   * Starts learning of deaths (once a server runs: after a create or an adopt) and looks once now, for panes that
   * died while no gateway watched.
   */
  watch(): Promise<void> {
    this.watcher.ensure();
    this.sweeper ??= setInterval(() => void this.sweep(), SWEEP_MS);
    this.sweeper.unref();
    return this.scan();
  }

  stop(): void {
    this.watcher.stop();
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** Every exited session again, for a hub that (re)connects: it may have missed them. */
  announce(): void {
    for (const s of this.deps.sessions()) if (s.exit) this.deps.send(exitedEvent(s.sessionNumber, s.exit));
  }

  /**
   * Runs an exited session's program again; a session whose program runs answers started as it is. Queued with
   * the scans, so a scan that saw the pane dead cannot report it exited again after the respawn.
   */
  restart(session: Session, cmd: MessageByType['session.restart']): Promise<void> {
    return this.queue(() => this.runRestart(session, cmd));
  }

  private async runRestart(session: Session, cmd: MessageByType['session.restart']): Promise<void> {
    const ref = echoRef(cmd.ref);
    try {
      if (session.exit || (await isPaneDead(this.deps.tmux, session.tmuxName))) {
        await respawn(this.deps.tmux, session.tmuxName, session.workdir, session.sessionNumber);
        session.exit = undefined;
        session.attention.restarted();
        session.log.info('session restarted');
      }
      this.deps.send(message('session.started', { session_id: session.sessionNumber, ...ref }));
    } catch (e) {
      const error = toGatewayError(e, 'session.restart_failed');
      session.log.warn('session.restart failed', { code: error.code, error: error.message });
      this.deps.send(message('session.error', { session_id: session.sessionNumber, error: error.detail, ...ref }));
    }
  }

  /**
   * The fallback for a death tmux has not reaped (scanPanes): one `list-panes` every few seconds, only while some
   * session's program runs, so that a missed SIGCHLD delays a report by seconds, not until the next death.
   */
  private sweep(): Promise<void> {
    const running = [...this.deps.sessions()].some((s) => s.ready && !s.exit);
    return running ? this.scan() : Promise.resolve();
  }

  /** Scans run one at a time, so one death is reported once. */
  private scan(): Promise<void> {
    return this.queue(() => this.runScan());
  }

  private queue(run: () => Promise<void>): Promise<void> {
    this.queued = this.queued.then(run, run);
    return this.queued;
  }

  private async runScan(): Promise<void> {
    const scan = await scanPanes(this.deps.tmux);
    if (!scan) return;
    // Its pane-died hook then wakes the watcher, and the next scan reports the exit.
    if (scan.unreaped) await reap(this.deps.tmux);
    for (const session of this.deps.sessions()) {
      const exit = scan.exits.get(session.tmuxName);
      if (!exit || session.exit || !session.ready) continue;
      const lines = await exitLines(this.deps.tmux, session.tmuxName);
      session.exit = { ...exit, lines };
      session.log.info('session program exited', { code: exit.code, signal: exit.signal });
      this.deps.send(exitedEvent(session.sessionNumber, session.exit));
      session.attention.exited();
    }
  }
}

function exitedEvent(sessionNumber: number, exit: SessionExit): GatewayEvent {
  return message('session.exited', { session_id: sessionNumber, ...exit });
}
