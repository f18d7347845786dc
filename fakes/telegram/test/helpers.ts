/** Shared by the stand-in's tests: a started stand-in, plain-fetch Bot API calls, users' updates, a webhook. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { afterEach } from 'vitest';
import { type FakeTelegram, startFakeTelegram } from '../src/index.ts';

export const TOKEN = '123456:test-token_ABC';
export const BOT_ID = 123456;
export const USER = { id: 4242, is_bot: false, first_name: 'Ada', username: 'ada' } as const;

const started: FakeTelegram[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

/** A stand-in closed after the test. */
export async function fake(options: { dataDir?: string } = {}): Promise<FakeTelegram> {
  const f = await startFakeTelegram({ token: TOKEN, ...options });
  started.push(f);
  return f;
}

/** A reply body as the tests read it: its shape is what the assertions check, so it is deliberately untyped. */
// biome-ignore lint/suspicious/noExplicitAny: assertions, not the type system, check reply shapes in tests
export type Body = any;

export const json = (res: Response): Promise<Body> => res.json();

export interface ApiReply {
  status: number;
  body: Body;
}

/** One Bot API call as a JSON POST, like grammY makes it. */
export async function call(f: FakeTelegram, method: string, params: object = {}, token = TOKEN): Promise<ApiReply> {
  const res = await fetch(`${f.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: await json(res) };
}

let messageId = 100;
/** A private-chat text message from USER, as Telegram would deliver it. */
export function userMessage(text: string, extra: object = {}): Omit<Update, 'update_id'> {
  return {
    message: {
      message_id: messageId++,
      from: USER,
      chat: { id: USER.id, type: 'private', first_name: USER.first_name, username: USER.username },
      date: Math.floor(Date.now() / 1000),
      text,
      ...extra,
    },
  } as Omit<Update, 'update_id'>;
}

/** Makes USER's private chat known to the stand-in (a user must write to a bot first). */
export async function userStartsChat(f: FakeTelegram): Promise<void> {
  await f.deliver(userMessage('/start'));
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: Body;
}

/** A local webhook that records what it receives and answers `status`. */
export async function webhookServer(
  status = 200,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/telegram/webhook`,
    received,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
