-- What each session's agent is doing, as its gateway last reported it (session.state, issue 17), and when a person
-- last looked (`attention_cleared_at`: opening the session or answering clears the attention item). `agent_choices`
-- is the prompt's choices as JSON. Written by hand in drizzle-kit's form, like 0007.
ALTER TABLE `sessions` ADD `agent_state` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_detail` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_choices` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_fingerprint` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_resets_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `agent_state_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `attention_cleared_at` integer;
