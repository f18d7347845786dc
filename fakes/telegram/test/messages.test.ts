/** Messages with plain fetch: send, edit ("not modified"), delete, pin, chat actions, callback answers, bad params. */
import { expect, it } from 'vitest';
import { BOT_ID, call, fake, json, USER, userMessage, userStartsChat } from './helpers.ts';

const NOT_MODIFIED =
  'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

it('refuses to write to a chat that never wrote to the bot, and to no chat at all', async () => {
  const f = await fake();
  expect((await call(f, 'sendMessage', { chat_id: USER.id, text: 'hi' })).body.description).toBe(
    'Bad Request: chat not found',
  );
  expect((await call(f, 'sendMessage', { text: 'hi' })).body.description).toBe('Bad Request: chat_id is empty');
  expect((await call(f, 'sendMessage', { chat_id: '@nobody', text: 'hi' })).body.description).toBe(
    'Bad Request: chat not found',
  );
});

it('sends a message with the next id of the chat, from the bot, with its inline keyboard', async () => {
  const f = await fake();
  await f.deliver(userMessage('/start', { message_id: 7 }));
  const markup = { inline_keyboard: [[{ text: 'Open', callback_data: 'open:1' }]] };
  const reply = await call(f, 'sendMessage', { chat_id: USER.id, text: 'Hello', reply_markup: markup });
  expect(reply.status).toBe(200);
  expect(reply.body.result).toMatchObject({
    message_id: 8,
    from: { id: BOT_ID, is_bot: true, username: 'vibecode_local_bot' },
    chat: { id: USER.id, type: 'private' },
    text: 'Hello',
    reply_markup: markup,
  });
  expect(reply.body.result.date).toBeGreaterThan(0);
  const next = await call(f, 'sendMessage', { chat_id: String(USER.id), text: 'again' });
  expect(next.body.result.message_id).toBe(9);
  const byUsername = await call(f, 'sendMessage', { chat_id: '@ada', text: 'by name' });
  expect(byUsername.body.result.message_id).toBe(10);
});

it('parses HTML into entities and refuses broken HTML or an unknown parse_mode', async () => {
  const f = await fake();
  await userStartsChat(f);
  const ok = await call(f, 'sendMessage', {
    chat_id: USER.id,
    text: '<b>Hi</b> &amp; <code>ls</code>',
    parse_mode: 'HTML',
  });
  expect(ok.body.result.text).toBe('Hi & ls');
  expect(ok.body.result.entities).toEqual([
    { type: 'bold', offset: 0, length: 2 },
    { type: 'code', offset: 5, length: 2 },
  ]);
  const broken = await call(f, 'sendMessage', { chat_id: USER.id, text: '<b>Hi', parse_mode: 'HTML' });
  expect(broken.body).toEqual({
    ok: false,
    error_code: 400,
    description: 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
  });
  const mode = await call(f, 'sendMessage', { chat_id: USER.id, text: 'x', parse_mode: 'BBCode' });
  expect(mode.body.description).toBe('Bad Request: unsupported parse_mode');
  const entities = await call(f, 'sendMessage', { chat_id: USER.id, text: 'x', entities: '{' });
  expect(entities.body.description).toBe("Bad Request: can't parse entities JSON object");
});

it('refuses empty or too long text, bad reply markup and oversized callback data', async () => {
  const f = await fake();
  await userStartsChat(f);
  const cases: [object, string][] = [
    [{}, 'Bad Request: message text is empty'],
    [{ text: '   ' }, 'Bad Request: message text is empty'],
    [{ text: '<b></b>', parse_mode: 'HTML' }, 'Bad Request: message text is empty'],
    [{ text: 'x'.repeat(4097) }, 'Bad Request: message is too long'],
    [{ text: 'x', reply_markup: 'nope' }, "Bad Request: can't parse reply keyboard markup JSON object"],
    [
      { text: 'x', reply_markup: { inline_keyboard: [{ text: 'not a row' }] } },
      'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
    ],
    [
      { text: 'x', reply_markup: { inline_keyboard: [[{ callback_data: 'no text' }]] } },
      'Bad Request: can\'t parse inline keyboard button: Field "text" must be of type String',
    ],
    [
      { text: 'x', reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'x'.repeat(65) }]] } },
      'Bad Request: BUTTON_DATA_INVALID',
    ],
  ];
  for (const [params, description] of cases) {
    const reply = await call(f, 'sendMessage', { chat_id: USER.id, ...params });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ ok: false, error_code: 400, description });
  }
  const full = await call(f, 'sendMessage', { chat_id: USER.id, text: 'x'.repeat(4096) });
  expect(full.body.ok).toBe(true);
});

