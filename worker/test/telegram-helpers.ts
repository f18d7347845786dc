/** The Telegram side of the Worker's tests: the webhook as Telegram calls it, and the bot's rows in D1. */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../src/index.ts';

export const WEBHOOK_URL = 'http://localhost/telegram/webhook';
export const SECRET = 'worker-test-webhook-secret';

/** A Queue binding that only records what is sent: shows whether a request put anything on the Queue. */
export function recordingQueue(): Queue & { sent: unknown[] } {
  const sent: unknown[] = [];
  return {
    sent,
    send: async (body: unknown) => {
      sent.push(body);
    },
    sendBatch: async (messages: Iterable<MessageSendRequest>) => {
      for (const message of messages) sent.push(message.body);
    },
  } as unknown as Queue & { sent: unknown[] };
}

/** The Worker's `fetch` with the test env changed: a setting removed, a binding swapped. */
export async function fetchWith(request: Request, overrides: Partial<Record<keyof Env | string, unknown>>) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    request as Request<unknown, IncomingRequestCfProperties>,
    { ...env, ...overrides } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

export function webhookRequest(body: string, secret: string | null = SECRET): Request {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (secret !== null) headers.set('x-telegram-bot-api-secret-token', secret);
  return new Request(WEBHOOK_URL, { method: 'POST', headers, body });
}

let nextUpdateId = Date.now() % 1_000_000_000;
/** A fresh update_id per call, so tests never share a claim. */
export function updateId(): number {
  nextUpdateId += 1;
  return nextUpdateId;
}

export function textUpdate(id: number, text = 'hello'): Record<string, unknown> {
  return {
    update_id: id,
    message: {
      message_id: 1,
      date: 1_700_000_000,
      chat: { id: 4242, type: 'private', first_name: 'A' },
      from: { id: 4242, is_bot: false, first_name: 'A' },
      text,
    },
  };
}

export type ClaimRow = { state: string; attempts: number };

export async function claimOf(id: number): Promise<ClaimRow | null> {
  return env.DB.prepare('SELECT state, attempts FROM telegram_updates WHERE update_id = ?').bind(id).first<ClaimRow>();
}
