/**
 * The local-mode sender: the link is logged as structured JSON for the console, and the message is kept in KV
 * for a day so the dev outbox (`GET /api/dev/outbox`) can list it. Keys sort newest first.
 */
import type { Logger } from '@vibecode/schemas/log';
import type { EmailMessage, EmailSender } from './email-sender.ts';

export type OutboxEntry = EmailMessage & { sent_at: string };

/** The slice of a KV namespace the outbox uses. */
export interface OutboxStore {
  put(key: string, value: string, options: { expirationTtl: number }): Promise<void>;
  get(key: string): Promise<string | null>;
  list(options: { prefix: string; limit: number }): Promise<{ keys: { name: string }[] }>;
}

const PREFIX = 'outbox:';
const TTL_SECONDS = 24 * 3600;
/** The outbox page shows at most this many messages. */
export const OUTBOX_LIST_LIMIT = 100;
const MAX_TIME = 9_999_999_999_999;

export function outboxKey(sentAt: number, id: string): string {
  return `${PREFIX}${String(MAX_TIME - sentAt).padStart(13, '0')}:${id}`;
}

export function createOutboxSender(store: OutboxStore, log: Logger, clock: () => number = Date.now): EmailSender {
  return {
    async send(message) {
      const sentAt = clock();
      log.info('outbox email', { to: message.to, subject: message.subject, link: message.link });
      const entry: OutboxEntry = { ...message, sent_at: new Date(sentAt).toISOString() };
      await store.put(outboxKey(sentAt, crypto.randomUUID()), JSON.stringify(entry), { expirationTtl: TTL_SECONDS });
    },
  };
}

export async function listOutbox(store: OutboxStore): Promise<OutboxEntry[]> {
  const { keys } = await store.list({ prefix: PREFIX, limit: OUTBOX_LIST_LIMIT });
  const values = await Promise.all(keys.map((key) => store.get(key.name)));
  return values.filter((value) => value !== null).map((value) => JSON.parse(value) as OutboxEntry);
}
