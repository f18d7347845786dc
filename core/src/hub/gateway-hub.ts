/**
 * GatewayHub: one Durable Object per gateway (`idFromName(gateway_id)`), on the WebSocket Hibernation API.
 * It holds the gateway's socket and the subscribers of its sessions, relays frames between them, records
 * gateway and session state in D1, and offers RPC methods the Worker uses to command the gateway.
 *
 * This class only wires sockets, storage and RPC to the parts beside it: the sockets and their attachments
 * (`hub-sockets.ts`), the gateway link's lifecycle (`gateway-link.ts`), the relay (`relay.ts`), the alarm
 * (`hub-alarm.ts`), the terminal viewers joining and leaving (`hub-viewers.ts`), the gateway's updates
 * (`update-tracker.ts`), the sessions shown on channel surfaces (`surface-viewer.ts`) and the commands the Worker
 * gives a session (`session-commands.ts`). Everything a woken hub needs
 * is in socket attachments/tags or DO storage (`hub-storage.ts`).
 */
import { DurableObject } from 'cloudflare:workers';
import { message, type SshKeys } from '@vibecode/schemas';
import { createLogger, type Logger } from '@vibecode/schemas/log';
import { parseSessionQuiet } from '../config/config.ts';
import type { RawConfig } from '../config/setting-values.ts';
import { openDb } from '../db/client.ts';
import { type Download, type DownloadRequest, relayDownload } from '../files/download-relay.ts';
import { type FolderListing, type FolderRequest, relayFolderListing } from '../files/folder-relay.ts';
import { transferOptions } from '../files/transfer-options.ts';
import { relayUpload, type UploadRequest, type UploadResult } from '../files/upload-relay.ts';
import type { Notifier } from '../notify/notification.ts';
import { pushAttention } from '../push/attention-push.ts';
import { pushSettings } from '../push/push-config.ts';
import type { SessionSurfaces } from '../sessions/surfaces.ts';
import { RPC_REF_PREFIX } from './attachment.ts';
import { readAttachment } from './attachment-cache.ts';
import { AttentionPushes } from './attention-pushes.ts';
import { ContinueAtReset } from './continue-at-reset.ts';
import { type PromptAnswer, type SessionCreateArgs, type SshCommand, sshCommand } from './gateway-commands.ts';
import { GatewayLink, type HubStatus } from './gateway-link.ts';
import type { GatewayRpc } from './gateway-rpc.ts';
import type { UpdateRecord } from './gateway-update.ts';
import { type HealthSample, recentHealth } from './health-history.ts';
import { HubAlarm } from './hub-alarm.ts';
import { asHubResult, HubError, type HubResult } from './hub-error.ts';
import { HubSockets } from './hub-sockets.ts';
import { HubStorage } from './hub-storage.ts';
import { HubViewers } from './hub-viewers.ts';
import { parseHubUpgrade } from './internal-request.ts';
import { COMMAND_TIMEOUT_MS, MAX_PENDING_REPLIES, MAX_SUBSCRIBERS } from './limits.ts';
import { hubRecords } from './records.ts';
import { PONG, Relay } from './relay.ts';
import { ReplyRouter } from './reply-router.ts';
import { SessionCommands } from './session-commands.ts';
import { SessionSizes } from './session-sizes.ts';
import { closeQuietly } from './sockets.ts';
import { SurfaceViewer } from './surface-viewer.ts';
import { TrafficRecords } from './traffic-records.ts';
import { type HubUpdateState, type UpdateCommand, UpdateTracker } from './update-tracker.ts';
import type { ViewerPresence } from './viewer-presence.ts';

const PING = JSON.stringify(message('ping', {}));

/**
 * Abstract only in where lifecycle notifications go and where sessions are shown outside a terminal: the Worker
 * entry subclasses it with the channels' notifier and surfaces (dependency injection), so core never imports a
 * channel.
 */
