/**
 * The hub's surface viewer: how a session shown on a channel surface (a Telegram topic) is watched without a
 * terminal. When a session starts for the first time it is offered to the channels (`SessionSurfaces.opened`); the
 * bindings they make are kept in DO storage. While output flows the session is marked dirty, and the alarm renders
 * its screen (the gateway's `session.capture`, plain text, read-only) at most once per render interval, so the
 * channel's rate limit is met by rendering less often, never by queueing stale screens; a channel's `retry` pushes
 * the next render back, and the screen rendered then is the newest, so the final screen is always delivered. After
 * activity, output stopping for the quiet period brings one quiet notice, unless the gateway reports the session's
 * agent states (their `done` says it then, `surface-plan.ts`). What the session's agent wants of its person is
 * told by `surface-attention.ts`, on the same alarm.
 * The viewer attaches and acks like a browser viewer, so output flows to the hub (and the agent keeps running) when
 * nobody has a terminal open.
 */

import { message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { SessionSurfaces, SurfaceBinding } from '../sessions/surfaces.ts';
import { planAttention } from './attention-plan.ts';
import { captureScreen } from './gateway-commands.ts';
import type { GatewayRpc } from './gateway-rpc.ts';
import { HubError } from './hub-error.ts';
import type { HubIdentity, HubStorage } from './hub-storage.ts';
import { COMMAND_TIMEOUT_MS, SURFACE_ACK_BYTES, SURFACE_RENDER_INTERVAL_MS } from './limits.ts';
import type { HubRecords } from './records.ts';
import { SurfaceAttention } from './surface-attention.ts';
import { SurfaceEntries } from './surface-entries.ts';
import { planSurfaces, type SurfaceEntry } from './surface-plan.ts';

export interface SurfaceViewerDeps {
  stored: HubStorage;
  gateway: GatewayRpc;
  /** The live gateway connection's id: an attach holds for that connection only. */
  currentConn(): string | undefined;
  records: Pick<HubRecords, 'sessionSummary'>;
  surfaces(): SessionSurfaces;
  identity(): HubIdentity;
  log(): Logger;
  background(work: Promise<unknown>): void;
  /** Arms the hub's alarm to run no later than `at`. */
  wake(at: number): Promise<void>;
  quietMs: number;
}

export class SurfaceViewer {
  private readonly entries: SurfaceEntries;
  /** What the sessions' agents want of their people, told on the same entries and alarm. */
  readonly attention: SurfaceAttention;
  private readonly unackedBytes = new Map<number, number>();
  /** Sessions being offered right now, and how those that ended meanwhile ended. */
  private readonly offering = new Map<number, string | null>();

  constructor(private readonly deps: SurfaceViewerDeps) {
    this.entries = new SurfaceEntries(deps.stored);
    this.attention = new SurfaceAttention(this.entries, {
      surfaces: deps.surfaces,
      log: deps.log,
      schedule: (number, entry, change, now) => this.schedule(number, entry, change, now),
    });
  }

  /** A session started: a new one is offered to the channels; a bound one (restarted) is attached and shown again. */
  started(number: number, now: number): void {
    const entry = this.entries.get(number);
    if (entry === undefined) {
      if (!this.offering.has(number)) this.deps.background(this.offer(number, now));
      return;
    }
    if (entry.bindings.length === 0) return;
    this.markDirty(number, entry, { attachedConn: null }, now);
  }

  /** The gateway said hello: its sessions need attaching again before their output reaches the hub. */
  gatewayBack(now: number): void {
    for (const [number, entry] of this.entries.all()) {
      if (entry.bindings.length > 0) this.markDirty(number, entry, { attachedConn: null }, now);
    }
  }

  /** An output frame of session `number` passed the hub. */
  output(number: number, seq: number, bytes: number, now: number): void {
    const entry = this.entries.get(number);
    if (entry === undefined || entry.bindings.length === 0) return;
    // A run of output begins after input (`input`), a quiet notice, or a pause as long as the quiet period.
    if (!entry.active || now - entry.lastOutputAt >= this.deps.quietMs) entry.activeSince = now;
    entry.lastOutputAt = now;
    const unacked = (this.unackedBytes.get(number) ?? 0) + bytes;
    this.unackedBytes.set(number, unacked >= SURFACE_ACK_BYTES ? 0 : unacked);
    if (unacked >= SURFACE_ACK_BYTES) this.sendQuietly(message('session.ack', { session_id: number, seq }));
    if (!entry.dirty || !entry.active) this.markDirty(number, entry, { active: true }, now);
  }

  /** Someone typed into the session (a terminal or a chat): output from here on is a new run. */
  input(number: number): void {
    const entry = this.entries.get(number);
    if (entry === undefined || !entry.active) return;
    entry.active = false;
    this.entries.save(number, entry);
  }

  /** The user asked for the screen again: rendered as a new message, as soon as the channel allows. */
  redraw(number: number, now: number): void {
    const entry = this.entries.get(number);
    if (entry === undefined || entry.bindings.length === 0) {
      throw new HubError('session.not_shown', 'this session is not shown in any chat');
    }
    this.markDirty(number, entry, { fresh: true }, now);
  }

  /** The session ended (or was lost): each surface is told, and the hub forgets it. */
  ended(number: number, reason: string): void {
    if (this.offering.has(number)) {
      this.offering.set(number, reason);
      return;
    }
    const entry = this.entries.get(number);
    if (entry === undefined) return;
    this.entries.save(number, undefined);
    this.unackedBytes.delete(number);
    this.deps.background(this.tellEnded(entry, reason));
  }

  /** The gateway reported a state of session `number`'s agent: from now on its `done` stands for the quiet notice. */
  stateReported(number: number): void {
    const entry = this.entries.get(number);
    if (entry === undefined || entry.reportsStates) return;
    entry.reportsStates = true;
    this.entries.save(number, entry);
  }

  /** The alarm: tells, renders and says quiet where it is due; returns when to look again. */
  async run(now: number): Promise<number | null> {
    const attention = planAttention(this.entries.all(), now);
    const plan = planSurfaces(this.entries.all(), now, this.deps.quietMs);
    // Before the render, which pushes `notBefore` back: a question matters more than a screen.
    for (const number of attention.due) await this.attention.tell(number, now);
    for (const number of plan.render) await this.render(number, now);
    for (const number of plan.quiet) await this.quiet(number);
    const later = Date.now();
    const next = [
      planSurfaces(this.entries.all(), later, this.deps.quietMs).nextAt,
      planAttention(this.entries.all(), later).nextAt,
    ];
    const times = next.filter((at): at is number => at !== null);
    return times.length === 0 ? null : Math.min(...times);
  }

  private async offer(number: number, now: number): Promise<void> {
    this.offering.set(number, null);
    const fields = { vps_id: this.deps.identity().vpsId, session_number: number };
    try {
      const session = await this.deps.records.sessionSummary(fields.vps_id, number);
      if (session === null) return;
      const bindings = await this.deps.surfaces().opened(session);
      const entry: SurfaceEntry = {
        session,
        bindings,
        dirty: false,
        fresh: false,
        notBefore: 0,
        active: false,
        activeSince: now,
        lastOutputAt: now,
        attachedConn: null,
      };
      const endedMeanwhile = this.offering.get(number);
      if (endedMeanwhile) {
        await this.tellEnded(entry, endedMeanwhile);
        return;
      }
      this.entries.save(number, entry);
      if (bindings.length === 0) return;
      this.deps.log().info('session shown on surfaces', {
        ...fields,
        session_id: session.sessionId,
        user_id: session.userId,
        channels: bindings.map((b) => b.channel),
      });
      this.markDirty(number, entry, {}, Date.now());
    } catch (error) {
      this.deps.log().error('offering a session to the channels failed', { ...fields, error: String(error) });
    } finally {
      this.offering.delete(number);
    }
  }

  private async render(number: number, now: number): Promise<void> {
    const entry = this.entries.get(number);
    if (entry === undefined) return;
    const fresh = entry.fresh;
    Object.assign(entry, { dirty: false, fresh: false, notBefore: now + SURFACE_RENDER_INTERVAL_MS });
    this.entries.save(number, entry);
    const fields = { session_id: entry.session.sessionId, user_id: entry.session.userId };
    let screen: Awaited<ReturnType<typeof captureScreen>>;
    try {
      screen = await captureScreen(this.deps.gateway, number, COMMAND_TIMEOUT_MS);
    } catch (error) {
      // Offline: the next hello renders it again. Gone: its session.ended is on its way.
      if (!(error instanceof HubError)) throw error;
      this.deps.log().warn('no screen to render', { ...fields, code: error.code });
      return;
    }
    this.attach(number, entry, screen.seq);
    const kept: SurfaceBinding[] = [];
    for (const binding of entry.bindings) {
      const shown = { text: screen.text, cols: screen.cols, rows: screen.rows };
      const outcome = await this.deps.surfaces().render({ binding, session: entry.session }, shown, { fresh });
      if (outcome.kind === 'gone') {
        this.deps.log().info('surface gone', { ...fields, channel: binding.channel });
        continue;
      }
      kept.push(binding);
      if (outcome.kind === 'retry') {
        entry.dirty = true;
        entry.fresh ||= fresh;
        entry.notBefore = Math.max(entry.notBefore, Date.now() + outcome.afterMs);
      }
    }
    entry.bindings = kept;
    // Ended while rendering: forgotten already, not brought back.
    if (this.entries.get(number) === entry) this.entries.save(number, entry);
  }

  private async quiet(number: number): Promise<void> {
    const entry = this.entries.get(number);
    if (entry === undefined) return;
    entry.active = false;
    this.entries.save(number, entry);
    const surfaces = this.deps.surfaces();
    for (const binding of entry.bindings) await surfaces.quiet({ binding, session: entry.session });
  }

  private async tellEnded(entry: SurfaceEntry, reason: string): Promise<void> {
    const surfaces = this.deps.surfaces();
    // An item told and still open (or being cleared) can no longer be answered: its message says so first.
    const settle = entry.attentionOpen === true || entry.cleared !== undefined;
    for (const binding of entry.bindings) {
      const bound = { binding, session: entry.session };
      if (settle) await surfaces.attentionCleared(bound, 'ended');
      await surfaces.ended(bound, reason);
    }
  }

  /** Output reaches the hub only once the session is attached on the live connection; the screen's seq is current. */
  private attach(number: number, entry: SurfaceEntry, seq: number): void {
    const conn = this.deps.currentConn() ?? null;
    if (conn === null || entry.attachedConn === conn) return;
    if (this.sendQuietly(message('session.attach', { session_id: number, last_seq: seq }))) entry.attachedConn = conn;
  }

  private markDirty(number: number, entry: SurfaceEntry, change: Partial<SurfaceEntry>, now: number): void {
    this.schedule(number, entry, { ...change, dirty: true }, now);
  }

  /** Applies `change` and arms the alarm for when the session may next be rendered or told. */
  private schedule(number: number, entry: SurfaceEntry, change: Partial<SurfaceEntry>, now: number): void {
    Object.assign(entry, change);
    this.entries.save(number, entry);
    this.deps.background(this.deps.wake(Math.max(now, entry.notBefore)));
  }

  private sendQuietly(msg: Parameters<GatewayRpc['send']>[0]): boolean {
    try {
      this.deps.gateway.send(msg);
      return true;
    } catch (error) {
      if (error instanceof HubError) return false;
      throw error;
    }
  }
}
