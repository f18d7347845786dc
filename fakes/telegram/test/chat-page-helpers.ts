/** Shared by the chat page's endpoint tests: the page's POSTs, uploads, a webhook with a secret, the event stream. */
import { request } from 'node:http';
import { afterEach, expect } from 'vitest';
import type { FakeTelegram } from '../src/index.ts';
import { type Body, call, webhookServer } from './helpers.ts';

export const ONE_PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const ADA = { id: 5001, first_name: 'Ada', username: 'ada_local' };

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A POST as the page makes it: JSON, from the stand-in's own origin. */
export async function post(
  f: FakeTelegram,
  path: string,
  body: unknown,
  origin = f.url,
): Promise<{ status: number; body: Body }> {
  const res = await fetch(`${f.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

export const send = (f: FakeTelegram, body: object) => post(f, '/_fake/chat/messages', { user: ADA, ...body });

export async function upload(f: FakeTelegram, name: string, data: Buffer): Promise<string> {
  const res = await fetch(`${f.url}/_fake/files?name=${name}`, { method: 'POST', body: data });
  return ((await res.json()) as Body).file_id;
}

/** A webhook that records updates, registered with a secret; closed after the test. */
export async function hooked(f: FakeTelegram, status = 200) {
  const hook = await webhookServer(status);
  closers.push(hook.close);
  await call(f, 'setWebhook', { url: hook.url, secret_token: 'page-secret' });
  return hook;
}

export interface Events {
  next(): Promise<{ event: string; data: Body }>;
}

/** The chat's Server-Sent Events, parsed; the stream is closed after the test. */
export async function events(f: FakeTelegram, chatId: number): Promise<Events> {
  const abort = new AbortController();
  const res = await fetch(`${f.url}/_fake/chat/events?chat_id=${chatId}`, { signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/event-stream');
  closers.push(() => abort.abort());
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) return { event, data: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('the event stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    },
  };
}

/** A raw request with any Host header (fetch will not send a foreign one). */
export function withHost(f: FakeTelegram, path: string, host: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: f.port, path, headers: { host } }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}
