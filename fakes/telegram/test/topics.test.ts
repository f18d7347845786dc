/** Forum topics in the bot's private chat, the topic switches, and messages inside topics. */
import { expect, it } from 'vitest';
import { call, fake, USER, userMessage, userStartsChat } from './helpers.ts';

it('creates a topic whose id is its service message, sends into it, renames and deletes it', async () => {
  const f = await fake();
  await userStartsChat(f);
  const created = await call(f, 'createForumTopic', { chat_id: USER.id, name: 'Session: api' });
  expect(created.body).toEqual({
    ok: true,
    result: { message_thread_id: expect.any(Number), name: 'Session: api', icon_color: 0x6fb9f0 },
  });
  const threadId = created.body.result.message_thread_id;
  const inTopic = await call(f, 'sendMessage', { chat_id: USER.id, text: 'hello topic', message_thread_id: threadId });
  expect(inTopic.body.result).toMatchObject({ message_thread_id: threadId, is_topic_message: true });
  expect(inTopic.body.result.message_id).toBe(threadId + 1);
  const main = await call(f, 'sendMessage', { chat_id: USER.id, text: 'main chat' });
  expect(main.body.result.message_thread_id).toBeUndefined();

  expect(
    (await call(f, 'editForumTopic', { chat_id: USER.id, message_thread_id: threadId, name: 'Renamed' })).body,
  ).toEqual({ ok: true, result: true });
  const same = await call(f, 'editForumTopic', { chat_id: USER.id, message_thread_id: threadId, name: 'Renamed' });
  expect(same.body.description).toBe('Bad Request: TOPIC_NOT_MODIFIED');
  const emptyName = await call(f, 'editForumTopic', { chat_id: USER.id, message_thread_id: threadId, name: ' ' });
  expect(emptyName.body.description).toBe('Bad Request: title must be non-empty');

  expect((await call(f, 'deleteForumTopic', { chat_id: USER.id, message_thread_id: threadId })).body.result).toBe(true);
  const gone = await call(f, 'sendMessage', { chat_id: USER.id, text: 'x', message_thread_id: threadId });
  expect(gone.body.description).toBe('Bad Request: message thread not found');
  const editGone = await call(f, 'editMessageText', {
    chat_id: USER.id,
    message_id: inTopic.body.result.message_id,
    text: 'y',
  });
  expect(editGone.body.description).toBe('Bad Request: message to edit not found');
  const deleteGone = await call(f, 'deleteForumTopic', { chat_id: USER.id, message_thread_id: threadId });
  expect(deleteGone.body.description).toBe('Bad Request: TOPIC_ID_INVALID');
});

it('takes one of the six icon colours and an emoji, and refuses bad names and colours', async () => {
  const f = await fake();
  await userStartsChat(f);
  const colored = await call(f, 'createForumTopic', {
    chat_id: USER.id,
    name: 'x'.repeat(200),
    icon_color: 0xff93b2,
    icon_custom_emoji_id: '5312536423851630001',
  });
  expect(colored.body.result).toMatchObject({
    name: 'x'.repeat(128),
    icon_color: 0xff93b2,
    icon_custom_emoji_id: '5312536423851630001',
  });
  expect((await call(f, 'createForumTopic', { chat_id: USER.id, name: 'c', icon_color: 123 })).body.description).toBe(
    'Bad Request: invalid icon color specified',
  );
  expect((await call(f, 'createForumTopic', { chat_id: USER.id })).body.description).toBe(
    'Bad Request: title must be non-empty',
  );
  expect((await call(f, 'createForumTopic', { name: 'n' })).body.description).toBe('Bad Request: chat_id is empty');
  expect(
    (await call(f, 'editForumTopic', { chat_id: USER.id, message_thread_id: 5555, name: 'n' })).body.description,
  ).toBe('Bad Request: TOPIC_ID_INVALID');
  const thread = colored.body.result.message_thread_id;
  const emoji = await call(f, 'editForumTopic', {
    chat_id: USER.id,
    message_thread_id: thread,
    icon_custom_emoji_id: '',
  });
  expect(emoji.body.result).toBe(true);
});

it('follows topicsEnabled: getMe reports it, topic methods fail and topics are unreachable without it', async () => {
  const f = await fake();
  await userStartsChat(f);
  const topic = (await call(f, 'createForumTopic', { chat_id: USER.id, name: 'before' })).body.result;
  expect(f.switches.set({ topicsEnabled: false }).topicsEnabled).toBe(false);
  const send = await call(f, 'sendMessage', {
    chat_id: USER.id,
    text: 'x',
    message_thread_id: topic.message_thread_id,
  });
  expect(send.body.description).toBe('Bad Request: message thread not found');
  expect((await call(f, 'getMe')).body.result.has_topics_enabled).toBe(false);
  const create = await call(f, 'createForumTopic', { chat_id: USER.id, name: 'n' });
  expect(create.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: the chat is not a forum' });
});

it('fails every topic call under topicCallsFail while getMe still reports topics', async () => {
  const f = await fake();
  await userStartsChat(f);
  const topic = (await call(f, 'createForumTopic', { chat_id: USER.id, name: 'n' })).body.result;
  f.switches.set({ topicCallsFail: true });
  expect((await call(f, 'getMe')).body.result.has_topics_enabled).toBe(true);
  for (const [method, params] of [
    ['createForumTopic', { name: 'm' }],
    ['editForumTopic', { message_thread_id: topic.message_thread_id, name: 'm' }],
    ['deleteForumTopic', { message_thread_id: topic.message_thread_id }],
  ] as const) {
    const reply = await call(f, method, { chat_id: USER.id, ...params });
    expect(reply.status).toBe(400);
  }
  f.switches.set({ topicCallsFail: false });
  expect(
    (await call(f, 'deleteForumTopic', { chat_id: USER.id, message_thread_id: topic.message_thread_id })).body.ok,
  ).toBe(true);
});

it("learns topics from the user's own topic messages", async () => {
  const f = await fake();
  await f.deliver(userMessage('in a topic', { message_id: 30, message_thread_id: 25, is_topic_message: true }));
  const reply = await call(f, 'sendMessage', { chat_id: USER.id, text: 'back', message_thread_id: 25 });
  expect(reply.body.result).toMatchObject({ message_thread_id: 25, message_id: 31 });
  await f.deliver(
    userMessage('', {
      message_id: 40,
      text: undefined,
      forum_topic_created: { name: 'User topic', icon_color: 0x8eee98 },
    }),
  );
  expect(
    (await call(f, 'editForumTopic', { chat_id: USER.id, message_thread_id: 40, name: 'User topic' })).body.description,
  ).toBe('Bad Request: TOPIC_NOT_MODIFIED');
});

it('has topics in a forum supergroup whatever the private-chat switch says, and none in a plain group', async () => {
  const f = await fake();
  f.switches.set({ topicsEnabled: false });
  const forum = { id: -1001, type: 'supergroup', title: 'Team', is_forum: true } as const;
  const group = { id: -2002, type: 'group', title: 'Plain' } as const;
  for (const chat of [forum, group]) {
    await f.deliver(userMessage('hi', { chat }));
  }
  const topic = await call(f, 'createForumTopic', { chat_id: forum.id, name: 'deploys' });
  expect(topic.body.ok).toBe(true);
  const plain = await call(f, 'createForumTopic', { chat_id: group.id, name: 'x' });
  expect(plain.body.description).toBe('Bad Request: the chat is not a forum');
});
