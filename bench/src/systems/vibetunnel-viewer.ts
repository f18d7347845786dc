/**
 * One VibeTunnel browser tab on a session: the SSE output stream (asciinema v2 events, `[time, "o", text]` is
 * output) and the input WebSocket (text as is). A reconnect opens both again; VibeTunnel then streams the session's
 * recording again, which is how its UI restores the screen.
 */
import WebSocket from 'ws';
import { OutputLog } from '../term/output-log.ts';
import type { ResumableViewer, ResumeKind } from './system.ts';

/** Output events of one SSE chunk's complete events; `rest` is an event still being received. */
export function parseSse(buffer: string): { outputs: string[]; rest: string } {
  const events = buffer.split('\n\n');
  const rest = events.pop() ?? '';
  const outputs: string[] = [];
  for (const event of events) {
    for (const line of event.split('\n')) {
      if (!line.startsWith('data: ')) continue;
      const data: unknown = JSON.parse(line.slice(6));
      if (Array.isArray(data) && data[1] === 'o' && typeof data[2] === 'string') outputs.push(data[2]);
    }
  }
  return { outputs, rest };
}

export class VibeTunnelViewer implements ResumableViewer {
  readonly log = new OutputLog();
  resumedBy: ResumeKind | null = null;
  #abort = new AbortController();
  #input: WebSocket;
  #open: Promise<void>;

  constructor(
    private readonly origin: string,
    private readonly sessionId: string,
  ) {
    [this.#input, this.#open] = this.#connect();
  }

  connected(): Promise<void> {
    return this.#open;
  }

  #connect(): [WebSocket, Promise<void>] {
    this.#abort = new AbortController();
    const input = new WebSocket(`${this.origin.replace(/^http/, 'ws')}/ws/input?sessionId=${this.sessionId}`);
    const inputOpen = new Promise<void>((resolve, reject) => {
      input.once('open', () => resolve());
      input.once('error', reject);
    });
    const streamOpen = this.#stream(this.#abort.signal);
    return [input, Promise.all([inputOpen, streamOpen]).then(() => undefined)];
  }

  async #stream(signal: AbortSignal): Promise<void> {
    const res = await fetch(`${this.origin}/api/sessions/${this.sessionId}/stream`, {
      // What Chromium's EventSource sends. VibeTunnel then gzips the stream and flushes its replay of the recording
      // only with the next live output or its 30 s heartbeat (headless Chromium saw the same 31 s here).
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, deflate, br', 'cache-control': 'no-cache' },
      signal,
    });
    if (!res.ok || !res.body) throw new Error(`VibeTunnel stream answered ${res.status}`);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) throw new Error('the VibeTunnel stream ended');
          const at = performance.now();
          const parsed = parseSse(buffer + value);
          buffer = parsed.rest;
          if (parsed.outputs.length > 0) this.log.push(parsed.outputs.join(''), at);
        }
      } catch (error) {
        // Aborted by disconnect/close, the stream simply ends; anything else fails the waits at once.
        if (!signal.aborted) this.log.fail(error instanceof Error ? error : new Error(String(error)));
      }
    })();
  }

  send(text: string): void {
    this.#input.send(text);
  }

  async disconnect(): Promise<void> {
    this.#abort.abort();
    this.#input.close();
  }

  async reconnect(): Promise<void> {
    [this.#input, this.#open] = this.#connect();
    this.resumedBy = 'stream';
    await this.#open;
  }

  close(): Promise<void> {
    return this.disconnect();
  }
}
