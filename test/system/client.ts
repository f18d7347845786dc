/**
 * What a browser does, over HTTP and WebSocket only: a cookie jar (the sign-in request's browser cookie, then the
 * session cookie), same-origin headers on every mutating request, and a session socket whose frames are kept for
 * `next(…)`.
 */
import { decodeFrame, type ProtocolMessage, parseTextFrame } from '@vibecode/schemas';
import WebSocket from 'ws';

export class Browser {
  private readonly jar = new Map<string, string>();

  constructor(readonly origin: string) {}

  /** The `Cookie` header this browser sends. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(method: string, path: string, json?: unknown, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (method !== 'GET') headers.set('origin', this.origin);
    // Every mutating call is JSON, even a bodyless one, as the web client sends it (the CSRF check requires it).
    if (method !== 'GET' && (json !== undefined || init.body == null) && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    const send = () =>
      fetch(new URL(path, this.origin), {
        ...init,
        method,
        headers,
        body: json === undefined ? init.body : JSON.stringify(json),
        redirect: 'manual',
      });
    // A kept-alive connection the server closed while this process was blocked (a `sql` seed runs the wrangler CLI
    // synchronously for seconds) fails the next request on it before it is sent. A browser sends a GET again on a
    // new connection then; so does this one, once. Anything else, and any other error, fails as it is.
    const res = await send().catch((error: unknown) => {
      if (method === 'GET' && closedBeforeSent(error)) return send();
      throw error;
    });
    this.keep(res.headers.getSetCookie());
    return res;
  }

  private keep(setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const cleared = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (cleared) this.jar.delete(name);
      else this.jar.set(name, pair.slice(at + 1).trim());
    }
  }

  async json<T>(method: string, path: string, json?: unknown, expected = 200): Promise<T> {
    const res = await this.request(method, path, json);
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  /** Magic link (asked from this browser) → dev outbox → confirm page POST → session cookie. */
  async signIn(email: string): Promise<void> {
    const asked = await this.request('POST', '/api/auth/magic-link', { email });
    if (asked.status !== 202) throw new Error(`magic-link: ${asked.status}`);
    let link: string | undefined;
    for (let i = 0; i < 100 && !link; i++) {
      const outbox = (await (await this.request('GET', '/api/dev/outbox')).json()) as { to: string; link: string }[];
      link = outbox.find((m) => m.to === email)?.link;
      if (!link) await sleep(50);
    }
    if (!link) throw new Error('no sign-in mail in the outbox');
    const token = new URL(link).searchParams.get('token') ?? '';
    const confirmed = await this.request('POST', '/auth/verify', undefined, {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    });
    if (confirmed.status !== 303 || !confirmed.headers.get('set-cookie'))
      throw new Error(`verify: ${confirmed.status}`);
  }

  async openSession(sessionId: string): Promise<SessionSocket> {
    const url = `${this.origin.replace(/^http/, 'ws')}/ws/sessions/${sessionId}`;
    const ws = new WebSocket(url, { headers: { cookie: this.cookie, origin: this.origin } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`session socket refused: ${res.statusCode}`)));
    });
    return new SessionSocket(ws);
  }
}

/** undici's "other side closed" on a request it wrote to a kept-alive socket the server had already closed. */
function closedBeforeSent(error: unknown): boolean {
  return error instanceof TypeError && (error.cause as { code?: unknown } | undefined)?.code === 'UND_ERR_SOCKET';
}

export class SessionSocket {
  readonly messages: ProtocolMessage[] = [];
  output = '';
  /** The close code, once the socket has closed. */
  closeCode: number | null = null;
  private waiters = new Set<() => void>();

  constructor(readonly ws: WebSocket) {
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const wake of this.waiters) wake();
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        const frame = decodeFrame(new Uint8Array(data as Buffer));
        if (frame.ok) this.output += new TextDecoder().decode(frame.value.payload);
      } else {
        const parsed = parseTextFrame(data.toString());
        if (parsed.ok) this.messages.push(parsed.value);
      }
      for (const wake of this.waiters) wake();
    });
  }

  send(msg: ProtocolMessage): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** Waits until `check` holds (checked on every frame), at most `timeoutMs`. */
  async until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages.map((m) => m.type).join(', ');
        throw new Error(
          `${what}: not within ${timeoutMs} ms (messages: ${seen}; output tail: ${this.output.slice(-300)})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiters.clear();
    }
  }

  close(): void {
    this.ws.close();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value, at most `timeoutMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(250);
  }
}
