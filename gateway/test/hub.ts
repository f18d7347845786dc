/**
 * A stand-in for the control plane in tests: `POST /api/gateways/register` over node:http and the gateway's
 * WebSocket at `/ws/gateway` (Bearer auth), recording every frame and letting tests send commands and await
 * events. Test-only code.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeFrame, type GatewayEvent, type MessageByType, type MessageType, message } from '@vibecode/schemas';
import { WebSocket, WebSocketServer } from 'ws';

export interface HubOptions {
  /** The one bootstrap token registration accepts (once). */
  bootstrapToken?: string;
  gatewayId?: string;
  credential?: string;
  /** Answer WebSocket pings (true by default); false simulates a hub that stopped responding. */
  autoPong?: boolean;
  /** Ack output frames like a viewer that keeps up (true by default). */
  autoAck?: boolean;
  /** ws maxPayload for frames from the gateway. */
  maxPayload?: number;
  /** Answer every gateway.hello with gateway.welcome, as the real hub does (false by default). */
  welcome?: boolean;
}

export type Recorded =
  | { conn: number; kind: 'text'; msg: GatewayEvent; raw: string }
  | { conn: number; kind: 'binary'; sessionNumber: number; seq: number; payload: Buffer };

export class TestHub {
  readonly registrations: { token: unknown; status: number }[] = [];
  readonly rejectedUpgrades: number[] = [];
  readonly records: Recorded[] = [];
  connections = 0;
  autoAck: boolean;
  private socket: WebSocket | undefined;
  private waiters = new Set<() => void>();
  private acked = new Map<number, number>();
  private ackTimer: NodeJS.Timeout;
  private tokenUsed = false;

  private constructor(
    private readonly http: Server,
    private readonly wss: WebSocketServer,
    readonly options: Required<Omit<HubOptions, 'maxPayload'>>,
  ) {
    this.autoAck = options.autoAck;
    this.ackTimer = setInterval(() => this.sendAcks(), 50);
  }

