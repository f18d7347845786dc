-- Each web session's absolute lifetime from its creation (src/db/schema.ts `webSessions.maxAgeMs`): 30 days for a
-- sign-in, the default every existing row takes; 8 hours for a Telegram Mini App's session (auth/miniapp-session.ts).
-- Written by hand in drizzle-kit's form, like 0007.
ALTER TABLE `web_sessions` ADD `max_age_ms` integer DEFAULT 2592000000 NOT NULL;
