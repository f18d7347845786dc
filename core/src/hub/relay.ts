/**
 * The relay between a hub's subscribers and its gateway. A subscriber's frame goes to the live gateway under the
 * subscriber rules (`subscriber-rules.ts`), or a typed error goes back; a fresh attach joins a snapshot already on
 * its way (`snapshot-sharing.ts`). Output frames fan out to their session's subscribers unparsed; a gateway message
 * goes where `routeGatewayMessage` says, with the D1 record it implies.
 */
import {
  decodeFrame,
  type GatewayHealth,
  message,
  type ProtocolMessage,
  type SessionEnded,
  type SessionExited,
  type SessionState,
} from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { SubscriberAttachment } from './attachment.ts';
import { updateAttachment } from './attachment-cache.ts';
import { attentionOf, wantsAttention } from './attention-plan.ts';
import type { AttentionPushes } from './attention-pushes.ts';
import type { ContinueAtReset } from './continue-at-reset.ts';
import type { GatewayRoute } from './gateway-routing.ts';
import { appendHealth, healthSample } from './health-history.ts';
import type { HubSockets } from './hub-sockets.ts';
import type { HubIdentity, HubStorage } from './hub-storage.ts';
import { activityMark } from './idle.ts';
import type { HubRecords } from './records.ts';
import type { ReplyRouter } from './reply-router.ts';
import type { SessionSizes } from './session-sizes.ts';
import { answersAttach, answerWithRef, snapshotInFlight } from './snapshot-sharing.ts';
import { sendError, sendQuietly } from './sockets.ts';
import { judgeSubscriberFrame } from './subscriber-rules.ts';
import type { SurfaceViewer } from './surface-viewer.ts';
import type { TrafficRecords } from './traffic-records.ts';
import type { UpdateTracker } from './update-tracker.ts';

export const PONG = JSON.stringify(message('pong', {}));
const INPUT_OFFLINE = JSON.stringify(
  message('error', { code: 'gateway.offline', message: 'the gateway is offline; input was not delivered' }),
);

/** Every route but `hello`, which is the gateway link's (`gateway-link.ts`). */
export type RelayRoute = Exclude<GatewayRoute, { kind: 'hello' }>;

export interface RelayDeps {
  sockets: HubSockets;
  stored: HubStorage;
  records: Pick<HubRecords, 'health' | 'sessionStarted' | 'sessionExited' | 'sessionEnded' | 'sessionState'>;
  replies: ReplyRouter;
  updates: UpdateTracker;
  traffic: TrafficRecords;
  sizes: SessionSizes;
  surfaces: SurfaceViewer;
  continues: Pick<ContinueAtReset, 'stateRecorded'>;
  pushes: Pick<AttentionPushes, 'itemRecorded'>;
  /** Work shorter than this that ends (`done`) wants nobody's attention (SESSION_QUIET_SECONDS, the quiet notice's). */
  briefWorkMs: number;
  identity(): HubIdentity;
  log(): Logger;
}

