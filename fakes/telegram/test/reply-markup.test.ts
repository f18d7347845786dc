/** editMessageReplyMarkup with plain fetch: buttons replaced or taken away, "not modified", someone else's message. */
import { expect, it } from 'vitest';
import { call, fake, USER, userMessage } from './helpers.ts';

const markup = { inline_keyboard: [[{ text: 'Keep running', callback_data: 'keep' }]] };

it('replaces the buttons, takes them away without reply_markup, and says when nothing changes', async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { message_id: 3 }));
  const sent = await call(f, 'sendMessage', { chat_id: USER.id, text: 'idle', reply_markup: markup });
  const id = sent.body.result.message_id;
  const other = { inline_keyboard: [[{ text: 'Cancel', callback_data: 'back' }]] };
  const replaced = await call(f, 'editMessageReplyMarkup', { chat_id: USER.id, message_id: id, reply_markup: other });
  expect(replaced.body.result).toMatchObject({ message_id: id, text: 'idle', reply_markup: other });
  expect(replaced.body.result.edit_date).toBeGreaterThan(0);
  const removed = await call(f, 'editMessageReplyMarkup', { chat_id: USER.id, message_id: id });
  expect(removed.body.result.text).toBe('idle');
  expect(removed.body.result.reply_markup).toBeUndefined();
  expect((await call(f, 'editMessageReplyMarkup', { chat_id: USER.id, message_id: id })).body.description).toMatch(
    /^Bad Request: message is not modified/,
  );
});

it("refuses a missing message and the user's own", async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { message_id: 3 }));
  expect((await call(f, 'editMessageReplyMarkup', { chat_id: USER.id, message_id: 99 })).body.description).toBe(
    'Bad Request: message to edit not found',
  );
  expect((await call(f, 'editMessageReplyMarkup', { chat_id: USER.id, message_id: 3 })).body.description).toBe(
    "Bad Request: message can't be edited",
  );
});
