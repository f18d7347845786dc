/**
 * The hub's sockets, kept the way partyserver's connection manager keeps them: accepted with tags that mirror their
 * attachment (for `getWebSockets(tag)` lookups), their attachments served from memory (`attachment-cache.ts`), which
 * gateway socket is live, and sending to groups of subscribers without throwing.
 */

import { CloseCode } from '@vibecode/schemas';
import { type GatewayAttachment, type SubscriberAttachment, Tag, tagsFor } from './attachment.ts';
import { readAttachment, updateAttachment, writeAttachment } from './attachment-cache.ts';
import type { HubStorage } from './hub-storage.ts';
import { VIEWER_BACKLOG_MAX_BYTES } from './limits.ts';
import { closeQuietly, endSubscribers, sendQuietly } from './sockets.ts';
import { backlogOf } from './viewer-backlog.ts';

export class HubSockets {
  /** The stored `current_conn`, read once per incarnation and written through; undefined until read. */
  private current: string | null | undefined;
  /** The live gateway socket as last found; undefined until looked for (after a wake) or after it may have changed. */
  private live: WebSocket | null | undefined;

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly stored: HubStorage,
  ) {}

  acceptSubscriber(ws: WebSocket, attachment: SubscriberAttachment): void {
    this.ctx.acceptWebSocket(ws, tagsFor(attachment));
    writeAttachment(ws, attachment);
  }

  /** Accepts a gateway socket as the current one; returns the older gateway sockets, which no longer count. */
  acceptGateway(ws: WebSocket): WebSocket[] {
    const previous = this.gateways();
    const connId = crypto.randomUUID();
    this.setCurrentConn(connId);
    const attachment: GatewayAttachment = { role: 'gateway', connId, hello: false };
    this.ctx.acceptWebSocket(ws, tagsFor(attachment));
    writeAttachment(ws, attachment);
    return previous;
  }

  /** The gateway socket said hello: it is the live one from now on. */
  gatewayHello(ws: WebSocket, att: GatewayAttachment): void {
    updateAttachment(ws, att, { hello: true });
    this.live = undefined;
  }

  /** The current gateway socket is gone: none counts until the next one is accepted. */
  dropCurrentGateway(): void {
    this.setCurrentConn(undefined);
  }

  /** The id of the gateway socket accepted last, if it is still there. */
  currentConn(): string | undefined {
    if (this.current === undefined) this.current = this.stored.currentConn ?? null;
    return this.current ?? undefined;
  }

  /** The gateway socket that counts: the one accepted last, once it said hello. */
  liveGateway(): WebSocket | null {
    if (this.live === undefined) this.live = this.findLiveGateway();
    return this.live?.readyState === WebSocket.OPEN ? this.live : null;
  }

  /** Whether this gateway socket is the one accepted last (an older one is closed when it speaks). */
  isCurrent(att: GatewayAttachment): boolean {
    return att.connId === this.currentConn();
  }

  private gateways(): WebSocket[] {
    return this.ctx.getWebSockets(Tag.gateway);
  }

  subscribers(): WebSocket[] {
    return this.ctx.getWebSockets(Tag.subscriber);
  }

  /** A session's subscribers with their attachments. */
  ofSession(number: number): { ws: WebSocket; att: SubscriberAttachment }[] {
    const found = [];
    for (const ws of this.ctx.getWebSockets(Tag.session(number))) {
      const att = readAttachment(ws);
      if (att?.role === 'subscriber') found.push({ ws, att });
    }
    return found;
  }

  /**
   * An output frame to a session's viewers, each within its backlog bound; a viewer the frame would put past it is
   * closed instead (`viewer-backlog.ts`). Returns how many were closed.
   */
  sendOutput(number: number, seq: number, frame: ArrayBuffer): number {
    let closed = 0;
    for (const ws of this.ctx.getWebSockets(Tag.session(number))) {
      const backlog = backlogOf(ws, VIEWER_BACKLOG_MAX_BYTES);
      if (backlog.admit(seq, frame.byteLength)) {
        sendQuietly(ws, frame);
      } else if (ws.readyState === WebSocket.OPEN) {
        closeQuietly(ws, CloseCode.TooFarBehind, 'too far behind: reconnect to resume');
        closed += 1;
      }
    }
    return closed;
  }

  /** The viewer holds every output frame up to `seq`. */
  acked(ws: WebSocket, seq: number): void {
    backlogOf(ws, VIEWER_BACKLOG_MAX_BYTES).ack(seq);
  }

  sendToSession(number: number, data: string | ArrayBuffer): void {
    for (const ws of this.ctx.getWebSockets(Tag.session(number))) sendQuietly(ws, data);
  }

  sendToSubscriber(subId: string, text: string): void {
    for (const ws of this.ctx.getWebSockets(Tag.sub(subId))) sendQuietly(ws, text);
  }

  /** Hands a session's subscribers its `session.ended` frame, then closes them. */
  endSession(number: number, ended: string): void {
    endSubscribers(this.ctx.getWebSockets(Tag.session(number)), ended);
  }

  broadcast(text: string): void {
    for (const ws of this.subscribers()) sendQuietly(ws, text);
  }

  private setCurrentConn(connId: string | undefined): void {
    this.stored.currentConn = connId;
    this.current = connId ?? null;
    this.live = undefined;
  }

  private findLiveGateway(): WebSocket | null {
    const current = this.currentConn();
    for (const ws of this.gateways()) {
      const att = readAttachment(ws);
      if (att?.role === 'gateway' && att.connId === current && att.hello) return ws;
    }
    return null;
  }
}