export class Relay {
  /** The states being recorded, in arrival order (`inOrder`). */
  private stateChain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RelayDeps) {}

  fromSubscriber(ws: WebSocket, att: SubscriberAttachment, frame: string | ArrayBuffer, now: number): void {
    const verdict = judgeSubscriberFrame(frame, att);
    if (verdict.kind === 'reject') {
      ws.send(JSON.stringify(verdict.error));
      return;
    }
    const current = updateAttachment(ws, att, { lastActiveAt: activityMark(now) });
    if (verdict.kind === 'forward' && verdict.ack !== undefined) this.deps.sockets.acked(ws, verdict.ack);
    if (verdict.kind === 'pong') {
      ws.send(PONG);
      return;
    }
    if (verdict.kind === 'resize') {
      this.deps.sizes.resize(ws, current, verdict.size, verdict.claim, now);
      return;
    }
    const gateway = this.deps.sockets.liveGateway();
    if (gateway === null) {
      ws.send(INPUT_OFFLINE);
      return;
    }
    if (verdict.kind === 'forward' && verdict.input) {
      this.deps.sizes.input(ws, current, now);
      this.deps.surfaces.input(att.sessionNumber);
    }
    if (verdict.kind === 'snapshot') this.askSnapshot(ws, current, gateway, verdict.text, now);
    else gateway.send(verdict.text);
    if (verdict.kind === 'snapshot' || verdict.attach) this.deps.sizes.attached(ws, current);
    if (verdict.kind === 'snapshot' || verdict.activity) this.deps.traffic.sessionActivity(att.sessionNumber, now);
    if (verdict.kind === 'snapshot') {
      this.deps.traffic.sessionOpened(att.sessionNumber, now);
      this.deps.surfaces.attention.cleared(att.sessionNumber, 'seen', now);
    }
  }

  /** A terminal-output frame: to its session's subscribers byte for byte, each within its backlog bound. */
  output(ws: WebSocket, frame: ArrayBuffer, now: number): void {
    const decoded = decodeFrame(new Uint8Array(frame));
    if (!decoded.ok) {
      sendError(ws, decoded.error);
      return;
    }
    const { sessionNumber, seq } = decoded.value;
    const closed = this.deps.sockets.sendOutput(sessionNumber, seq, frame);
    if (closed > 0)
      this.deps.log().warn('viewers closed: too far behind on acks', { session_id: sessionNumber, closed });
    this.deps.traffic.sessionActivity(sessionNumber, now);
    this.deps.surfaces.output(sessionNumber, seq, frame.byteLength, now);
  }

  async fromGateway(ws: WebSocket, msg: ProtocolMessage, text: string, route: RelayRoute, now: number): Promise<void> {
    const { sockets, records, replies } = this.deps;
    switch (route.kind) {
      case 'reject':
        sendError(ws, { code: route.code, message: route.message });
        return;
      case 'update':
        this.deps.updates.onMessage(msg, now);
        return;
      case 'health': {
        const health = msg as GatewayHealth;
        this.deps.stored.healthHistory = appendHealth(this.deps.stored.healthHistory, healthSample(health, now));
        await records.health(this.deps.identity().gatewayId, health, now);
        sockets.broadcast(text);
        return;
      }
      case 'subscriber':
        if (answersAttach(msg)) this.answerAttach(route.subId, msg, text);
        else sockets.sendToSubscriber(route.subId, text);
        return;
      case 'session': {
        replies.offer(msg);
        const { vpsId } = this.deps.identity();
        if (route.lifecycle === 'started') await records.sessionStarted(vpsId, route.number);
        if (route.lifecycle === 'exited') await records.sessionExited(vpsId, msg as SessionExited, now);
        if (route.lifecycle === 'state') {
          await this.inOrder(() => this.recordState(route.number, msg as SessionState, text, now));
          return;
        }
        if (route.lifecycle === 'started') this.deps.surfaces.started(route.number, now);
        if (route.lifecycle === 'ended') {
          const { reason } = msg as SessionEnded;
          await records.sessionEnded(vpsId, route.number, reason, now);
          this.surfacesEnded(route.number, reason);
        }
        // An exited session keeps its viewers: its screen stays readable, and a restart brings it back to them.
        if (route.lifecycle === 'ended') sockets.endSession(route.number, text);
        else sockets.sendToSession(route.number, text);
        return;
      }
      case 'reply':
        if (!replies.offer(msg)) this.deps.log().warn('gateway reply nobody waits for', { type: msg.type });
        return;
    }
  }

  /**
   * Records an agent state and tells whoever it wants. Two states sent close together (a hook's working, then the
   * screen's question) can reach the hub in either order, and the hub takes the next message while D1 answers: the
   * record keeps the state with the highest `seq` (`records.ts`), and states are recorded one at a time, in the order
   * the hub took them, so viewers and channels hear them in the order they were recorded.
   */
  private async recordState(number: number, state: SessionState, text: string, now: number): Promise<void> {
    this.deps.surfaces.stateReported(number);
    const watched = this.deps.sockets.ofSession(number).length > 0;
    const { vpsId } = this.deps.identity();
    const recorded = await this.deps.records.sessionState(vpsId, state, watched, now, this.deps.briefWorkMs);
    // Not recorded: a state that came after a newer one (its seq), or of a session D1 does not hold. Nobody hears it.
    if (recorded === null) return;
    await this.deps.continues.stateRecorded(state, recorded.continueAtReset);
    this.deps.sockets.sendToSession(number, text);
    // The agent went on: what its channels were told it asked no longer waits.
    if (!wantsAttention(state.state)) this.deps.surfaces.attention.movedOn(number, now);
    // Someone watching saw it arrive, or it is a quick command's end: the item starts seen, no channel is told.
    const item = recorded.seen ? null : attentionOf(state, recorded.continueAtReset);
    if (item === null) return;
    this.deps.surfaces.attention.wanted(number, item, now);
    await this.deps.pushes.itemRecorded(now);
  }

  private inOrder(work: () => Promise<void>): Promise<void> {
    const next = this.stateChain.then(work, work);
    this.stateChain = next.catch(() => undefined);
    return next;
  }

  /** A session the hub learnt has ended: any command waiting for it is answered, its subscribers told and closed. */
  sessionEnded(msg: SessionEnded): void {
    this.deps.replies.offer(msg);
    this.deps.sockets.endSession(msg.session_id, JSON.stringify(msg));
    this.surfacesEnded(msg.session_id, msg.reason);
  }

  /** A lost session is stopped, not ended: it can be restarted, and its surfaces stay for when it is. */
  private surfacesEnded(number: number, reason: SessionEnded['reason']): void {
    if (reason !== 'lost') this.deps.surfaces.ended(number, reason);
  }

  /** A fresh attach goes to the gateway only when no snapshot for the session is on its way already. */
  private askSnapshot(ws: WebSocket, att: SubscriberAttachment, gateway: WebSocket, text: string, now: number): void {
    const { sockets } = this.deps;
    const connId = sockets.currentConn() ?? '';
    const waits = sockets.ofSession(att.sessionNumber).map((sub) => sub.att.snapshotWait);
    const inFlight = snapshotInFlight(waits, connId, now);
    updateAttachment(ws, att, { snapshotWait: { since: now, connId } });
    if (!inFlight) gateway.send(text);
  }

  /**
   * The gateway's answer to the attach of subscriber `subId`: to that subscriber, and to every viewer of the session
   * waiting for a snapshot. A `session.error` is shared only when it answers a snapshot request (its subscriber waits
   * for one, or has gone); an error about anything else is that subscriber's alone.
   */
  private answerAttach(
    subId: string,
    msg: Extract<ProtocolMessage, { type: 'session.snapshot' | 'session.error' }>,
    text: string,
  ): void {
    const { sockets } = this.deps;
    const viewers = sockets.ofSession(msg.session_id);
    sockets.sendToSubscriber(subId, text);
    const asker = viewers.find((sub) => sub.att.subId === subId);
    const shared = msg.type === 'session.snapshot' || asker === undefined || asker.att.snapshotWait !== undefined;
    if (!shared) return;
    const forViewer = answerWithRef(msg);
    for (const { ws, att } of viewers) {
      if (att.snapshotWait === undefined) continue;
      if (att.subId !== subId) sendQuietly(ws, forViewer(att.subId));
      updateAttachment(ws, att, { snapshotWait: undefined });
    }
  }
}
