/**
 * `startFakePushService`: one HTTP server on 127.0.0.1 that plays a browser vendor's push service (FCM, Mozilla
 * autopush, Apple) for Web Push senders — `POST /push/<id>` with VAPID, RFC 8030 headers and an aes128gcm body,
 * verified and decrypted (push-route.ts) — and the browser's side of `pushManager.subscribe()`, plus the test-only
 * control path `/_fake/*` (control.ts). Nothing is written to disk; all state is in memory until close.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BoundedLog } from './bounded-log.ts';
import { createControlHandler } from './control.ts';
import { PushError } from './errors.ts';
import { readBody, sendEmpty, sendJson } from './http.ts';
import { acceptPush, MAX_PAYLOAD_BYTES, type ReceivedPush } from './push-route.ts';
import { type PushSubscriptionJSON, Subscriptions } from './subscriptions.ts';

export interface FakePushServiceOptions {
  /** 0 (default) picks a free port. */
  port?: number;
}

/** A request the stand-in refused, with the status and reason it answered. */
export interface RefusedPush {
  /** The URL posted to. */
  endpoint: string;
  status: number;
  reason: string;
  /** Epoch ms. */
  at: number;
}

export interface FakePushService {
  /** Base URL, e.g. `http://127.0.0.1:8793`; also the origin VAPID's `aud` must name. */
  url: string;
  port: number;
  /** What `pushManager.subscribe({userVisibleOnly: true, applicationServerKey})` resolves to (its toJSON()). */
  subscribe(applicationServerKey: string): Promise<PushSubscriptionJSON>;
  /** Every accepted push, oldest first (the newest 10,000). */
  messages(): ReceivedPush[];
  /** Every refused request, oldest first (the newest 10,000). */
  rejected(): RefusedPush[];
  /** Later pushes to this endpoint answer 410 Gone, as after the user revoked permission. */
  expire(endpoint: string): void;
  /** Forgets messages and rejections; subscriptions stay. */
  reset(): void;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Control bodies are tiny JSON objects. */
const MAX_CONTROL_BYTES = 64 * 1024;

export async function startFakePushService(options: FakePushServiceOptions = {}): Promise<FakePushService> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('fake-webpush: port must be 0–65535');

  const messages = new BoundedLog<ReceivedPush>();
  const rejected = new BoundedLog<RefusedPush>();
  // Known only once listening; nothing is served before.
  let url = '';
  let subscriptions: Subscriptions;

  // One set of operations behind both the HTTP control path and the in-process API.
  const operations = {
    messages: () => messages.all(),
    rejected: () => rejected.all(),
    expire: (endpoint: string) => subscriptions.expire(endpoint),
    reset: () => {
      messages.clear();
      rejected.clear();
    },
  };
  const control = createControlHandler({ ...operations, subscribe: (key) => subscriptions.create(key) });

  async function pushService(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    // One byte past the limit is enough to tell 413 from a full body.
    const body = await readBody(req, MAX_PAYLOAD_BYTES + 1);
    try {
      const m = /^\/push\/([A-Za-z0-9_-]+)$/.exec(pathname);
      if (!m) throw new PushError(404, 'not found');
      if (req.method !== 'POST') throw new PushError(405, 'push requests must be POST');
      const push = acceptPush({ subscriptions, origin: url, now: Date.now }, m[1] as string, req.headers, body);
      messages.add(push);
      const location = `${url}/message/${randomBytes(16).toString('base64url')}`;
      sendEmpty(res, 201, { location, ttl: String(push.ttl) });
    } catch (err) {
      if (!(err instanceof PushError)) throw err;
      rejected.add({ endpoint: `${url}${pathname}`, status: err.status, reason: err.reason, at: Date.now() });
      sendJson(res, err.status, { error: err.reason }, err.status === 405 ? { allow: 'POST' } : {});
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', `http://${HOST}`);
    if (pathname.startsWith('/_fake/')) {
      const body = await readBody(req, MAX_CONTROL_BYTES + 1);
      if (body.size > MAX_CONTROL_BYTES) throw new PushError(413, 'control body too large');
      return control(req, res, pathname, body.bytes);
    }
    return pushService(req, res, pathname);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof PushError) return sendJson(res, err.status, { error: err.reason });
      process.stderr.write(`fake-webpush: ${req.method} ${req.url?.split('?')[0]} failed: ${String(err)}\n`);
      sendJson(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, HOST, () => ok());
  });
  const actualPort = (server.address() as AddressInfo).port;
  url = `http://${HOST}:${actualPort}`;
  subscriptions = new Subscriptions(url);

  return {
    url,
    port: actualPort,
    ...operations,
    subscribe: async (applicationServerKey) => subscriptions.create(applicationServerKey),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