  static async start(opts: HubOptions = {}): Promise<TestHub> {
    const options = {
      bootstrapToken: opts.bootstrapToken ?? 'boot-token',
      gatewayId: opts.gatewayId ?? 'gw_test',
      credential: opts.credential ?? 'cred-secret',
      autoPong: opts.autoPong ?? true,
      autoAck: opts.autoAck ?? true,
      welcome: opts.welcome ?? false,
    };
    const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong, maxPayload: opts.maxPayload });
    const http = createServer();
    const hub = new TestHub(http, wss, options);
    http.on('request', (req, res) => void hub.onRequest(req, res));
    http.on('upgrade', (req, socket, head) => {
      if (req.url !== '/ws/gateway' || req.headers.authorization !== `Bearer ${options.credential}`) {
        hub.rejectedUpgrades.push(Date.now());
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => hub.onConnection(ws));
    });
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Index into `records`; pass it to the wait helpers to ignore what came before. */
  mark(): number {
    return this.records.length;
  }

  send<T extends MessageType>(type: T, fields: Omit<MessageByType[T], 'type' | 'schema_version'>): void {
    this.sendRaw(JSON.stringify(message(type, fields)));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    if (!this.socket) throw new Error('no gateway connected');
    this.socket.send(data, { binary });
  }

  /** Closes the gateway's socket with a close code, as the hub does for a hello it cannot accept. */
  closeLink(code: number, reason = ''): void {
    this.socket?.close(code, reason);
  }

  /** Drops the gateway's socket without a close handshake, as a network failure would. */
  dropLink(): void {
    this.socket?.terminate();
  }

  async waitFor<R extends Recorded>(
    pred: (r: Recorded) => r is R,
    opts?: { since?: number; timeoutMs?: number; what?: string },
  ): Promise<R>;
  async waitFor(
    pred: (r: Recorded) => boolean,
    opts?: { since?: number; timeoutMs?: number; what?: string },
  ): Promise<Recorded>;
  async waitFor(
    pred: (r: Recorded) => boolean,
    { since = 0, timeoutMs = 15_000, what = 'frame' }: { since?: number; timeoutMs?: number; what?: string } = {},
  ): Promise<Recorded> {
    const deadline = Date.now() + timeoutMs;
    let from = since;
    for (;;) {
      for (; from < this.records.length; from++) {
        const r = this.records[from] as Recorded;
        if (pred(r)) return r;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, left);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  /** Waits for a text message of `type` (optionally matching `match`). */
  async event<T extends GatewayEvent['type']>(
    type: T,
    opts: { since?: number; timeoutMs?: number; match?: (m: Extract<GatewayEvent, { type: T }>) => boolean } = {},
  ): Promise<Extract<GatewayEvent, { type: T }>> {
    const r = await this.waitFor(
      (x) =>
        x.kind === 'text' && x.msg.type === type && (opts.match?.(x.msg as Extract<GatewayEvent, { type: T }>) ?? true),
      { ...opts, what: type },
    );
    return (r as Extract<Recorded, { kind: 'text' }>).msg as Extract<GatewayEvent, { type: T }>;
  }

  /** Every output frame for a session since `since`, in arrival order. */
  frames(sessionNumber: number, since = 0): Extract<Recorded, { kind: 'binary' }>[] {
    return this.records
      .slice(since)
      .filter(
        (r): r is Extract<Recorded, { kind: 'binary' }> => r.kind === 'binary' && r.sessionNumber === sessionNumber,
      );
  }

  /** The output text of a session since `since`. */
  output(sessionNumber: number, since = 0): string {
    return Buffer.concat(this.frames(sessionNumber, since).map((f) => f.payload)).toString('utf8');
  }

  /** Waits until the session's output since `since` contains `text`. */
  async outputContains(sessionNumber: number, text: string, since = 0, timeoutMs = 15_000): Promise<void> {
    await this.waitFor(() => this.output(sessionNumber, since).includes(text), {
      since,
      timeoutMs,
      what: `output containing ${JSON.stringify(text)}`,
    }).catch((e: Error) => {
      throw new Error(`${e.message}; got ${JSON.stringify(this.output(sessionNumber, since).slice(-500))}`);
    });
  }

  async waitForConnection(n: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.connections >= n && this.connected)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for connection ${n}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.ackTimer);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise((r) => this.http.close(r));
  }

  private async onRequest(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    if (req.method !== 'POST' || req.url !== '/api/gateways/register') {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let token: unknown;
    try {
      token = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { bootstrap_token?: unknown }).bootstrap_token;
    } catch {
      token = undefined;
    }
    const ok =
      req.headers['content-type'] === 'application/json' && token === this.options.bootstrapToken && !this.tokenUsed;
    this.registrations.push({ token, status: ok ? 200 : 401 });
    res.setHeader('Content-Type', 'application/json');
    if (!ok) {
      res.writeHead(401).end(
        JSON.stringify({
          error: { code: 'auth.invalid_bootstrap_token', message: 'bootstrap token is invalid or used' },
        }),
      );
      return;
    }
    this.tokenUsed = true;
    res.writeHead(200).end(JSON.stringify({ gateway_id: this.options.gatewayId, credential: this.options.credential }));
  }

  private onConnection(ws: WebSocket): void {
    this.socket?.terminate();
    this.socket = ws;
    this.connections += 1;
    const conn = this.connections;
    this.acked.clear();
    ws.on('message', (data, isBinary) => {
      const buf = data as Buffer;
      if (isBinary) {
        const f = decodeFrame(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
        if (!f.ok) throw new Error(`gateway sent a bad frame: ${f.error.code}`);
        this.records.push({
          conn,
          kind: 'binary',
          sessionNumber: f.value.sessionNumber,
          seq: f.value.seq,
          payload: Buffer.from(f.value.payload),
        });
      } else {
        const raw = buf.toString('utf8');
        const msg = JSON.parse(raw) as GatewayEvent;
        this.records.push({ conn, kind: 'text', msg, raw });
        if (this.options.welcome && msg.type === 'gateway.hello')
          ws.send(JSON.stringify(message('gateway.welcome', { gateway_id: msg.gateway_id })));
      }
      for (const w of this.waiters) w();
      this.waiters.clear();
    });
    ws.on('close', () => {
      if (this.socket === ws) this.socket = undefined;
    });
  }

  private sendAcks(): void {
    if (!this.autoAck || !this.connected) return;
    const highest = new Map<number, number>();
    for (let i = this.records.length - 1; i >= 0 && highest.size < 8; i--) {
      const r = this.records[i] as Recorded;
      if (r.conn !== this.connections) break;
      if (r.kind === 'binary' && !highest.has(r.sessionNumber)) highest.set(r.sessionNumber, r.seq);
    }
    for (const [sessionNumber, seq] of highest) {
      if ((this.acked.get(sessionNumber) ?? 0) >= seq) continue;
      this.acked.set(sessionNumber, seq);
      this.send('session.ack', { session_id: sessionNumber, seq });
    }
  }
}
