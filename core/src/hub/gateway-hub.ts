/**
 * GatewayHub: one Durable Object per gateway (`idFromName(gateway_id)`), on the WebSocket Hibernation API.
 * It holds the gateway's socket and the subscribers of its sessions, relays frames between them, records
 * gateway and session state in D1, and offers RPC methods the Worker uses to command the gateway.
 *
 * This class only wires sockets, storage and RPC; the rules live in the pure modules beside it. Everything a
 * woken hub needs is in socket attachments/tags or DO storage (`hub-storage.ts`): the identity it was given
 * by the Worker, which gateway socket is current, since when the gateway is offline, the last hour of health, the
 * gateway's update and the last hello refused for its protocol version.
 */
import { DurableObject } from 'cloudflare:workers';
import {
  decodeFrame,
  FILE_TRANSFER_TIMEOUT_MS,
  type GatewayHealth,
  type GatewayHello,
  message,
  type ProtocolMessage,
  parseTextFrame,
  type SessionEnded,
  type SshKeys,
} from '@vibecode/schemas';
import { digestStreamHasher } from '../files/digest-stream-hasher.ts';
import { type Download, type DownloadRequest, relayDownload } from '../files/download-relay.ts';
import { relayUpload, type UploadRequest, type UploadResult } from '../files/upload-relay.ts';
import { createLogger, type Logger } from '../log.ts';
import { type Notifier, notification } from '../notify/notification.ts';
import {
  type GatewayAttachment,
  isSocketAttachment,
  RPC_REF_PREFIX,
  SUBSCRIBER_REF_PREFIX,
  type SubscriberAttachment,
  Tag,
  tagsFor,
} from './attachment.ts';
import { CloseCode } from './close-codes.ts';
import type { GatewayChannel } from './gateway-channel.ts';
import { createSession, endSession, type SessionCreateArgs, type SshCommand, sshCommand } from './gateway-commands.ts';
import { routeGatewayMessage } from './gateway-routing.ts';
import type { UpdateRecord } from './gateway-update.ts';
import { appendHealth, type HealthSample, healthSample, recentHealth } from './health-history.ts';
import { asHubResult, HubError, type HubResult } from './hub-error.ts';
import { type HubIdentity, HubStorage } from './hub-storage.ts';
import { planIdle } from './idle.ts';
import { type HubConnect, parseHubUpgrade } from './internal-request.ts';
import {
  COMMAND_TIMEOUT_MS,
  MAX_PENDING_REPLIES,
  MAX_SUBSCRIBERS,
  RECORD_THROTTLE_MS,
  SUBSCRIBER_IDLE_MS,
} from './limits.ts';
import { planAlarm } from './provisioning-alarm.ts';
import { reconcileSessions } from './reconcile.ts';
import { type HubRecords, hubRecords } from './records.ts';
import { ReplyRouter } from './reply-router.ts';
import { type SchemaErrorRecord, schemaUnsupportedError, unsupportedHello } from './schema-support.ts';
import { closeQuietly, endSubscribers, sendQuietly } from './sockets.ts';
import { judgeSubscriberFrame } from './subscriber-rules.ts';
import { Throttle } from './throttle.ts';
import { type HubUpdateState, type UpdateCommand, UpdateTracker } from './update-tracker.ts';

const PING = JSON.stringify(message('ping', {}));
const PONG = JSON.stringify(message('pong', {}));

export interface HubStatus {
  online: boolean;
  offlineSince: string | null;
}

/**
 * Abstract only in where lifecycle notifications go: the Worker entry subclasses it with the channels' notifier
 * (dependency injection), so core never imports a channel.
 */
