/**
 * The hub's terminal viewers (the web's and the Mini App's subscriber sockets) joining and leaving: a join is told at
 * once when the gateway is offline and arms the idle check; a leave frees its size claim and marks when the server
 * was last watched; the presence the opt-in power-off asks for (`viewer-presence.ts`); and the closing of every
 * viewer a signed-out web session opened, with the refusal of the new ones it asks for while any isolate may still
 * take its cookie as live (`recent-web-sessions.ts`).
 */
import { CloseCode, message } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import { WEB_SESSION_CACHE_MS } from '../auth/recent-web-sessions.ts';
import { SUBSCRIBER_REF_PREFIX, type SubscriberAttachment, subscriberLogFields, Tag } from './attachment.ts';
import type { HubAlarm } from './hub-alarm.ts';
import type { HubSockets } from './hub-sockets.ts';
import type { HubStorage, SignedOutWebSession } from './hub-storage.ts';
import { activityMark } from './idle.ts';
import type { HubConnect } from './internal-request.ts';
import type { SessionSizes } from './session-sizes.ts';
import { closeQuietly } from './sockets.ts';
import type { ViewerPresence } from './viewer-presence.ts';

export interface HubViewersDeps {
  ctx: DurableObjectState;
  sockets: HubSockets;
  stored: HubStorage;
  sizes: SessionSizes;
  alarms: () => HubAlarm;
  log(): Logger;
}

/**
 * How long a hub refuses new viewers of a web session it was told was signed out: longer than any isolate takes a
 * cookie it resolved as still live (WEB_SESSION_CACHE_MS), with a minute's margin for the isolates' clocks.
 */
export const SIGNED_OUT_REFUSED_MS = WEB_SESSION_CACHE_MS + 60_000;
/** Signed-out sessions remembered at most (a sign-out everywhere names all of its user's); past it the oldest go. */
const MAX_SIGNED_OUT = 500;

export class HubViewers {
  /** The web sessions signed out lately (stored), read once per incarnation and written through. */
  private signedOutList: SignedOutWebSession[] | undefined;

  constructor(private readonly deps: HubViewersDeps) {}

  /** Whether web session `id` was signed out lately: a new viewer it opens is refused, wherever its cookie is cached. */
  signedOut(id: string, now: number): boolean {
    return this.signedOutSessions().some((s) => s.id === id && now < s.until);
  }

  async accept(server: WebSocket, connect: Extract<HubConnect, { role: 'subscriber' }>, now: number): Promise<void> {
    const { sockets, stored, sizes } = this.deps;
    const attachment: SubscriberAttachment = {
      role: 'subscriber',
      subId: `${SUBSCRIBER_REF_PREFIX}${crypto.randomUUID()}`,
      userId: connect.userId,
      sessionId: connect.sessionId,
      sessionNumber: connect.sessionNumber,
      webSession: connect.webSession,
      lastActiveAt: activityMark(now),
      attachedAt: sizes.attachMark(connect.sessionNumber, now),
    };
    sockets.acceptSubscriber(server, attachment);
    this.deps.log().info('subscriber joined', subscriberLogFields(attachment));
    if (sockets.liveGateway() === null) {
      const since = stored.offlineSince ?? new Date(now).toISOString();
      server.send(JSON.stringify(message('gateway.offline', { gateway_id: connect.gatewayId, since })));
    }
    await this.deps.alarms().watchIdle(now);
  }

  left(att: SubscriberAttachment, why: string, now: number): void {
    this.deps.log().info('subscriber left', { ...subscriberLogFields(att), why });
    this.deps.sizes.left(att);
    this.deps.stored.lastViewerAt = now;
  }

  /**
   * Who is watching now. Written while someone is (and when a viewer leaves), not when one joins: a join's answer
   * waits on no storage write.
   */
  presence(now: number): ViewerPresence {
    const viewers = this.deps.sockets.subscribers().filter((ws) => ws.readyState === WebSocket.OPEN).length;
    if (viewers > 0) this.deps.stored.lastViewerAt = now;
    return { viewers, lastViewerAt: this.deps.stored.lastViewerAt ?? null };
  }

  /**
   * Closes every viewer socket opened by one of these web sessions (signed out or revoked), and refuses their new
   * ones for SIGNED_OUT_REFUSED_MS; returns how many were closed.
   */
  closeWebSessions(ids: readonly string[], now: number): number {
    const kept = this.signedOutSessions().filter((s) => now < s.until && !ids.includes(s.id));
    const added = ids.map((id) => ({ id, until: now + SIGNED_OUT_REFUSED_MS }));
    this.signedOutList = [...kept, ...added].slice(-MAX_SIGNED_OUT);
    this.deps.stored.signedOutWebSessions = this.signedOutList;
    const viewers = ids.flatMap((id) => this.deps.ctx.getWebSockets(Tag.webSession(id)));
    for (const ws of viewers) closeQuietly(ws, CloseCode.SignedOut, 'signed out');
    if (viewers.length > 0) this.deps.log().info('viewers closed: web session signed out', { closed: viewers.length });
    return viewers.length;
  }

  private signedOutSessions(): SignedOutWebSession[] {
    this.signedOutList ??= this.deps.stored.signedOutWebSessions;
    return this.signedOutList;
  }
}
