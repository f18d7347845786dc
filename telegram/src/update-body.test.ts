import { describe, expect, it } from 'vitest';
import { checkUpdate, MAX_QUEUED_UPDATE_BYTES, parseUpdateBody } from './update-body.ts';

const message = { message_id: 1, date: 1, chat: { id: 7, type: 'private' }, from: { id: 7 }, text: '/start' };

describe('parseUpdateBody', () => {
  it('accepts an object with an integer update_id, whatever else it carries', () => {
    const parsed = parseUpdateBody(JSON.stringify({ update_id: 0, message }));
    expect(parsed).toEqual({ ok: true, update: { update_id: 0, message } });
    expect(parseUpdateBody(JSON.stringify({ update_id: 2 ** 40, some_future_kind: {} })).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"update_id": 1', 'the body is not JSON'],
    ['empty', '', 'the body is not JSON'],
    ['an array', '[{"update_id": 1}]', 'an update is a JSON object'],
    ['null', 'null', 'an update is a JSON object'],
    ['a number', '42', 'an update is a JSON object'],
    ['no update_id', '{"message": {}}', 'update_id must be an integer ≥ 0'],
    ['a string update_id', '{"update_id": "1"}', 'update_id must be an integer ≥ 0'],
    ['a negative update_id', '{"update_id": -1}', 'update_id must be an integer ≥ 0'],
    ['a fractional update_id', '{"update_id": 1.5}', 'update_id must be an integer ≥ 0'],
    ['an unsafe update_id', '{"update_id": 9007199254740993}', 'update_id must be an integer ≥ 0'],
  ])('refuses %s', (_, body, reason) => {
    expect(parseUpdateBody(body)).toEqual({ ok: false, message: reason });
  });

  it('refuses an update too large for one Queue message', () => {
    const text = 'x'.repeat(MAX_QUEUED_UPDATE_BYTES);
    expect(parseUpdateBody(JSON.stringify({ update_id: 1, message: { ...message, text } }))).toEqual({
      ok: false,
      message: `the update is larger than a queue message (${MAX_QUEUED_UPDATE_BYTES} bytes)`,
    });
  });
});

describe('checkUpdate', () => {
  it('checks a queued body the same way', () => {
    expect(checkUpdate({ update_id: 5 }).ok).toBe(true);
    expect(checkUpdate('{"update_id": 5}').ok).toBe(false);
    expect(checkUpdate(undefined).ok).toBe(false);
  });
});
