-- The bot's message per attention item it told (telegram/src/db/schema.ts `telegramAttention`; keep the two in step):
-- one per session, the newest, so its buttons can answer the prompt it showed and an answer anywhere edits it.
-- Written by hand in drizzle-kit's form, like 0007.
CREATE TABLE `telegram_attention` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer,
	`html` text NOT NULL,
	`state` text NOT NULL,
	`prompt_fingerprint` text,
	`choices` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `telegram_attention_session` ON `telegram_attention` (`session_id`);