export abstract class GatewayHub extends DurableObject<Env> {
  /** Names this in-memory incarnation in logs, so a restart or a wake from hibernation is visible. */
  readonly instanceId = crypto.randomUUID();
  private readonly replies = new ReplyRouter(MAX_PENDING_REPLIES);
  private readonly throttle = new Throttle(RECORD_THROTTLE_MS);
  private readonly records: HubRecords;
  private readonly channel: GatewayChannel;
  private readonly stored: HubStorage;
  private readonly updates: UpdateTracker;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.records = hubRecords(env.DB);
    this.stored = new HubStorage(ctx.storage.kv);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.channel = {
      send: (msg) => this.sendToGateway(msg),
      open: (match, capacity) => this.replies.open(match, capacity),
      newRef: () => `${RPC_REF_PREFIX}${crypto.randomUUID()}`,
    };
    this.updates = new UpdateTracker(this.stored, this.channel, () => this.log());
  }

  // ---- sockets -------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const connect = parseHubUpgrade(request);
    if (connect === null || request.headers.get('Upgrade') !== 'websocket') {
      return Response.json({ error: { code: 'hub.bad_request', message: 'not a hub upgrade' } }, { status: 400 });
    }
    this.stored.remember(connect);
    if (connect.role === 'subscriber' && this.ctx.getWebSockets(Tag.subscriber).length >= MAX_SUBSCRIBERS) {
      return Response.json(
        { error: { code: 'hub.too_many_subscribers', message: `at most ${MAX_SUBSCRIBERS} viewers per gateway` } },
        { status: 429 },
      );
    }
    const { 0: client, 1: server } = new WebSocketPair();
    if (connect.role === 'gateway') this.acceptGateway(server);
    else await this.acceptSubscriber(server, connect);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, frame: string | ArrayBuffer): Promise<void> {
    const attachment = ws.deserializeAttachment() as unknown;
    if (!isSocketAttachment(attachment)) return;
    if (attachment.role === 'gateway') await this.onGatewayFrame(ws, attachment, frame);
    else this.onSubscriberFrame(ws, attachment, frame);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.onSocketGone(ws, `closed ${code} ${reason}`);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    await this.onSocketGone(ws, `error ${String(error)}`);
  }

  protected abstract notifier(): Notifier;

  /**
   * The one alarm: closes subscribers without a heartbeat for the idle period, times provisioning out when no
   * `gateway.hello` came by its deadline, then re-arms for whichever is next.
   */
  override async alarm(): Promise<void> {
    const now = Date.now();
    const sockets = new Map<string, { ws: WebSocket; att: SubscriberAttachment }>();
    const views = [];
    for (const ws of this.ctx.getWebSockets(Tag.subscriber)) {
      const att = ws.deserializeAttachment() as SubscriberAttachment;
      sockets.set(att.subId, { ws, att });
      views.push({
        id: att.subId,
        lastActiveAt: att.lastActiveAt,
        lastPingAt: this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? null,
      });
    }
    const plan = planIdle(views, now, SUBSCRIBER_IDLE_MS);
    for (const id of plan.close) {
      const socket = sockets.get(id);
      if (!socket) continue;
      this.log().info('closing idle subscriber', subscriberFields(socket.att));
      closeQuietly(socket.ws, CloseCode.Idle, 'idle: no heartbeat for 10 minutes');
    }
    const next = planAlarm(plan.nextCheckAt, this.stored.provisioningDeadline ?? null, now);
    if (next.provisioningTimedOut) {
      this.stored.provisioningDeadline = undefined;
      await this.onProvisioningTimeout(now);
    }
    if (next.nextAlarmAt !== null) await this.ctx.storage.setAlarm(next.nextAlarmAt);
  }

  // ---- RPC for the Worker ---------------------------------------------------------------------------------

  /** A droplet was created for this hub's gateway: no `gateway.hello` by `deadline` → `provisioning_timeout`. */
  async watchProvisioning(gatewayId: string, vpsId: string, deadline: number): Promise<void> {
    this.stored.remember({ gatewayId, vpsId });
    this.stored.provisioningDeadline = deadline;
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > deadline) await this.ctx.storage.setAlarm(deadline);
  }

  async status(): Promise<HubStatus> {
    const online = this.liveGateway() !== null;
    return { online, offlineSince: online ? null : (this.stored.offlineSince ?? null) };
  }

  /** The health samples of the last hour by the hub's clock (the one that stamped them), oldest first. */
  async healthHistory(): Promise<HealthSample[]> {
    return recentHealth(this.stored.healthHistory, Date.now());
  }

  /** The gateway's update as it stands now (a silent one has timed out) and the last refused hello, if any. */
  async updateState(): Promise<HubUpdateState> {
    return this.updates.state(Date.now());
  }

  /** Sends `gateway.update` unless one is in progress; its progress then arrives as `gateway.update.status`. */
  async requestUpdate(release: UpdateCommand): Promise<HubResult<UpdateRecord>> {
    return asHubResult(async () => this.updates.request(release, Date.now()));
  }

  async createSession(args: SessionCreateArgs): Promise<HubResult<null>> {
    return asHubResult(async () => {
      await createSession(this.channel, args, COMMAND_TIMEOUT_MS);
      return null;
    });
  }

  async endSession(number: number): Promise<HubResult<null>> {
    return asHubResult(async () => {
      await endSession(this.channel, number, COMMAND_TIMEOUT_MS);
      return null;
    });
  }

  async ssh(command: SshCommand): Promise<HubResult<SshKeys['keys']>> {
    return asHubResult(() => sshCommand(this.channel, command, COMMAND_TIMEOUT_MS));
  }

  async uploadFile(upload: UploadRequest, body: ReadableStream<Uint8Array>): Promise<HubResult<UploadResult>> {
    return asHubResult(() => relayUpload(this.channel, upload, body, this.transferOptions()));
  }

  async downloadFile(download: DownloadRequest): Promise<HubResult<Download>> {
    return asHubResult(() => relayDownload(this.channel, download, this.transferOptions()));
  }

  // ---- gateway side ---------------------------------------------------------------------------------------

  private acceptGateway(server: WebSocket): void {
    const connId = crypto.randomUUID();
    const previous = this.ctx.getWebSockets(Tag.gateway);
    this.stored.currentConn = connId;
    const attachment: GatewayAttachment = { role: 'gateway', connId, hello: false };
    this.ctx.acceptWebSocket(server, tagsFor(attachment));
    server.serializeAttachment(attachment);
    for (const old of previous) closeQuietly(old, CloseCode.Replaced, 'replaced by a newer gateway connection');
    this.log().info('gateway socket accepted', { replaced: previous.length });
  }

  private async onGatewayFrame(ws: WebSocket, att: GatewayAttachment, frame: string | ArrayBuffer): Promise<void> {
    if (att.connId !== this.stored.currentConn) {
      closeQuietly(ws, CloseCode.Replaced, 'replaced by a newer gateway connection');
      return;
    }
    const now = Date.now();
    if (!att.hello) {
      await this.onHello(ws, att, frame, now);
      return;
    }
    if (this.throttle.take('seen', now)) this.background(this.records.gatewaySeen(this.identity().gatewayId, now));
    if (typeof frame !== 'string') {
      this.onOutputFrame(ws, frame, now);
      return;
    }
    const parsed = parseTextFrame(frame);
    if (!parsed.ok) {
      ws.send(JSON.stringify(message('error', parsed.error)));
      return;
    }
    await this.onGatewayMessage(ws, parsed.value, frame, now);
  }

  private async onHello(
    ws: WebSocket,
    att: GatewayAttachment,
    frame: string | ArrayBuffer,
    now: number,
  ): Promise<void> {
    const { gatewayId, vpsId } = this.identity();
    const unsupported = unsupportedHello(frame, now);
    if (unsupported !== null) {
      this.refuseProtocol(ws, unsupported);
      return;
    }
    const parsed = typeof frame === 'string' ? parseTextFrame(frame) : null;
    if (
      parsed === null ||
      !parsed.ok ||
      parsed.value.type !== 'gateway.hello' ||
      parsed.value.gateway_id !== gatewayId
    ) {
      const error =
        parsed !== null && !parsed.ok
          ? parsed.error
          : { code: 'protocol.hello_required', message: 'the first frame must be gateway.hello for this gateway' };
      ws.send(JSON.stringify(message('error', error)));
      closeQuietly(ws, CloseCode.HelloRequired, 'gateway.hello required');
      return;
    }
    ws.serializeAttachment({ ...att, hello: true } satisfies GatewayAttachment);
    this.stored.offlineSince = undefined;
    this.stored.provisioningDeadline = undefined;
    this.throttle.take('seen', now);
    // Before gateway.online: a viewer of a session that did not survive is told so instead of re-attaching.
    await this.reconcile(parsed.value, now);
    await this.records.gatewayOnline(gatewayId, vpsId, parsed.value.version, now);
    this.log().info('gateway online', { version: parsed.value.version });
    this.welcome(ws, parsed.value, now);
    this.broadcast(JSON.stringify(message('gateway.online', { gateway_id: gatewayId })));
  }

  /** A hello of another protocol version: a typed error, close 4010, and a record for the server page. */
  private refuseProtocol(ws: WebSocket, refused: SchemaErrorRecord): void {
    this.updates.onRefused(refused);
    const error = schemaUnsupportedError(refused);
    this.log().warn('gateway hello refused', { code: error.code, gateway_version: refused.gatewayVersion });
    sendQuietly(ws, JSON.stringify(message('error', error)));
    closeQuietly(ws, CloseCode.SchemaUnsupported, 'protocol version not supported');
  }

  /**
   * After a hello is recorded: it settles an update in progress (the new version took, or it did not), and the
   * gateway is told it was accepted, which is what a freshly updated release waits for before it stays.
   */
  private welcome(ws: WebSocket, hello: GatewayHello, now: number): void {
    this.updates.onHello(hello.version, now);
    sendQuietly(ws, JSON.stringify(message('gateway.welcome', { gateway_id: this.identity().gatewayId })));
  }

  /** A hello listing the gateway's sessions ends the running ones it leaves out; without a list (older gateway), nothing. */
  private async reconcile(hello: GatewayHello, now: number): Promise<void> {
    if (hello.sessions === undefined) return;
    const ended = (msg: SessionEnded) => {
      this.replies.offer(msg);
      endSubscribers(this.ctx.getWebSockets(Tag.session(msg.session_id)), JSON.stringify(msg));
    };
    await reconcileSessions(
      { records: this.records, ended, log: this.log() },
      this.identity().vpsId,
      hello.sessions,
      now,
    );
  }

  private onOutputFrame(ws: WebSocket, frame: ArrayBuffer, now: number): void {
    const decoded = decodeFrame(new Uint8Array(frame));
    if (!decoded.ok) {
      ws.send(JSON.stringify(message('error', decoded.error)));
      return;
    }
    const number = decoded.value.sessionId;
    for (const sub of this.ctx.getWebSockets(Tag.session(number))) sendQuietly(sub, frame);
    this.noteActivity(number, now);
  }

  private async onGatewayMessage(ws: WebSocket, msg: ProtocolMessage, text: string, now: number): Promise<void> {
    const route = routeGatewayMessage(msg);
    const { gatewayId, vpsId } = this.identity();
    switch (route.kind) {
      case 'reject':
        ws.send(JSON.stringify(message('error', { code: route.code, message: route.message })));
        return;
      case 'hello': {
        const hello = msg as GatewayHello;
        await this.reconcile(hello, now);
        await this.records.gatewayOnline(gatewayId, vpsId, hello.version, now);
        this.welcome(ws, hello, now);
        return;
      }
      case 'update':
        this.updates.onMessage(msg, now);
        return;
      case 'health': {
        const health = msg as GatewayHealth;
        this.stored.healthHistory = appendHealth(this.stored.healthHistory, healthSample(health, now));
        await this.records.health(gatewayId, health, now);
        this.broadcast(text);
        return;
      }
      case 'subscriber':
        for (const sub of this.ctx.getWebSockets(Tag.sub(route.subId))) sendQuietly(sub, text);
        return;
      case 'session': {
        this.replies.offer(msg);
        if (route.lifecycle === 'started') await this.records.sessionStarted(vpsId, route.number);
        if (route.lifecycle === 'ended') await this.records.sessionEnded(vpsId, route.number, now);
        const subs = this.ctx.getWebSockets(Tag.session(route.number));
        if (route.lifecycle === 'ended') endSubscribers(subs, text);
        else for (const sub of subs) sendQuietly(sub, text);
        return;
      }
      case 'reply':
        if (!this.replies.offer(msg)) this.log().warn('gateway reply nobody waits for', { type: msg.type });
        return;
    }
  }

  private sendToGateway(msg: ProtocolMessage): void {
    const gateway = this.liveGateway();
    if (gateway === null) throw new HubError('gateway.offline', 'the gateway is offline');
    gateway.send(JSON.stringify(msg));
  }

  /** The current gateway socket, if it is open and has said hello. */
  private liveGateway(): WebSocket | null {
    const current = this.stored.currentConn;
    for (const ws of this.ctx.getWebSockets(Tag.gateway)) {
      const att = ws.deserializeAttachment() as GatewayAttachment;
      if (att.connId === current && att.hello && ws.readyState === WebSocket.OPEN) return ws;
    }
    return null;
  }

  // ---- subscriber side ------------------------------------------------------------------------------------

  private async acceptSubscriber(
    server: WebSocket,
    connect: Extract<HubConnect, { role: 'subscriber' }>,
  ): Promise<void> {
    const attachment: SubscriberAttachment = {
      role: 'subscriber',
      subId: `${SUBSCRIBER_REF_PREFIX}${crypto.randomUUID()}`,
      userId: connect.userId,
      sessionId: connect.sessionId,
      sessionNumber: connect.sessionNumber,
      lastActiveAt: Date.now(),
    };
    this.ctx.acceptWebSocket(server, tagsFor(attachment));
    server.serializeAttachment(attachment);
    this.log().info('subscriber joined', subscriberFields(attachment));
    if (this.liveGateway() === null) {
      const since = this.stored.offlineSince ?? new Date().toISOString();
      server.send(JSON.stringify(message('gateway.offline', { gateway_id: connect.gatewayId, since })));
    }
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + SUBSCRIBER_IDLE_MS);
  }

  private onSubscriberFrame(ws: WebSocket, att: SubscriberAttachment, frame: string | ArrayBuffer): void {
    const verdict = judgeSubscriberFrame(frame, att);
    const now = Date.now();
    if (verdict.kind === 'reject') {
      ws.send(JSON.stringify(verdict.error));
      return;
    }
    ws.serializeAttachment({ ...att, lastActiveAt: now } satisfies SubscriberAttachment);
    if (verdict.kind === 'pong') {
      ws.send(PONG);
      return;
    }
    const gateway = this.liveGateway();
    if (gateway === null) {
      ws.send(
        JSON.stringify(
          message('error', { code: 'gateway.offline', message: 'the gateway is offline; input was not delivered' }),
        ),
      );
      return;
    }
    gateway.send(verdict.text);
    if (verdict.activity) this.noteActivity(att.sessionNumber, now);
  }

  // ---- shared ---------------------------------------------------------------------------------------------

  private async onSocketGone(ws: WebSocket, why: string): Promise<void> {
    const att = ws.deserializeAttachment() as unknown;
    closeQuietly(ws, 1000, 'bye');
    if (!isSocketAttachment(att)) return;
    if (att.role === 'subscriber') {
      this.log().info('subscriber left', { ...subscriberFields(att), why });
      return;
    }
    if (att.connId !== this.stored.currentConn) return;
    this.stored.currentConn = undefined;
    if (!att.hello) return;
    const now = Date.now();
    const since = new Date(now).toISOString();
    this.stored.offlineSince = since;
    this.replies.failAll(new HubError('gateway.offline', 'the gateway went offline'));
    const { gatewayId, vpsId } = this.identity();
    this.log().info('gateway offline', { why });
    this.broadcast(JSON.stringify(message('gateway.offline', { gateway_id: gatewayId, since })));
    await this.records.gatewayOffline(gatewayId, vpsId, now);
  }

  private async onProvisioningTimeout(now: number): Promise<void> {
    const { vpsId } = this.identity();
    const timedOut = await this.records.provisioningTimedOut(vpsId, now);
    if (timedOut === null) return;
    this.log().warn('provisioning timed out: no gateway.hello', { user_id: timedOut.userId });
    try {
      await this.notifier().notify(
        notification('vps.provisioning_timeout', { userId: timedOut.userId, vpsId, vpsName: timedOut.name }, now),
      );
    } catch (error) {
      // The status already says timed out (the page shows Retry); a notifier that cannot even be built is logged.
      this.log().error('provisioning timeout notification failed', { error: String(error) });
    }
  }

  private noteActivity(number: number, now: number): void {
    if (this.throttle.take(`activity:${number}`, now)) {
      this.background(this.records.sessionActivity(this.identity().vpsId, number, now));
    }
  }

  private broadcast(text: string): void {
    for (const sub of this.ctx.getWebSockets(Tag.subscriber)) sendQuietly(sub, text);
  }

  private identity(): HubIdentity {
    const identity = this.stored.identity;
    if (identity === undefined) throw new HubError('internal', 'hub used before any connection named it');
    return identity;
  }

  private log(): Logger {
    const identity = this.stored.identity;
    return createLogger({
      gateway_id: identity?.gatewayId,
      vps_id: identity?.vpsId,
      component: 'hub',
      hub_instance: this.instanceId,
    });
  }

  private background(work: Promise<unknown>): void {
    this.ctx.waitUntil(work.catch((error) => this.log().error('hub record failed', { error: String(error) })));
  }

  private transferOptions() {
    const now = () => Date.now();
    return {
      replyTimeoutMs: COMMAND_TIMEOUT_MS,
      deadline: now() + FILE_TRANSFER_TIMEOUT_MS,
      now,
      hasher: digestStreamHasher(),
    };
  }
}

/** A subscriber's correlation ids for the hub's log lines. */
function subscriberFields(att: SubscriberAttachment) {
  return { session_id: att.sessionId, user_id: att.userId, sub_id: att.subId };
}
