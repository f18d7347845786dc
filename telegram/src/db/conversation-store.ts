/**
 * Where `@grammyjs/conversations` keeps each chat's conversation between updates (`telegram_conversations`): the
 * plugin's `VersionedStateStorage`, its state as JSON per chat key. Each update of a chat runs once and in order
 * (`update-queue.ts`), so a plain upsert is enough. A row that does not parse as the plugin's versioned state (a
 * manual edit, a truncated write) reads as no conversation: the user starts again rather than the bot failing.
 */
import type { ConversationData, VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import { eq } from 'drizzle-orm';
import type { TelegramDb } from './client.ts';
import { telegramConversations } from './schema.ts';

export type ConversationStore = VersionedStateStorage<string, ConversationData>;

/** The plugin's own shape: `{version: [pluginVersion, appVersion], state}`; the plugin checks the versions. */
export function parseConversationState(text: string): VersionedState<ConversationData> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { version, state } = value as { version?: unknown; state?: unknown };
  if (!Array.isArray(version) || version.length !== 2 || typeof state !== 'object' || state === null) return undefined;
  return value as VersionedState<ConversationData>;
}

export function d1ConversationStore(db: TelegramDb, now: () => number): ConversationStore {
  const t = telegramConversations;
  return {
    async read(key) {
      const [row] = await db.select({ state: t.state }).from(t).where(eq(t.chatKey, key)).limit(1);
      return row === undefined ? undefined : parseConversationState(row.state);
    },
    async write(key, state) {
      const values = { state: JSON.stringify(state), updatedAt: now() };
      await db
        .insert(t)
        .values({ chatKey: key, ...values })
        .onConflictDoUpdate({ target: t.chatKey, set: values });
    },
    async delete(key) {
      await db.delete(t).where(eq(t.chatKey, key));
    },
  };
}
