ALTER TABLE `sessions` ADD `exit_code` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `exit_signal` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `exit_lines` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `exited_at` integer;