it('replies to a message of the chat, or says the replied message is missing', async () => {
  const f = await fake();
  await f.deliver(userMessage('question', { message_id: 50 }));
  const reply = await call(f, 'sendMessage', {
    chat_id: USER.id,
    text: 'answer',
    reply_parameters: { message_id: 50 },
  });
  expect(reply.body.result.reply_to_message).toMatchObject({ message_id: 50, text: 'question' });
  const legacy = await call(f, 'sendMessage', { chat_id: USER.id, text: 'a', reply_to_message_id: 50 });
  expect(legacy.body.result.reply_to_message.message_id).toBe(50);
  const missing = await call(f, 'sendMessage', { chat_id: USER.id, text: 'a', reply_parameters: { message_id: 999 } });
  expect(missing.body.description).toBe('Bad Request: message to be replied not found');
  const allowed = await call(f, 'sendMessage', {
    chat_id: USER.id,
    text: 'a',
    reply_parameters: { message_id: 999, allow_sending_without_reply: true },
  });
  expect(allowed.body.result.reply_to_message).toBeUndefined();
  const bad = await call(f, 'sendMessage', { chat_id: USER.id, text: 'a', reply_parameters: '{' });
  expect(bad.body.description).toBe("Bad Request: can't parse reply parameters JSON object");
  const notObject = await call(f, 'sendMessage', { chat_id: USER.id, text: 'a', reply_parameters: [1] });
  expect(notObject.body.description).toBe('Bad Request: object expected as reply parameters');
  const noId = await call(f, 'sendMessage', { chat_id: USER.id, text: 'a', reply_parameters: { quote: 'x' } });
  expect(noId.body.description).toBe(
    'Bad Request: can\'t parse reply parameters: Field "message_id" must be of type Number',
  );
});

it('edits the bot\'s text, answers "message is not modified" when nothing changes, and refuses others\' messages', async () => {
  const f = await fake();
  await f.deliver(userMessage('mine', { message_id: 10 }));
  const sent = (await call(f, 'sendMessage', { chat_id: USER.id, text: 'v1' })).body.result;
  const edited = await call(f, 'editMessageText', { chat_id: USER.id, message_id: sent.message_id, text: 'v2' });
  expect(edited.body.result).toMatchObject({ message_id: sent.message_id, text: 'v2', edit_date: expect.any(Number) });
  const same = await call(f, 'editMessageText', { chat_id: USER.id, message_id: sent.message_id, text: 'v2' });
  expect(same.status).toBe(400);
  expect(same.body).toEqual({ ok: false, error_code: 400, description: NOT_MODIFIED });
  const markup = { inline_keyboard: [[{ text: 'b', callback_data: 'b' }]] };
  const withMarkup = await call(f, 'editMessageText', {
    chat_id: USER.id,
    message_id: sent.message_id,
    text: 'v2',
    reply_markup: markup,
  });
  expect(withMarkup.body.result.reply_markup).toEqual(markup);
  const sameMarkup = await call(f, 'editMessageText', {
    chat_id: USER.id,
    message_id: sent.message_id,
    text: 'v2',
    reply_markup: markup,
  });
  expect(sameMarkup.body.description).toBe(NOT_MODIFIED);
  const html = await call(f, 'editMessageText', {
    chat_id: USER.id,
    message_id: sent.message_id,
    text: '<b>v2</b>',
    parse_mode: 'HTML',
  });
  expect(html.body.result).toMatchObject({ text: 'v2', entities: [{ type: 'bold', offset: 0, length: 2 }] });
  expect(html.body.result.reply_markup).toBeUndefined();
  const missing = await call(f, 'editMessageText', { chat_id: USER.id, message_id: 9999, text: 'x' });
  expect(missing.body.description).toBe('Bad Request: message to edit not found');
  const noId = await call(f, 'editMessageText', { chat_id: USER.id, text: 'x' });
  expect(noId.body.description).toBe('Bad Request: message to edit not found');
  const users = await call(f, 'editMessageText', { chat_id: USER.id, message_id: 10, text: 'x' });
  expect(users.body.description).toBe("Bad Request: message can't be edited");
  const empty = await call(f, 'editMessageText', { chat_id: USER.id, message_id: sent.message_id, text: '' });
  expect(empty.body.description).toBe('Bad Request: message text is empty');
  const inline = await call(f, 'editMessageText', { inline_message_id: 'abc', text: 'x' });
  expect(inline.body.description).toBe('Bad Request: inline messages are not supported by the stand-in');
});

it("deletes messages once, with Telegram's errors for missing ids", async () => {
  const f = await fake();
  await userStartsChat(f);
  const sent = (await call(f, 'sendMessage', { chat_id: USER.id, text: 'bye' })).body.result;
  expect((await call(f, 'deleteMessage', { chat_id: USER.id, message_id: sent.message_id })).body).toEqual({
    ok: true,
    result: true,
  });
  const again = await call(f, 'deleteMessage', { chat_id: USER.id, message_id: sent.message_id });
  expect(again.body.description).toBe('Bad Request: message to delete not found');
  expect((await call(f, 'deleteMessage', { message_id: 1 })).body.description).toBe(
    'Bad Request: chat identifier is not specified',
  );
  expect((await call(f, 'deleteMessage', { chat_id: USER.id })).body.description).toBe(
    'Bad Request: message identifier is not specified',
  );
  const edit = await call(f, 'editMessageText', { chat_id: USER.id, message_id: sent.message_id, text: 'x' });
  expect(edit.body.description).toBe('Bad Request: message to edit not found');
});

