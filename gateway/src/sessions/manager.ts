/**
 * The gateway's sessions: create, adopt after a restart, route commands, and report how each one ends.
 * tmux is the source of truth: a session's number and workdir live as options on its tmux session, so a restarted
 * gateway finds them again with the same numbers.
 */
import { mkdir, open, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import {
  echoRef,
  type GatewayEvent,
  MAX_SESSIONS,
  type MessageByType,
  message,
  type SessionEnded,
} from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { agentCommand } from '../agents/launch.ts';
import { INSTRUCTION_FILES, mergeInstructions } from '../agents/templates.ts';
import type { HookCall } from '../attention/hook-events.ts';
import { GatewayError, toGatewayError } from '../errors.ts';
import type { HubLink } from '../link/hub-link.ts';
import { checkWorkdir, isWithin } from '../paths/confine.ts';
import type { Tmux } from '../tmux/tmux.ts';
import { SessionExits } from './exits.ts';
import { SEQ_BLOCK, Session } from './session.ts';

export interface ManagerOptions {
  tmux: Tmux;
  log: Logger;
  workspaceRoot: string;
  agentsDir: string;
  /** Where agent launchers write install logs (under the gateway's state dir). */
  agentLogDir: string;
  /** The machine's time zone (config's `localZone`). */
  localZone: string;
  /** Called on any session input or output (for gateway.health's last_activity_at). */
  onActivity(): void;
  /** The environment every new session gets for its agent's hooks (`attention/agent-hooks.ts`). */
  hookEnv?: Record<string, string>;
}

/** Events that could not be sent while the link was down, delivered after the next hello. Bounded. */
const MAX_PENDING_EVENTS = 64;
/** How often a client that exits while its tmux session lives is re-attached before giving up. */
const MAX_REATTACH = 3;

export class SessionManager {
  private readonly sessions = new Map<number, Session>();
  private link: HubLink | undefined;
  private pending: SessionEnded[] = [];
  private shuttingDown = false;
  private reattaches = new Map<number, number>();
  private readonly exits: SessionExits;

  constructor(private readonly opts: ManagerOptions) {
    this.exits = new SessionExits({
      tmux: opts.tmux,
      log: opts.log,
      sessions: () => this.sessions.values(),
      send: (event) => this.send(event),
    });
  }

  get size(): number {
    return this.sessions.size;
  }

  get(sessionNumber: number): Session | undefined {
    return this.sessions.get(sessionNumber);
  }

  /** The numbers of every session this gateway runs (or is creating), ascending: what `gateway.hello` reports. */
  sessionNumbers(): number[] {
    return [...this.sessions.keys()].sort((a, b) => a - b);
  }

  /** Attaches to every tagged session the gateway's tmux server already runs. */
  async adopt(): Promise<void> {
    const found = (await this.opts.tmux.listSessions()) ?? [];
    for (const info of found) {
      if (info.sessionNumber === undefined || info.workdir === undefined || this.sessions.has(info.sessionNumber))
        continue;
      const reserved = info.seqReserved + SEQ_BLOCK;
      try {
        await this.opts.tmux.reserveSeq(info.name, reserved);
      } catch (e) {
        // Without a reservation its seqs could repeat the old process's: leave it alone rather than mislead viewers.
        this.opts.log.error('cannot adopt session', { session_id: info.sessionNumber, error: (e as Error).message });
        continue;
      }
      const session = this.track(info.sessionNumber, info.name, info.workdir, reserved);
      // A client at the default 80x24 would shrink the window until the viewer's resize comes back: tmux then
      // redraws at two sizes in turn, and a viewer's snapshot taken in between loses lines at the seam.
      if (info.size) session.resize(info.size.cols, info.size.rows);
      session.openClient();
      session.ready = true;
      this.opts.log.info('session adopted', { session_id: info.sessionNumber, tmux_name: info.name });
    }
    // Programs that ended while no gateway ran are found now and reported once the link is up.
    if (this.sessions.size > 0) await this.exits.watch();
  }

  linkUp(link: HubLink): void {
    this.link = link;
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) link.send(event);
    this.exits.announce();
    // The hub may have missed changes while the link was down: it is told where each session stands now.
    for (const s of this.sessions.values()) {
      const state = s.attention.state;
      if (state) link.send(message('session.state', { session_id: s.sessionNumber, ...state }));
    }
  }

  linkDown(): void {
    this.link = undefined;
    for (const s of this.sessions.values()) s.detach();
  }

  /** The link's send buffer drained below its low-water mark. */
  drained(): void {
    for (const s of this.sessions.values()) s.updateFlow();
  }

  async create(cmd: MessageByType['session.create']): Promise<void> {
    const ref = echoRef(cmd.ref);
    try {
      if (this.sessions.has(cmd.session_id)) {
        throw new GatewayError('session.exists', `session ${cmd.session_id} already exists`);
      }
      if (this.sessions.size >= MAX_SESSIONS) {
        throw new GatewayError('session.limit', `at most ${MAX_SESSIONS} sessions may run at once`);
      }
      if ([...this.sessions.values()].some((s) => s.tmuxName === cmd.tmux_name)) {
        throw new GatewayError('session.exists', `tmux session ${cmd.tmux_name} already exists`);
      }
      const workdir = checkWorkdir(this.opts.workspaceRoot, cmd.workdir, 'session.workdir_invalid');
      // Reserve the number before the first await, so a concurrent create for it, or past the limit, fails.
      const session = this.track(cmd.session_id, cmd.tmux_name, workdir);
      try {
        await this.prepareWorkdir(workdir, cmd.agent_config);
        await this.opts.tmux.newSession({
          name: cmd.tmux_name,
          sessionNumber: cmd.session_id,
          workdir,
          cols: 80,
          rows: 24,
          command: agentCommand(cmd.agent_type, this.opts.agentsDir, this.opts.agentLogDir),
          seqReserved: SEQ_BLOCK,
          ...(this.opts.hookEnv ? { env: this.opts.hookEnv } : {}),
        });
      } catch (e) {
        this.sessions.delete(cmd.session_id);
        throw e;
      }
      session.openClient();
      session.log.info('session started', { tmux_name: cmd.tmux_name, agent_type: cmd.agent_type });
      this.send(message('session.started', { session_id: cmd.session_id, ...ref }));
      session.ready = true;
      // The server runs now, so deaths can be waited for; a program that died already is found by this scan.
      void this.exits.watch();
    } catch (e) {
      const error = toGatewayError(e, 'session.start_failed');
      this.opts.log.warn('session.create refused', {
        session_id: cmd.session_id,
        code: error.code,
        error: error.message,
      });
      this.send(message('session.error', { session_id: cmd.session_id, error: error.detail, ...ref }));
    }
  }

  /** What a session's agent said through its hook (`attention/hook-server.ts`); a call for no session is dropped. */
  hooked(call: HookCall): void {
    const session = this.sessions.get(call.session);
    if (!session) {
      this.opts.log.warn('hook call for no session', { session_id: call.session });
      return;
    }
    if (call.hook) session.attention.hook(call.hook);
  }

  /** Kills the tmux session; its client's exit then reports `ended`. */
  async end(session: Session): Promise<void> {
    session.closing = 'ended';
    await this.opts.tmux.killSession(session.tmuxName);
  }

  /** Runs an exited session's program again in place (`session.restart`). */
  restart(session: Session, cmd: MessageByType['session.restart']): Promise<void> {
    return this.exits.restart(session, cmd);
  }

  /** Leaves every tmux session running and only stops the PTY clients. */
  shutdown(): void {
    this.shuttingDown = true;
    this.exits.stop();
    for (const s of this.sessions.values()) {
      s.closing = 'shutdown';
      s.closeClient();
    }
  }

  private send(event: GatewayEvent): void {
    this.link?.send(event);
  }

  private track(sessionNumber: number, name: string, workdir: string, seqReserved = SEQ_BLOCK): Session {
    const session: Session = new Session(
      sessionNumber,
      name,
      workdir,
      {
        tmux: this.opts.tmux,
        log: this.opts.log.child({ session_id: sessionNumber }),
        link: () => this.link,
        onActivity: this.opts.onActivity,
        localZone: this.opts.localZone,
        onClientExit: (s) => {
          this.clientExited(s).catch((e) => s.log.error('handling client exit failed', { error: String(e) }));
        },
      },
      seqReserved,
    );
    this.sessions.set(sessionNumber, session);
    return session;
  }

  private async prepareWorkdir(
    workdir: string,
    agentConfig: MessageByType['session.create']['agent_config'],
  ): Promise<void> {
    await mkdir(workdir, { recursive: true, mode: 0o755 });
    const [realRoot, realWorkdir] = await Promise.all([realpath(this.opts.workspaceRoot), realpath(workdir)]);
    if (!isWithin(realRoot, realWorkdir) || realRoot === realWorkdir) {
      throw new GatewayError('session.workdir_invalid', 'workdir leads outside the workspace root');
    }
    for (const file of INSTRUCTION_FILES) {
      const content = mergeInstructions(file.template, agentConfig);
      if (content === '') continue;
      // 'wx' never replaces a file the user already has.
      const handle = await open(join(workdir, file.name), 'wx', 0o644).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return undefined;
        throw e;
      });
      if (!handle) continue;
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
    }
  }

  private async clientExited(session: Session): Promise<void> {
    if (this.shuttingDown || session.closing === 'shutdown') return;
    let reason: SessionEnded['reason'];
    if (session.closing === 'ended') {
      reason = 'ended';
    } else {
      const list = await this.opts.tmux.listSessions();
      if (list === undefined) reason = 'lost';
      else if (!list.some((s) => s.name === session.tmuxName)) reason = 'exited';
      else {
        const tries = (this.reattaches.get(session.sessionNumber) ?? 0) + 1;
        this.reattaches.set(session.sessionNumber, tries);
        if (tries <= MAX_REATTACH) {
          session.log.warn('tmux client exited while its session lives; re-attaching', { attempt: tries });
          session.openClient();
          return;
        }
        session.log.error('tmux client keeps exiting; giving the session up');
        reason = 'lost';
      }
    }
    session.closeClient();
    this.sessions.delete(session.sessionNumber);
    this.reattaches.delete(session.sessionNumber);
    session.log.info('session ended', { reason });
    const event = message('session.ended', { session_id: session.sessionNumber, reason });
    if (this.link) this.link.send(event);
    else if (this.pending.length < MAX_PENDING_EVENTS) this.pending.push(event);
  }
}
