-- Web Push (issue 17 item 2): the browsers that asked to be told when an agent needs its person, and, per session,
-- the `agent_state_at` of the state last pushed (one push per state). Written by hand in drizzle-kit's form, like 0007.
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `push_subscriptions_user` ON `push_subscriptions` (`user_id`);
--> statement-breakpoint
ALTER TABLE `sessions` ADD `attention_pushed_at` integer;