it('pins and unpins messages', async () => {
  const f = await fake();
  await userStartsChat(f);
  const a = (await call(f, 'sendMessage', { chat_id: USER.id, text: 'a' })).body.result;
  const b = (await call(f, 'sendMessage', { chat_id: USER.id, text: 'b' })).body.result;
  expect((await call(f, 'pinChatMessage', { chat_id: USER.id, message_id: a.message_id })).body.result).toBe(true);
  expect((await call(f, 'pinChatMessage', { chat_id: USER.id, message_id: b.message_id })).body.result).toBe(true);
  expect((await call(f, 'pinChatMessage', { chat_id: USER.id, message_id: 999 })).body.description).toBe(
    'Bad Request: message to pin not found',
  );
  expect((await call(f, 'unpinChatMessage', { chat_id: USER.id })).body.result).toBe(true);
  expect((await call(f, 'unpinChatMessage', { chat_id: USER.id, message_id: a.message_id })).body.result).toBe(true);
  expect((await call(f, 'unpinChatMessage', { chat_id: USER.id })).body.description).toBe(
    'Bad Request: message to unpin not found',
  );
  expect((await call(f, 'unpinChatMessage', { chat_id: USER.id, message_id: 999 })).body.description).toBe(
    'Bad Request: message to unpin not found',
  );
});

it('takes known chat actions only', async () => {
  const f = await fake();
  await userStartsChat(f);
  expect((await call(f, 'sendChatAction', { chat_id: USER.id, action: 'typing' })).body).toEqual({
    ok: true,
    result: true,
  });
  for (const action of [undefined, 'dancing']) {
    const reply = await call(f, 'sendChatAction', { chat_id: USER.id, action });
    expect(reply.body.description).toBe('Bad Request: wrong parameter action in request');
  }
  const thread = await call(f, 'sendChatAction', { chat_id: USER.id, action: 'typing', message_thread_id: 77 });
  expect(thread.body.description).toBe('Bad Request: message thread not found');
});

it('answers a delivered callback query once, and refuses unknown ones', async () => {
  const f = await fake();
  await userStartsChat(f);
  const sent = (await call(f, 'sendMessage', { chat_id: USER.id, text: 'pick' })).body.result;
  await f.deliver({ callback_query: { id: 'cq-1', from: USER, chat_instance: '1', data: 'x', message: sent } });
  expect((await call(f, 'answerCallbackQuery', { callback_query_id: 'cq-1', text: 'ok' })).body.result).toBe(true);
  const TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';
  expect((await call(f, 'answerCallbackQuery', { callback_query_id: 'cq-1' })).body.description).toBe(TOO_OLD);
  expect((await call(f, 'answerCallbackQuery', { callback_query_id: 'nope' })).body.description).toBe(TOO_OLD);
});

it('keeps Markdown text as sent, refuses replies into other chats and edits of messages without text', async () => {
  const f = await fake();
  await userStartsChat(f);
  const md = await call(f, 'sendMessage', { chat_id: USER.id, text: '*bold*', parse_mode: 'MarkdownV2' });
  expect(md.body.result.text).toBe('*bold*');
  expect(md.body.result.entities).toBeUndefined();
  const otherChat = await call(f, 'sendMessage', {
    chat_id: USER.id,
    text: 'x',
    reply_parameters: { message_id: md.body.result.message_id, chat_id: 999 },
  });
  expect(otherChat.body.description).toBe('Bad Request: replies to other chats are not supported by the stand-in');
  const doc = await call(f, 'sendDocument', { chat_id: USER.id, document: 'nope' });
  expect(doc.body.ok).toBe(false);
  const res = await fetch(`${f.url}/_fake/files?name=a.txt`, { method: 'POST', body: 'a' });
  const { file_id } = await json(res);
  const sent = await call(f, 'sendDocument', { chat_id: USER.id, document: file_id });
  const edit = await call(f, 'editMessageText', {
    chat_id: USER.id,
    message_id: sent.body.result.message_id,
    text: 'x',
  });
  expect(edit.body.description).toBe('Bad Request: there is no text in the message to edit');
});

it("refuses to delete a topic's service message", async () => {
  const f = await fake();
  await userStartsChat(f);
  const topic = (await call(f, 'createForumTopic', { chat_id: USER.id, name: 't' })).body.result;
  const reply = await call(f, 'deleteMessage', { chat_id: USER.id, message_id: topic.message_thread_id });
  expect(reply.body.description).toBe("Bad Request: message can't be deleted");
});