export abstract class GatewayHub extends DurableObject<Env> {
  /** Names this in-memory incarnation in logs, so a restart or a wake from hibernation is visible. */
  readonly instanceId = crypto.randomUUID();
  private readonly stored: HubStorage;
  private readonly sockets: HubSockets;
  private readonly replies = new ReplyRouter(MAX_PENDING_REPLIES);
  private readonly gateway: GatewayRpc;
  private readonly updates: UpdateTracker;
  private readonly relay: Relay;
  private readonly sizes: SessionSizes;
  private readonly viewers: HubViewers;
  private readonly link: GatewayLink;
  private readonly alarms: HubAlarm;
  private readonly surfaceViewer: SurfaceViewer;
  private readonly continues: ContinueAtReset;
  private readonly sessionCommands: SessionCommands;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
    this.stored = new HubStorage(ctx.storage.kv);
    this.sockets = new HubSockets(ctx, this.stored);
    this.gateway = {
      send: (msg) => {
        const live = this.sockets.liveGateway();
        if (live === null) throw new HubError('gateway.offline', 'the gateway is offline');
        live.send(JSON.stringify(msg));
      },
      open: (match, capacity) => this.replies.open(match, capacity),
      newRef: () => `${RPC_REF_PREFIX}${crypto.randomUUID()}`,
    };
    const log = () => this.log();
    const identity = () => this.stored.requireIdentity();
    const records = hubRecords(env.DB);
    const traffic = new TrafficRecords(records, identity, (work) => this.background(work));
    this.updates = new UpdateTracker(this.stored, this.gateway, log);
    const parts = { sockets: this.sockets, stored: this.stored, records, replies: this.replies, identity, log };
    this.sizes = new SessionSizes(this.sockets);
    const quietMs = parseSessionQuiet(env as unknown as RawConfig);
    this.surfaceViewer = new SurfaceViewer({
      ...parts,
      gateway: this.gateway,
      currentConn: () => this.sockets.currentConn(),
      surfaces: () => this.surfaces(),
      background: (work) => this.background(work),
      wake: (at) => this.alarms.wakeBy(at),
      quietMs,
    });
    const surfaces = this.surfaceViewer;
    const continues = new ContinueAtReset({ ...parts, gateway: this.gateway, wake: (at) => this.alarms.wakeBy(at) });
    this.continues = continues;
    this.sessionCommands = new SessionCommands({ gateway: this.gateway, traffic, surfaces });
    const push = pushSettings(env, this.log());
    const pushes = new AttentionPushes({
      stored: this.stored,
      identity,
      wake: (at) => this.alarms.wakeBy(at),
      push: push.ok ? (vpsId, now) => pushAttention(openDb(env.DB), push.value, vpsId, now, this.log()) : null,
    });
    this.relay = new Relay({
      ...parts,
      updates: this.updates,
      traffic,
      sizes: this.sizes,
      surfaces,
      continues,
      pushes,
      briefWorkMs: quietMs,
    });
    this.link = new GatewayLink({ ...parts, updates: this.updates, traffic, relay: this.relay, surfaces });
    this.alarms = new HubAlarm({ ...parts, ctx, surfaces, continues, pushes, notifier: () => this.notifier() });
    this.viewers = new HubViewers({ ...parts, ctx, sizes: this.sizes, alarms: () => this.alarms });
  }

  protected abstract notifier(): Notifier;

  /** Where bound sessions are shown outside a terminal: the Worker entry hands in the channels' surfaces. */
  protected abstract surfaces(): SessionSurfaces;

  // ---- sockets -------------------------------------------------------------------------------------------

  override async fetch(request: Request): Promise<Response> {
    const connect = parseHubUpgrade(request);
    if (connect === null || request.headers.get('Upgrade') !== 'websocket') {
      return Response.json({ error: { code: 'hub.bad_request', message: 'not a hub upgrade' } }, { status: 400 });
    }
    this.stored.remember(connect);
    if (connect.role === 'subscriber' && this.viewers.signedOut(connect.webSession, Date.now())) {
      return Response.json({ error: { code: 'auth.required', message: 'sign in first' } }, { status: 401 });
    }
    if (connect.role === 'subscriber' && this.sockets.subscribers().length >= MAX_SUBSCRIBERS) {
      return Response.json(
        { error: { code: 'hub.too_many_subscribers', message: `at most ${MAX_SUBSCRIBERS} viewers per gateway` } },
        { status: 429 },
      );
    }
    const { 0: client, 1: server } = new WebSocketPair();
    if (connect.role === 'gateway') this.link.accept(server);
    else await this.viewers.accept(server, connect, Date.now());
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, frame: string | ArrayBuffer): Promise<void> {
    const att = readAttachment(ws);
    if (att?.role === 'gateway') await this.link.onFrame(ws, att, frame, Date.now());
    else if (att?.role === 'subscriber') this.relay.fromSubscriber(ws, att, frame, Date.now());
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    await this.onSocketGone(ws, `closed ${code} ${reason}`);
  }

  override async webSocketError(ws: WebSocket, error: unknown): Promise<void> {
    await this.onSocketGone(ws, `error ${String(error)}`);
  }

  override async alarm(): Promise<void> {
    await this.alarms.run(Date.now());
  }

  // ---- RPC for the Worker ---------------------------------------------------------------------------------

  /** A droplet was created for this hub's gateway: no `gateway.hello` by `deadline` → `provisioning_timeout`. */
  async watchProvisioning(gatewayId: string, vpsId: string, deadline: number): Promise<void> {
    this.stored.remember({ gatewayId, vpsId });
    await this.alarms.watchProvisioning(deadline);
  }

  async status(): Promise<HubStatus> {
    return this.link.status();
  }

  /** The health samples of the last hour by the hub's clock (the one that stamped them), oldest first. */
  async healthHistory(): Promise<HealthSample[]> {
    return recentHealth(this.stored.healthHistory, Date.now());
  }

  /** The gateway's update as it stands now (a silent one has timed out) and the last refused hello, if any. */
  async updateState(): Promise<HubUpdateState> {
    return this.updates.state(Date.now());
  }

  /** Who is watching this gateway's sessions in a terminal now, and when someone last was. */
  async viewerPresence(): Promise<ViewerPresence> {
    return this.viewers.presence(Date.now());
  }

  /** Sends `gateway.update` unless one is in progress; its progress then arrives as `gateway.update.status`. */
  async requestUpdate(release: UpdateCommand): Promise<HubResult<UpdateRecord>> {
    return asHubResult(async () => this.updates.request(release, Date.now()));
  }

  async createSession(args: SessionCreateArgs): Promise<HubResult<null>> {
    return this.sessionCommands.create(args);
  }

  async restartSession(number: number): Promise<HubResult<null>> {
    return this.sessionCommands.restart(number);
  }

  /** Types an answer to the prompt on the session's screen, if it is still the one with that fingerprint. */
  async answerPrompt(number: number, answer: PromptAnswer): Promise<HubResult<null>> {
    return this.sessionCommands.answer(number, answer);
  }

  /** The person switched continue-at-reset for session `number`: when it will run now (ms), or null. */
  async continueAtReset(number: number): Promise<HubResult<number | null>> {
    return asHubResult(() => this.continues.reconsider(number));
  }

  async endSession(number: number): Promise<HubResult<null>> {
    return this.sessionCommands.end(number);
  }

  /** Input from a channel (text typed in a chat, a named key): to the session's terminal, as a viewer's would go. */
  async sessionInput(number: number, data: string): Promise<HubResult<null>> {
    return this.sessionCommands.input(number, data);
  }

  /** A session ended with nothing of it on the gateway (it was stopped): its channel surfaces hear it ended. */
  async forgetSession(number: number): Promise<void> {
    this.surfaceViewer.ended(number, 'ended');
  }

  /** Shows the session's screen to its channel surfaces again, as a new message. */
  async redrawSession(number: number): Promise<HubResult<null>> {
    return this.sessionCommands.redraw(number);
  }

  /** Closes every viewer socket opened by one of these web sessions (signed out or revoked); returns how many. */
  async closeWebSessions(ids: readonly string[]): Promise<number> {
    return this.viewers.closeWebSessions(ids, Date.now());
  }

  async ssh(command: SshCommand): Promise<HubResult<SshKeys['keys']>> {
    return asHubResult(() => sshCommand(this.gateway, command, COMMAND_TIMEOUT_MS));
  }

  async uploadFile(upload: UploadRequest, body: ReadableStream<Uint8Array>): Promise<HubResult<UploadResult>> {
    return asHubResult(() => relayUpload(this.gateway, upload, body, transferOptions(COMMAND_TIMEOUT_MS)));
  }

  async downloadFile(download: DownloadRequest): Promise<HubResult<Download>> {
    return asHubResult(() => relayDownload(this.gateway, download, transferOptions(COMMAND_TIMEOUT_MS)));
  }

  async listFolder(folder: FolderRequest): Promise<HubResult<FolderListing>> {
    return asHubResult(() => relayFolderListing(this.gateway, folder, COMMAND_TIMEOUT_MS));
  }

  // ---- wiring ---------------------------------------------------------------------------------------------

  private async onSocketGone(ws: WebSocket, why: string): Promise<void> {
    const att = readAttachment(ws);
    closeQuietly(ws, 1000, 'bye');
    if (att?.role === 'subscriber') this.viewers.left(att, why, Date.now());
    else if (att?.role === 'gateway') await this.link.onGone(att, why, Date.now());
  }

  private log(): Logger {
    const { gatewayId, vpsId } = this.stored.identity ?? {};
    return createLogger({ gateway_id: gatewayId, vps_id: vpsId, component: 'hub', hub_instance: this.instanceId });
  }

  private background(work: Promise<unknown>): void {
    this.ctx.waitUntil(work.catch((error) => this.log().error('hub record failed', { error: String(error) })));
  }
}
