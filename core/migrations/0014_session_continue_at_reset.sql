-- Whether the session's person asked to continue its agent when its usage limit resets (issue 17, one-shot: the hub
-- clears it once it typed the continue). Written by hand in drizzle-kit's form, like 0007.
ALTER TABLE `sessions` ADD `continue_at_reset` integer DEFAULT false NOT NULL;
