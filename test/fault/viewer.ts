/**
 * A browser tab's terminal without the browser: the web app's own SessionLink (`@vibecode/web/terminal/link`:
 * reconnects with backoff, re-attaches with `last_seq`, drops duplicate seqs, acks what the terminal wrote) on a
 * `ws` socket carrying the session cookie, writing into a terminal that keeps its text. Every frame is also
 * recorded as it came off the wire, before SessionLink's dedupe, so a test can assert on the raw stream.
 */
import { decodeFrame, message, type ProtocolMessage, parseTextFrame } from '@vibecode/schemas';
import type { Dial } from '@vibecode/schemas/link';
import { SessionLink } from '@vibecode/web/terminal/link';
import WebSocket from 'ws';
import type { Browser } from '../system/client.ts';

const PING = JSON.stringify(message('ping', {}));

type LinkState = SessionLink['state'];

/** One binary frame as it arrived. */
export interface WireFrame {
  seq: number;
  bytes: number;
}

export interface ViewerOptions {
  /** Where the socket goes: the Worker's origin (default) or a proxy in front of it. */
  origin?: string;
}

export class Viewer {
  readonly wire: WireFrame[] = [];
  readonly messages: ProtocolMessage[] = [];
  /** Close codes of each socket this viewer had, in order. */
  readonly closes: number[] = [];
  /** Sockets opened (the first one and every reconnect). */
  opens = 0;
  /** What the terminal shows since its last reset: a snapshot's text, then the output after it. */
  screen = '';
  resets = 0;
  state: LinkState | undefined;
  readonly link: SessionLink;
  private readonly decoder = new TextDecoder();
  private readonly waiters = new Set<() => void>();

  constructor(browser: Browser, session: { id: string; number: number }, options: ViewerOptions = {}) {
    const origin = options.origin ?? browser.origin;
    const url = `${origin.replace(/^http/, 'ws')}/ws/sessions/${session.id}`;
    this.link = new SessionLink({
      sessionNumber: session.number,
      dial: this.dial(url, origin, browser.cookie),
      sink: {
        write: (data, done) => {
          this.screen += typeof data === 'string' ? data : this.decoder.decode(data, { stream: true });
          this.wake();
          // xterm calls back after it has parsed the data, never inside write().
          setImmediate(done);
        },
        reset: () => {
          this.screen = '';
          this.resets += 1;
        },
      },
      onState: (state) => {
        this.state = state;
        this.wake();
      },
      // A restarted control plane is back in seconds: redial at most 2 s apart rather than the page's 15 s.
      backoff: { baseMs: 250, capMs: 2_000 },
    });
    this.link.start();
  }

  /** Messages of `type` received so far. */
  received<T extends ProtocolMessage['type']>(type: T): Extract<ProtocolMessage, { type: T }>[] {
    return this.messages.filter((m): m is Extract<ProtocolMessage, { type: T }> => m.type === type);
  }

  /** Bytes of every binary frame received, duplicates included. */
  get wireBytes(): number {
    return this.wire.reduce((sum, f) => sum + f.bytes, 0);
  }

  /** Types `text` into the session; throws when the link is down and drops it (input is at-most-once). */
  type(text: string): void {
    if (!this.link.input(text)) throw new Error(`input refused while the link is ${this.state?.status}: ${text}`);
  }

  /** Waits until `check` holds, re-checked on every frame and state change, at most `timeoutMs`. */
  async until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.messages.map((m) => m.type).join(', ');
        throw new Error(
          `${what}: not within ${timeoutMs} ms (state ${this.state?.status}; messages: ${seen}; ` +
            `screen tail: ${JSON.stringify(this.screen.slice(-300))})`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, 250));
        const waiters = this.waiters;
        function done() {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        }
        this.waiters.add(done);
      });
    }
  }

  dispose(): void {
    this.link.dispose();
  }

  private wake(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * `ws` as the page's socket: the session cookie and the page's Origin (the one it dials, as for a page served
   * there) on the upgrade, the protocol's ping.
   */
  private dial(url: string, origin: string, cookie: string): Dial {
    return (events) => {
      const ws = new WebSocket(url, {
        headers: { cookie, origin },
        perMessageDeflate: false,
      });
      this.opens += 1;
      ws.on('open', () => events.open());
      ws.on('message', (data: Buffer, isBinary) => {
        if (isBinary) {
          const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
          const frame = decodeFrame(bytes);
          if (frame.ok) this.wire.push({ seq: frame.value.seq, bytes: frame.value.payload.byteLength });
          events.message(bytes);
        } else {
          const text = data.toString('utf8');
          const parsed = parseTextFrame(text);
          if (parsed.ok) this.messages.push(parsed.value);
          events.message(text);
        }
        this.wake();
      });
      ws.on('unexpected-response', (_req, res) => {
        res.resume();
        ws.terminate();
      });
      // A failed dial or a dropped socket: 'close' follows, and SessionLink backs off and redials.
      ws.on('error', () => undefined);
      ws.on('close', (code, reason) => {
        this.closes.push(code);
        events.close(code, reason.toString('utf8'));
        this.wake();
      });
      const send = (data: string | Uint8Array) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data);
      };
      return {
        send,
        get bufferedAmount() {
          return ws.bufferedAmount;
        },
        ping: () => send(PING),
        close: (code, reason) => ws.close(code, reason),
        terminate: () => ws.terminate(),
      };
    };
  }
}

/** Whether seqs go up by exactly one from frame to frame: nothing missing, nothing twice. */
export function gapless(frames: readonly WireFrame[]): boolean {
  return frames.every((f, i) => i === 0 || f.seq === (frames[i - 1] as WireFrame).seq + 1);
}
