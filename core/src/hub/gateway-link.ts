/**
 * The gateway link's lifecycle: a gateway socket is accepted as the current one (an older one is closed as
 * replaced), its first frame must be a `gateway.hello` of this protocol version for this gateway, and every accepted
 * hello — the first, or one sent again later — takes the one hello path: sessions reconciled, the gateway recorded
 * online, an update in progress settled, `gateway.welcome`, and on the first one `gateway.online` to every viewer.
 * When the current socket goes, the gateway is offline: waiting commands fail and every viewer is told.
 * Everything after the hello goes to the relay.
 */
import { CloseCode, type GatewayHello, message, parseTextFrame } from '@vibecode/schemas';
import type { Logger } from '@vibecode/schemas/log';
import type { GatewayAttachment } from './attachment.ts';
import { routeGatewayMessage } from './gateway-routing.ts';
import { HubError } from './hub-error.ts';
import type { HubSockets } from './hub-sockets.ts';
import type { HubIdentity, HubStorage } from './hub-storage.ts';
import { reconcileSessions } from './reconcile.ts';
import type { HubRecords } from './records.ts';
import type { Relay } from './relay.ts';
import type { ReplyRouter } from './reply-router.ts';
import { type SchemaErrorRecord, schemaUnsupportedError, unsupportedHello } from './schema-support.ts';
import { closeQuietly, sendError, sendQuietly } from './sockets.ts';
import type { SurfaceViewer } from './surface-viewer.ts';
import type { TrafficRecords } from './traffic-records.ts';
import type { UpdateTracker } from './update-tracker.ts';

export interface HubStatus {
  online: boolean;
  offlineSince: string | null;
}

export interface GatewayLinkDeps {
  sockets: HubSockets;
  stored: HubStorage;
  records: Pick<HubRecords, 'gatewayOnline' | 'gatewayOffline' | 'liveSessions' | 'sessionsLost'>;
  replies: ReplyRouter;
  updates: UpdateTracker;
  traffic: TrafficRecords;
  relay: Relay;
  surfaces: Pick<SurfaceViewer, 'gatewayBack'>;
  identity(): HubIdentity;
  log(): Logger;
}

const HELLO_REQUIRED = {
  code: 'protocol.hello_required',
  message: 'the first frame must be gateway.hello for this gateway',
};

export class GatewayLink {
  constructor(private readonly deps: GatewayLinkDeps) {}

  accept(ws: WebSocket): void {
    const previous = this.deps.sockets.acceptGateway(ws);
    for (const old of previous) closeQuietly(old, CloseCode.Replaced, 'replaced by a newer gateway connection');
    this.deps.log().info('gateway socket accepted', { replaced: previous.length });
  }

  status(): HubStatus {
    const online = this.deps.sockets.liveGateway() !== null;
    return { online, offlineSince: online ? null : (this.deps.stored.offlineSince ?? null) };
  }

  async onFrame(ws: WebSocket, att: GatewayAttachment, frame: string | ArrayBuffer, now: number): Promise<void> {
    if (!this.deps.sockets.isCurrent(att)) {
      closeQuietly(ws, CloseCode.Replaced, 'replaced by a newer gateway connection');
      return;
    }
    if (!att.hello) {
      await this.onFirstFrame(ws, att, frame, now);
      return;
    }
    this.deps.traffic.gatewaySeen(now);
    if (typeof frame !== 'string') {
      this.deps.relay.output(ws, frame, now);
      return;
    }
    const parsed = parseTextFrame(frame);
    if (!parsed.ok) {
      sendError(ws, parsed.error);
      return;
    }
    const route = routeGatewayMessage(parsed.value);
    if (route.kind === 'hello') await this.hello(ws, att, parsed.value as GatewayHello, now);
    else await this.deps.relay.fromGateway(ws, parsed.value, frame, route, now);
  }

  /** A gateway socket closed or failed. Only the current one matters: an older one was replaced already. */
  async onGone(att: GatewayAttachment, why: string, now: number): Promise<void> {
    const { sockets, stored } = this.deps;
    if (!sockets.isCurrent(att)) return;
    sockets.dropCurrentGateway();
    if (!att.hello) return;
    const since = new Date(now).toISOString();
    stored.offlineSince = since;
    this.deps.replies.failAll(new HubError('gateway.offline', 'the gateway went offline'));
    const { gatewayId, vpsId } = this.deps.identity();
    this.deps.log().info('gateway offline', { why });
    sockets.broadcast(JSON.stringify(message('gateway.offline', { gateway_id: gatewayId, since })));
    await this.deps.records.gatewayOffline(gatewayId, vpsId, now);
  }

  /** The first frame: a hello of another protocol version is refused as such; anything but a valid hello, 4001. */
  private async onFirstFrame(ws: WebSocket, att: GatewayAttachment, frame: string | ArrayBuffer, now: number) {
    const unsupported = unsupportedHello(frame, now);
    if (unsupported !== null) {
      this.refuse(ws, unsupported);
      return;
    }
    const parsed = typeof frame === 'string' ? parseTextFrame(frame) : null;
    if (
      parsed?.ok &&
      parsed.value.type === 'gateway.hello' &&
      parsed.value.gateway_id === this.deps.identity().gatewayId
    ) {
      await this.hello(ws, att, parsed.value, now);
      return;
    }
    sendError(ws, parsed !== null && !parsed.ok ? parsed.error : HELLO_REQUIRED);
    closeQuietly(ws, CloseCode.HelloRequired, 'gateway.hello required');
  }

  /**
   * The one hello path. The socket counts as live from here on, before the awaits, so input typed meanwhile reaches
   * the gateway. Reconciling comes before `gateway.online`, so a viewer of a session that did not survive is told so
   * instead of re-attaching; the welcome comes once the hello is recorded, since a freshly updated gateway keeps its
   * new release only after it. A hello sent again on a live socket re-announces sessions: viewers hear nothing new.
   */
  private async hello(ws: WebSocket, att: GatewayAttachment, hello: GatewayHello, now: number): Promise<void> {
    const { sockets, stored, identity } = this.deps;
    const first = !att.hello;
    if (first) {
      sockets.gatewayHello(ws, att);
      stored.offlineSince = undefined;
      stored.provisioningDeadline = undefined;
    }
    this.deps.traffic.gatewaySeenRecorded(now);
    const { gatewayId, vpsId } = identity();
    if (hello.sessions !== undefined) {
      const deps = {
        records: this.deps.records,
        ended: this.deps.relay.sessionEnded.bind(this.deps.relay),
        log: this.deps.log(),
      };
      await reconcileSessions(deps, vpsId, hello.sessions);
    }
    await this.deps.records.gatewayOnline(gatewayId, vpsId, hello.version, now);
    if (first) this.deps.log().info('gateway online', { version: hello.version });
    this.deps.updates.onHello(hello.version, now);
    sendQuietly(ws, JSON.stringify(message('gateway.welcome', { gateway_id: gatewayId })));
    if (first) sockets.broadcast(JSON.stringify(message('gateway.online', { gateway_id: gatewayId })));
    if (first) this.deps.surfaces.gatewayBack(now);
  }

  /** A hello of another protocol version: a typed error, close 4010, and a record for the server page. */
  private refuse(ws: WebSocket, refused: SchemaErrorRecord): void {
    this.deps.updates.onRefused(refused);
    const error = schemaUnsupportedError(refused);
    this.deps.log().warn('gateway hello refused', { code: error.code, gateway_version: refused.gatewayVersion });
    sendError(ws, error);
    closeQuietly(ws, CloseCode.SchemaUnsupported, 'protocol version not supported');
  }
}
