-- The Telegram bot's topic per session (telegram/src/db/schema.ts `telegramTopics`; keep the two in step). Like
-- 0007_telegram.sql, written by hand in drizzle-kit's form; core's drizzle schema and meta/ do not know it.
CREATE TABLE `telegram_topics` (
	`chat_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`session_id` text NOT NULL,
	`title` text NOT NULL,
	`screen_message_id` integer,
	`screen_text` text,
	`last_user_message_id` integer,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `thread_id`)
);
