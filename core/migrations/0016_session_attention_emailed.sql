-- When a person was last emailed about their session's waiting question (issue 17: email only for waits longer than
-- ATTENTION_EMAIL_AFTER_MINUTES); one email per question: a later state starts a new wait. Written by hand in
-- drizzle-kit's form, like 0007.
ALTER TABLE `sessions` ADD `attention_emailed_at` integer;
