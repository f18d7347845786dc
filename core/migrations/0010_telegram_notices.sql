-- The bot's message per notice (telegram/src/db/schema.ts `telegramNotices`; keep the two in step), so answering the
-- notice anywhere edits that message and takes its buttons away. Written by hand in drizzle-kit's form, like 0007.
CREATE TABLE `telegram_notices` (
	`notice_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`chat_id` integer NOT NULL,
	`message_id` integer NOT NULL,
	`text` text NOT NULL,
	`buttons` text,
	`created_at` integer NOT NULL
);
