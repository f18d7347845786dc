/**
 * The bot's own D1 tables (core/migrations/0007_telegram.sql, 0008_telegram_topics.sql and later ones create them;
 * core's drizzle schema does not know them).
 * Times are integer milliseconds since the epoch; Telegram ids are integers below 2^53, so plain numbers. Users are
 * core's, known here only by id (a channel never touches core's tables, so no foreign key).
 */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** One Telegram account ↔ one VibeCode user, both ways: linking again moves the link (`link-store.ts`). */
export const telegramLinks = sqliteTable('telegram_links', {
  telegramUserId: integer('telegram_user_id', { mode: 'number' }).primaryKey(),
  userId: text('user_id').notNull().unique(),
  /** The bot's private chat with that account, where the bot writes to the user. */
  chatId: integer('chat_id', { mode: 'number' }).notNull(),
  /** The account's @username when it has one, as of the last link. */
  username: text('username'),
  linkedAt: integer('linked_at', { mode: 'number' }).notNull(),
});

/** Single-use link codes (`/start <code>`), stored as their SHA-256; redeemed with `UPDATE … RETURNING`. */
export const telegramLinkCodes = sqliteTable(
  'telegram_link_codes',
  {
    codeHash: text('code_hash').primaryKey(),
    userId: text('user_id').notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'number' }).notNull(),
    usedAt: integer('used_at', { mode: 'number' }),
    /** The Telegram account that redeemed it: a re-run of the same update (a retry) finds its own redemption. */
    usedBy: integer('used_by', { mode: 'number' }),
  },
  (t) => [index('telegram_link_codes_user').on(t.userId), index('telegram_link_codes_expires').on(t.expiresAt)],
);

/** States of an update's claim: `running` (leased), `done`, `failed` (may be claimed again). */
export const updateClaimStates = ['running', 'done', 'failed'] as const;

/** The queue consumer's once-per-`update_id` claims (`update-claims.ts`). */
export const telegramUpdates = sqliteTable(
  'telegram_updates',
  {
    updateId: integer('update_id', { mode: 'number' }).primaryKey(),
    state: text('state', { enum: updateClaimStates }).notNull(),
    attempts: integer('attempts', { mode: 'number' }).notNull(),
    claimedAt: integer('claimed_at', { mode: 'number' }).notNull(),
    finishedAt: integer('finished_at', { mode: 'number' }),
  },
  (t) => [index('telegram_updates_claimed').on(t.claimedAt)],
);

/** States of a session's topic: `open` while the session runs, `ended` once it ended (input is refused). */
export const topicStates = ['open', 'ended'] as const;

/** `topic`: a forum topic of its own; `pinned`: one pinned message in the chat itself, when topics fail there. */
export const topicModes = ['topic', 'pinned'] as const;

/**
 * One forum topic in a linked user's private chat per session (`topic-store.ts`): where the bot shows the session's
 * screen and takes its input. The screen message is edited in place until the user writes below it.
 */
export const telegramTopics = sqliteTable(
  'telegram_topics',
  {
    chatId: integer('chat_id', { mode: 'number' }).notNull(),
    /** The topic's `message_thread_id`; in `pinned` mode, the pinned screen message's id. */
    threadId: integer('thread_id', { mode: 'number' }).notNull(),
    mode: text('mode', { enum: topicModes }).notNull().default('topic'),
    userId: text('user_id').notNull(),
    sessionId: text('session_id').notNull(),
    /** The topic's name as created; `(ended)` is added to it when the session ends. */
    title: text('title').notNull(),
    /** The message showing the screen, edited while it stays the topic's last. */
    screenMessageId: integer('screen_message_id', { mode: 'number' }),
    /** The screen text last shown, so an identical screen costs no call. */
    screenText: text('screen_text'),
    /** The user's newest message in the topic: once past the screen message, the screen is posted anew below it. */
    lastUserMessageId: integer('last_user_message_id', { mode: 'number' }),
    state: text('state', { enum: topicStates }).notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.chatId, t.threadId] })],
);

/**
 * The bot's message per notice it delivered (`notice-store.ts`, core/migrations/0010_telegram_notices.sql): what it
 * said, so a Power off that is asked first can be taken back, and where, so an answer anywhere edits it. A row is
 * removed once its message says how the notice was answered.
 */
export const telegramNotices = sqliteTable('telegram_notices', {
  /** Core's notification id (`Notification.id`), as the buttons' callback data carry it. */
  noticeId: text('notice_id').primaryKey(),
  userId: text('user_id').notNull(),
  chatId: integer('chat_id', { mode: 'number' }).notNull(),
  messageId: integer('message_id', { mode: 'number' }).notNull(),
  /** The message's text as sent. */
  text: text('text').notNull(),
  /** Its buttons as sent (an `InlineKeyboardMarkup` as JSON), put back when a question about one is cancelled. */
  buttons: text('buttons'),
  createdAt: integer('created_at', { mode: 'number' }).notNull(),
});

/**
 * The bot's conversations (/new, /power, /keys) per private chat (`conversation-store.ts`): `@grammyjs/conversations`'
 * versioned state as JSON, which it replays on the chat's next update. D1, not KV: the next update must read what the
 * last one wrote, and KV is eventually consistent. core/migrations/0009_telegram_conversations.sql creates it.
 */
export const telegramConversations = sqliteTable('telegram_conversations', {
  /** The plugin's storage key: the chat's id. */
  chatKey: text('chat_key').primaryKey(),
  state: text('state').notNull(),
  updatedAt: integer('updated_at', { mode: 'number' }).notNull(),
});

/**
 * The bot's message per attention item it told (`attention-store.ts`, core/migrations/0015_telegram_attention.sql):
 * at most one per session, the newest. Its id is what the message's buttons carry (Telegram allows 64 bytes of
 * callback data, so the prompt's fingerprint and choices wait here); whoever settles the item (a button, an answer
 * elsewhere, an opening) removes the row first and then edits the message, so it is edited once.
 */
export const telegramAttention = sqliteTable(
  'telegram_attention',
  {
    id: integer('id', { mode: 'number' }).primaryKey({ autoIncrement: true }),
    sessionId: text('session_id').notNull(),
    userId: text('user_id').notNull(),
    chatId: integer('chat_id', { mode: 'number' }).notNull(),
    /** Null until the message is posted. */
    messageId: integer('message_id', { mode: 'number' }),
    /** The message as sent (HTML), which its settled form keeps above what became of it. */
    html: text('html').notNull(),
    /** `needs_input`, `limited` or `done`: which buttons it has. */
    state: text('state').notNull(),
    promptFingerprint: text('prompt_fingerprint'),
    /** The prompt's choices as JSON (`[{key, label}]`), a button's index into them. */
    choices: text('choices', { mode: 'json' }).$type<{ key: string; label: string }[]>().notNull(),
    createdAt: integer('created_at', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('telegram_attention_session').on(t.sessionId)],
);
