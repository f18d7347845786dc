/** The chat page's event stream: a snapshot, then patches as the chat changes, the bot's answers and chat actions. */
import { expect, it } from 'vitest';
import { MAX_VIEWERS } from '../src/chat-page/feed.ts';
import { ADA, events, hooked, post, send } from './chat-page-helpers.ts';
import { type Body, call, fake } from './helpers.ts';

it('streams a snapshot, then patches: new, edited, deleted and pinned messages, new and renamed topics, the webhook', async () => {
  const f = await fake();
  await send(f, { text: 'hi' });
  const stream = await events(f, ADA.id);
  const snapshot = await stream.next();
  expect(snapshot.event).toBe('snapshot');
  expect(snapshot.data).toEqual({
    bot: { id: 123456, first_name: 'VibeCode (local)', username: 'vibecode_local_bot' },
    topicsEnabled: true,
    webhook: { set: false },
    topics: [],
    pinned: [],
    menuButton: { type: 'default' },
    messages: [expect.objectContaining({ message_id: 1, text: 'hi' })],
  });

  const sent = (await call(f, 'sendMessage', { chat_id: ADA.id, text: '<b>hey</b>', parse_mode: 'HTML' })).body.result;
  expect(await stream.next()).toEqual({ event: 'patch', data: { messages: [sent] } });
  const edited = (await call(f, 'editMessageText', { chat_id: ADA.id, message_id: sent.message_id, text: 'hey!' })).body
    .result;
  expect(await stream.next()).toEqual({ event: 'patch', data: { messages: [edited] } });
  await call(f, 'pinChatMessage', { chat_id: ADA.id, message_id: sent.message_id });
  expect(await stream.next()).toEqual({ event: 'patch', data: { pinned: [sent.message_id] } });
  await call(f, 'deleteMessage', { chat_id: ADA.id, message_id: sent.message_id });
  expect(await stream.next()).toEqual({ event: 'patch', data: { pinned: [], deleted: [sent.message_id] } });
  const topic = (await call(f, 'createForumTopic', { chat_id: ADA.id, name: 'Build' })).body.result;
  const created = await stream.next();
  expect(created.data.topics).toEqual([topic]);
  expect(created.data.messages[0]).toMatchObject({ forum_topic_created: { name: 'Build' }, is_topic_message: true });
  await call(f, 'editForumTopic', {
    chat_id: ADA.id,
    message_thread_id: topic.message_thread_id,
    name: 'Build (ended)',
  });
  expect(await stream.next()).toEqual({ event: 'patch', data: { topics: [{ ...topic, name: 'Build (ended)' }] } });
  await call(f, 'setWebhook', { url: 'https://example.com/hook' });
  expect(await stream.next()).toEqual({ event: 'patch', data: { webhook: { set: true } } });
  await fetch(`${f.url}/_fake/switches`, { method: 'POST', body: '{"topicsEnabled":false}' });
  expect(await stream.next()).toEqual({ event: 'patch', data: { topicsEnabled: false } });
  // Calls that change nothing send nothing; the next change comes through alone.
  await call(f, 'getMe');
  await fetch(`${f.url}/_fake/reset`, { method: 'POST' });
  const reset = await stream.next();
  expect(reset.data).toEqual({ topics: [], deleted: [1, topic.message_thread_id] });
});

it("sends the bot's answer to a button the page pressed, and its chat actions, to that chat's pages", async () => {
  const f = await fake();
  await hooked(f);
  await send(f, { text: 'hi' });
  const keyboard = { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] };
  const menu = (await call(f, 'sendMessage', { chat_id: ADA.id, text: 'Pick', reply_markup: keyboard })).body.result;
  const stream = await events(f, ADA.id);
  await stream.next();
  const press = await post(f, '/_fake/chat/callback', { user: ADA, message_id: menu.message_id, data: 'go' });
  const id = press.body.callback_query_id;
  await call(f, 'answerCallbackQuery', { callback_query_id: id, text: 'Done', show_alert: true });
  let next = await stream.next();
  while (next.event !== 'answer') next = await stream.next();
  expect(next.data).toEqual({ callback_query_id: id, text: 'Done', show_alert: true });
  const topic = (await call(f, 'createForumTopic', { chat_id: ADA.id, name: 'T' })).body.result;
  await call(f, 'sendChatAction', { chat_id: ADA.id, action: 'typing', message_thread_id: topic.message_thread_id });
  while (next.event !== 'action') next = await stream.next();
  expect(next.data).toEqual({ action: 'typing', thread_id: topic.message_thread_id });
});

it('refuses a bad chat_id and more than MAX_VIEWERS open pages', async () => {
  const f = await fake();
  for (const chatId of ['', 'x', '0', '-5', '1.5']) {
    const res = await fetch(`${f.url}/_fake/chat/events?chat_id=${chatId}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as Body).error.code).toBe('fake.bad_request');
  }
  const streams = await Promise.all(Array.from({ length: MAX_VIEWERS }, () => events(f, ADA.id)));
  await Promise.all(streams.map((s) => s.next()));
  const over = await fetch(`${f.url}/_fake/chat/events?chat_id=${ADA.id}`);
  expect(over.status).toBe(503);
  expect(((await over.json()) as Body).error.code).toBe('fake.too_many_viewers');
});
