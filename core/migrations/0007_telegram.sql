-- The Telegram bot's tables. They belong to @vibecode/telegram and are defined with drizzle in
-- telegram/src/db/schema.ts (keep the two in step); core's drizzle schema and meta/ do not know them, and core never
-- reads them. Written by hand in drizzle-kit's form so wrangler applies it with core's migrations.
CREATE TABLE `telegram_links` (
	`telegram_user_id` integer PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`chat_id` integer NOT NULL,
	`username` text,
	`linked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `telegram_links_user_id_unique` ON `telegram_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `telegram_link_codes` (
	`code_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` integer
);
--> statement-breakpoint
CREATE INDEX `telegram_link_codes_user` ON `telegram_link_codes` (`user_id`);--> statement-breakpoint
CREATE INDEX `telegram_link_codes_expires` ON `telegram_link_codes` (`expires_at`);--> statement-breakpoint
CREATE TABLE `telegram_updates` (
	`update_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`attempts` integer NOT NULL,
	`claimed_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `telegram_updates_claimed` ON `telegram_updates` (`claimed_at`);
