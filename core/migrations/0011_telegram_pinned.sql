-- The topics-off fallback (telegram/src/db/schema.ts `telegramTopics.mode`; keep the two in step): a session shown as
-- one pinned message in the private chat itself rather than in a forum topic. For such a row `thread_id` holds the
-- pinned message's id (unique in its chat, as a thread id is), and replies to that message are the session's.
ALTER TABLE `telegram_topics` ADD `mode` text DEFAULT 'topic' NOT NULL;
