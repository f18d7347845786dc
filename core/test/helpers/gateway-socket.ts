/**
 * A fake gateway that connects over the real `/ws/gateway` route and answers commands the way
 * schemas/README.md says the real gateway does. It is a protocol peer, not a mock of our code: it only
 * speaks the wire protocol (the real gateway is tested against a real hub separately).
 *
 * Also exports `SocketInbox`, a queue of a socket's frames with `next(predicate)`, which the subscriber
 * helpers use too.
 */
import { env, exports } from 'cloudflare:workers';
import {
  encodeOutputFrame,
  FILE_CHUNK_BYTES,
  FILE_MAX_IN_FLIGHT,
  type MessageByType,
  type MessageType,
  message,
  type ProtocolMessage,
  parseTextFrame,
  type SshKeys,
} from '@vibecode/schemas';
import { expect } from 'vitest';

export const WAIT_MS = 3000;

export type Frame = { kind: 'text'; msg: ProtocolMessage; raw: string } | { kind: 'binary'; bytes: Uint8Array };

/** Every frame a socket received, in order, plus waiting for the next one that matches. */
export class SocketInbox {
  readonly frames: Frame[] = [];
  private cursor = 0;
  private wake: (() => void) | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener('message', (event) => {
      if (typeof event.data === 'string') {
        const parsed = parseTextFrame(event.data);
        if (!parsed.ok) throw new Error(`peer sent an invalid frame: ${parsed.error.message}`);
        this.frames.push({ kind: 'text', msg: parsed.value, raw: event.data });
      } else {
        this.frames.push({ kind: 'binary', bytes: new Uint8Array(event.data as ArrayBuffer) });
      }
      this.wake?.();
    });
    this.closed = new Promise((resolve) => {
      ws.addEventListener('close', (event) => {
        resolve({ code: event.code, reason: event.reason });
        this.wake?.();
      });
    });
  }

  /** The next frame (after the last one returned) that matches; frames skipped over stay in `frames`. */
  async next(match: (frame: Frame) => boolean, timeoutMs = WAIT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      for (; this.cursor < this.frames.length; this.cursor++) {
        const frame = this.frames[this.cursor] as Frame;
        if (match(frame)) {
          this.cursor++;
          return frame;
        }
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching frame within ${timeoutMs} ms; got ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  async nextMessage<T extends MessageType>(type: T, timeoutMs = WAIT_MS): Promise<MessageByType[T]> {
    const frame = await this.next((f) => f.kind === 'text' && f.msg.type === type, timeoutMs);
    return (frame as Extract<Frame, { kind: 'text' }>).msg as MessageByType[T];
  }

  async nextBinary(timeoutMs = WAIT_MS): Promise<Uint8Array> {
    const frame = await this.next((f) => f.kind === 'binary', timeoutMs);
    return (frame as Extract<Frame, { kind: 'binary' }>).bytes;
  }

  messages<T extends MessageType>(type: T): MessageByType[T][] {
    return this.frames.flatMap((f) => (f.kind === 'text' && f.msg.type === type ? [f.msg as MessageByType[T]] : []));
  }

  /** Resolves once `ms` passed with nothing new arriving that matches; for "this was NOT delivered" checks. */
  async expectNothing(match: (frame: Frame) => boolean, ms = 150): Promise<void> {
    const from = this.frames.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    expect(this.frames.slice(from).filter(match)).toEqual([]);
  }

  send(msg: ProtocolMessage | string): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  private describe(): string {
    return JSON.stringify(
      this.frames.slice(-5).map((f) => (f.kind === 'text' ? f.msg.type : `binary(${f.bytes.byteLength})`)),
    );
  }
}

/** Opens a WebSocket through the Worker's real fetch handler; returns the refusal response when not upgraded. */
export async function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket | Response> {
  const res = await exports.default.fetch(url, { headers: { Upgrade: 'websocket', ...headers } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) return res;
  ws.binaryType = 'arraybuffer';
  ws.accept();
  return ws;
}

type FileEntry = { size: number; sha256: string; bytes: Uint8Array | null };
type Handler = (msg: ProtocolMessage, gateway: FakeGateway) => boolean | Promise<boolean>;

/** Files the fake keeps in memory; bigger ones are hashed only (like writing to disk, then forgetting). */
const KEEP_BYTES_UP_TO = 1024 * 1024;

export class FakeGateway {
  readonly inbox: SocketInbox;
  readonly sessions = new Set<number>();
  readonly keys = new Map<string, SshKeys['keys'][number]>();
  readonly files = new Map<string, FileEntry>();
  /** Highest number of upload chunks received but not yet acknowledged, per upload. */
  readonly maxUploadInFlight = new Map<string, number>();
  /** Per upload chunk: how many bytes it carried, in arrival order. */
  readonly uploadChunkSizes = new Map<string, number[]>();
  /** Every upload ack sent, in order, as `uploadId:seq`. */
  readonly acksSent: string[] = [];
  /** Called for each upload chunk as it arrives (tests observe pacing from here). */
  onUploadChunk: ((seq: number) => void) | null = null;
  /** A test hook that may answer a command itself (return true) instead of the default behaviour. */
  override: Handler | null = null;
  private nextId = 1;
  private readonly seqBySession = new Map<number, number>();
  private readonly stateSeqBySession = new Map<number, number>();

  constructor(
    readonly ws: WebSocket,
    readonly gatewayId: string,
  ) {
    this.inbox = new SocketInbox(ws);
    ws.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseTextFrame(event.data);
      if (parsed.ok) void this.answer(parsed.value);
    });
  }

  /** Without `sessions`, the hello of a gateway that predates the list: the hub then reconciles nothing. */
  hello(version = '0.1.0-test', sessions?: number[]): void {
    this.send(message('gateway.hello', { gateway_id: this.gatewayId, version, ...(sessions ? { sessions } : {}) }));
  }

  /**
   * A `session.state` without `seq` gets one as the gateway stamps them (schemas: session.state): workerd may hand the
   * hub two messages sent back to back in either order, and the hub keeps a session's newest state by seq.
   */
  send(msg: ProtocolMessage): void {
    this.ws.send(JSON.stringify(msg.type === 'session.state' ? this.stamped(msg) : msg));
  }

  private stamped(state: MessageByType['session.state']): MessageByType['session.state'] {
    const last = this.stateSeqBySession.get(state.session_id) ?? 0;
    const seq = state.seq ?? Math.max(Date.now(), last + 1);
    this.stateSeqBySession.set(state.session_id, Math.max(seq, last));
    return { ...state, seq };
  }

  /** Sends a terminal-output frame with the session's next seq; returns the exact bytes sent. */
  output(sessionNumber: number, payload: Uint8Array): Uint8Array {
    const seq = (this.seqBySession.get(sessionNumber) ?? 0) + 1;
    this.seqBySession.set(sessionNumber, seq);
    const frame = encodeOutputFrame(sessionNumber, seq, payload);
    this.ws.send(frame);
    return frame;
  }

  close(code = 1000, reason = 'bye'): void {
    this.ws.close(code, reason);
  }

  private async answer(msg: ProtocolMessage): Promise<void> {
    if (this.override && (await this.override(msg, this))) return;
    switch (msg.type) {
      case 'session.create':
        if (this.sessions.has(msg.session_id)) {
          this.send(
            message('session.error', {
              session_id: msg.session_id,
              error: { code: 'session.exists', message: 'exists' },
              ...ref(msg),
            }),
          );
          return;
        }
        this.sessions.add(msg.session_id);
        this.send(message('session.started', { session_id: msg.session_id, ...ref(msg) }));
        return;
      case 'session.end':
        if (!this.sessions.delete(msg.session_id)) {
          this.send(
            message('session.error', {
              session_id: msg.session_id,
              error: { code: 'session.not_found', message: 'no such session' },
            }),
          );
          return;
        }
        this.send(message('session.ended', { session_id: msg.session_id, reason: 'ended' }));
        return;
      case 'session.capture':
        this.send(
          message('session.screen', {
            session_id: msg.session_id,
            cols: 80,
            rows: 24,
            text: `screen of ${msg.session_id} at ${this.seqBySession.get(msg.session_id) ?? 0}`,
            seq: this.seqBySession.get(msg.session_id) ?? 0,
            ref: msg.ref,
          }),
        );
        return;
      case 'session.attach':
        // The hub's own attach names the seq it holds: the real gateway replays from there, here nothing is newer.
        if (msg.ref === undefined && msg.last_seq !== undefined) return;
        this.send(
          message('session.snapshot', {
            session_id: msg.session_id,
            cols: 80,
            rows: 24,
            text: `screen of ${msg.session_id}`,
            cursor: { x: 0, y: 0 },
            seq: this.seqBySession.get(msg.session_id) ?? 0,
            reason: 'fresh',
            ...ref(msg),
          }),
        );
        return;
      case 'ssh.authorize':
        await this.authorize(msg);
        return;
      case 'ssh.revoke':
        this.keys.delete(msg.fingerprint);
        this.sendKeys(msg.ref);
        return;
      case 'ssh.list':
        this.sendKeys(msg.ref);
        return;
      case 'file.upload.begin':
        this.beginUpload(msg);
        return;
      case 'file.download':
        await this.download(msg);
        return;
      default:
        return;
    }
  }

  private sendKeys(refValue: string | undefined): void {
    this.send(message('ssh.keys', { keys: [...this.keys.values()], ...(refValue ? { ref: refValue } : {}) }));
  }

  private async authorize(msg: MessageByType['ssh.authorize']): Promise<void> {
    const [algorithm, b64] = msg.public_key.split(' ');
    const blob = Uint8Array.from(atob(b64 ?? ''), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', blob));
    const fingerprint = `SHA256:${btoa(String.fromCharCode(...digest)).replace(/=+$/, '')}`;
    this.keys.set(fingerprint, {
      fingerprint,
      label: msg.label,
      type: msg.key_type ?? 'user',
      algorithm: algorithm ?? 'unknown',
      added_at: new Date().toISOString(),
      ...(msg.expires_at ? { expires_at: msg.expires_at } : {}),
    });
    this.sendKeys(msg.ref);
  }

  private beginUpload(begin: MessageByType['file.upload.begin']): void {
    const uploadId = `up${this.nextId++}`;
    const digest = new crypto.DigestStream('SHA-256');
    const writer = digest.getWriter();
    const kept: Uint8Array[] = [];
    let size = 0;
    let unacked = 0;
    const sizes: number[] = [];
    this.uploadChunkSizes.set(uploadId, sizes);
    this.maxUploadInFlight.set(uploadId, 0);
    const listener = async (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseTextFrame(event.data);
      if (!parsed.ok) return;
      const msg = parsed.value;
      if (msg.type === 'file.upload.chunk' && msg.upload_id === uploadId) {
        const bytes = Uint8Array.from(atob(msg.data_b64), (c) => c.charCodeAt(0));
        sizes.push(bytes.byteLength);
        unacked++;
        this.maxUploadInFlight.set(uploadId, Math.max(this.maxUploadInFlight.get(uploadId) ?? 0, unacked));
        this.onUploadChunk?.(msg.seq);
        size += bytes.byteLength;
        if (begin.size <= KEEP_BYTES_UP_TO) kept.push(bytes);
        await writer.write(bytes);
        // Acknowledge on a later turn, as a disk write would: the hub must keep pacing itself meanwhile.
        setTimeout(() => {
          unacked--;
          this.acksSent.push(`${uploadId}:${msg.seq}`);
          this.send(message('file.upload.ack', { upload_id: uploadId, seq: msg.seq }));
        }, 1);
      } else if (msg.type === 'file.upload.end' && msg.upload_id === uploadId) {
        this.ws.removeEventListener('message', listener);
        await writer.close();
        const sha256 = hex(await digest.digest);
        const bytes = begin.size <= KEEP_BYTES_UP_TO ? concat(kept) : null;
        this.files.set(begin.dest_path, { size, sha256, bytes });
        this.send(message('file.upload.done', { upload_id: uploadId, path: begin.dest_path, size, sha256 }));
      } else if (msg.type === 'file.upload.abort' && msg.upload_id === uploadId) {
        this.ws.removeEventListener('message', listener);
      }
    };
    this.ws.addEventListener('message', listener);
    this.send(message('file.upload.ready', { upload_id: uploadId, ...ref(begin) }));
  }

  private async download(msg: MessageByType['file.download']): Promise<void> {
    const file = this.files.get(msg.path);
    if (!file?.bytes) {
      this.send(
        message('file.error', {
          session_id: msg.session_id,
          error: { code: 'file.not_found', message: 'no such file' },
          ...ref(msg),
        }),
      );
      return;
    }
    const bytes = file.bytes;
    const downloadId = `down${this.nextId++}`;
    const name = msg.path.slice(msg.path.lastIndexOf('/') + 1);
    this.send(
      message('file.content.begin', { download_id: downloadId, filename: name, size: bytes.byteLength, ...ref(msg) }),
    );
    const chunks = Math.ceil(bytes.byteLength / FILE_CHUNK_BYTES);
    let acked = -1;
    let sent = 0;
    const pump = () => {
      while (sent < chunks && sent - acked - 1 < FILE_MAX_IN_FLIGHT) {
        const piece = bytes.subarray(sent * FILE_CHUNK_BYTES, (sent + 1) * FILE_CHUNK_BYTES);
        this.send(
          message('file.content.chunk', {
            download_id: downloadId,
            seq: sent,
            data_b64: toBase64(piece),
          }),
        );
        sent++;
      }
      if (acked === chunks - 1) {
        this.ws.removeEventListener('message', listener);
        this.send(message('file.content.end', { download_id: downloadId, sha256: file.sha256 }));
      }
    };
    const listener = (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      const parsed = parseTextFrame(event.data);
      if (!parsed.ok) return;
      if (parsed.value.type === 'file.download.ack' && parsed.value.download_id === downloadId) {
        acked = parsed.value.seq;
        pump();
      } else if (parsed.value.type === 'file.download.abort' && parsed.value.download_id === downloadId) {
        this.ws.removeEventListener('message', listener);
      }
    };
    this.ws.addEventListener('message', listener);
    pump();
  }
}

function ref(msg: { ref?: string }): { ref?: string } {
  return msg.ref === undefined ? {} : { ref: msg.ref };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.byteLength; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function hex(digest: ArrayBuffer): string {
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

/**
 * Connects a fake gateway with its credential. With `hello` (the default) it sends `gateway.hello` (naming
 * `version`, listing `sessions` when given) and waits until the hub has taken this socket as its live gateway and
 * D1 says connected.
 */
export async function connectGateway(
  credential: string,
  gatewayId: string,
  options: { hello?: boolean; sessions?: number[]; version?: string } = {},
): Promise<FakeGateway> {
  const ws = await openSocket('http://localhost/ws/gateway', { Authorization: `Bearer ${credential}` });
  if (ws instanceof Response) throw new Error(`gateway upgrade refused: ${ws.status} ${await ws.text()}`);
  const gateway = new FakeGateway(ws, gatewayId);
  if (options.hello ?? true) {
    gateway.hello(options.version, options.sessions);
    // The hub says online only once this very socket's hello was processed (a replaced one does not count).
    await untilHubSays(gatewayId, { online: true });
    await eventually(async () => {
      const row = await env.DB.prepare('SELECT connected FROM gateways WHERE id = ?')
        .bind(gatewayId)
        .first<{ connected: number }>();
      expect(row?.connected).toBe(1);
    });
  }
  return gateway;
}

/** Waits until the hub of `gatewayId` has taken its gateway's closed socket as gone: it notices a close on its own time. */
export function untilOffline(gatewayId: string): Promise<void> {
  return untilHubSays(gatewayId, { online: false });
}

/** Waits until the hub of `gatewayId` reports its gateway `online` or not. */
async function untilHubSays(gatewayId: string, { online }: { online: boolean }): Promise<void> {
  const hub = env.GATEWAY_HUB.get(env.GATEWAY_HUB.idFromName(gatewayId));
  await eventually(async () => expect((await hub.status()).online).toBe(online));
}

/** Retries an assertion until it passes (hub work is asynchronous to the test). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (true) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
