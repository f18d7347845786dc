import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { isGone, isMessageMissing, isNotModified, retryAfterMs } from './bot-api-errors.ts';

const error = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(
    'call failed',
    { ok: false, error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) },
    'sendMessage',
    {},
  );

describe('Bot API failures of a topic', () => {
  it('reads a deleted topic, a missing chat and a blocked bot as gone', () => {
    expect(isGone(error(400, 'Bad Request: message thread not found'))).toBe(true);
    expect(isGone(error(400, 'Bad Request: chat not found'))).toBe(true);
    expect(isGone(error(403, 'Forbidden: bot was blocked by the user'))).toBe(true);
    expect(isGone(error(400, 'Bad Request: message is too long'))).toBe(false);
    expect(isGone(new Error('message thread not found'))).toBe(false);
  });

  it('tells an unchanged edit and a deleted screen message apart', () => {
    const same = error(400, 'Bad Request: message is not modified: specified new message content…');
    expect(isNotModified(same)).toBe(true);
    expect(isMessageMissing(same)).toBe(false);
    expect(isMessageMissing(error(400, 'Bad Request: message to edit not found'))).toBe(true);
  });

  it("gives a 429's retry_after in ms, and nothing for other errors", () => {
    expect(retryAfterMs(error(429, 'Too Many Requests: retry after 40', 40))).toBe(40_000);
    expect(retryAfterMs(error(500, 'Internal Server Error'))).toBeNull();
  });
});
