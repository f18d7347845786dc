-- The Telegram bot's conversations (/new, /power, /keys: @grammyjs/conversations), one row per private chat holding
-- the plugin's versioned replay state as JSON (telegram/src/db/schema.ts `telegramConversations`; keep the two in
-- step). Like 0007_telegram.sql, written by hand in drizzle-kit's form; core's drizzle schema and meta/ do not know it.
CREATE TABLE `telegram_conversations` (
	`chat_key` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL
);
