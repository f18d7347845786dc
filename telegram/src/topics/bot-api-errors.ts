/**
 * What a Bot API failure means for a session's topic. Telegram's error descriptions are its API: "Bad Request:
 * message thread not found" once the user deleted the topic, 403 "Forbidden: bot was blocked by the user", "Bad
 * Request: message is not modified" for an edit that changes nothing.
 */
import type { RenderOutcome } from '@vibecode/core/ports';
import { GrammyError, HttpError } from 'grammy';

/** After a 5xx or a network failure, the hub renders (or tells) again no sooner than this. */
export const TRANSIENT_RETRY_MS = 5_000;

const GONE = [/message thread not found/i, /TOPIC_ID_INVALID/, /TOPIC_DELETED/, /chat not found/i];

/** The topic or the chat is no longer there for the bot: nothing sent to it can arrive. */
export function isGone(error: unknown): boolean {
  if (!(error instanceof GrammyError)) return false;
  return error.error_code === 403 || (error.error_code === 400 && GONE.some((re) => re.test(error.description)));
}

export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /message is not modified/i.test(error.description);
}

/** The screen message was deleted (by the user): post a new one. */
export function isMessageMissing(error: unknown): boolean {
  return error instanceof GrammyError && /message to edit not found/i.test(error.description);
}

export function isTopicNotModified(error: unknown): boolean {
  return error instanceof GrammyError && /TOPIC_NOT_MODIFIED/.test(error.description);
}

/** A 429 the client did not wait out: how long Telegram asked to wait, in ms; null for anything else. */
export function retryAfterMs(error: unknown): number | null {
  if (!(error instanceof GrammyError) || error.error_code !== 429) return null;
  return (error.parameters.retry_after ?? 1) * 1000;
}

/**
 * What a failed post or edit means to the hub: `gone` (the topic or chat is), `retry` after a 429's `retry_after`
 * or, after a 5xx or a network failure, `TRANSIENT_RETRY_MS`; null for anything else (a bug: the caller throws it).
 */
export function failureOutcome(error: unknown): RenderOutcome | null {
  if (isGone(error)) return { kind: 'gone' };
  const afterMs = retryAfterMs(error);
  if (afterMs !== null) return { kind: 'retry', afterMs };
  if (error instanceof HttpError || (error instanceof GrammyError && error.error_code >= 500)) {
    return { kind: 'retry', afterMs: TRANSIENT_RETRY_MS };
  }
  return null;
}
