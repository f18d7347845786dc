/**
 * The retries every Bot API call gets, the bot's own (`bot.ts`) and those of the `Api` a conversation builds for
 * itself on each replay (`chat/`): a 429 waits its `retry_after` when ≤ 30 s and a 5xx backs off, at most 3 times; a
 * longer wait fails the update, which the Queue retries later.
 */
import { autoRetry } from '@grammyjs/auto-retry';

export const apiRetry = () => autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true });
