/**
 * What the user does in a session's topic, through the real bot and the Bot API stand-in: text and keys reach the
 * session (a recording `SessionControl`), /screen asks for a redraw, /end asks first, an ended topic refuses input,
 * and core's refusals are answered with their message.
 */
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { END_CANCEL, END_CONFIRM } from '../../src/topics/topic-handlers.ts';
import { harness, session, USER, USER_ID } from './harness.ts';

async function inTopic() {
  const h = await harness();
  const [binding] = await h.surface.opened(session('sess-1'));
  if (!binding) throw new Error('no binding');
  const threadId: number = JSON.parse(binding.conversation).thread_id;
  return { ...h, threadId, bound: { binding, session: session('sess-1') } };
}

describe('a session topic', () => {
  it("sends the user's text to the session followed by Enter, a program's own slash commands too", async () => {
    const h = await inTopic();
    const id = await h.write('fix the tests', h.threadId);
    await h.write('/compact now', h.threadId);
    expect(h.sessions.calls).toEqual([
      { method: 'input', userId: USER_ID, sessionId: 'sess-1', data: 'fix the tests\r' },
      { method: 'input', userId: USER_ID, sessionId: 'sess-1', data: '/compact now\r' },
    ]);
    expect((await h.topics.topic(USER.id, h.threadId))?.lastUserMessageId).toBe(id + 1);
  });

  it('sends a named key with /key, and lists the names for an unknown one', async () => {
    const h = await inTopic();
    await h.write('/key ctrl-c', h.threadId);
    await h.write('/key Shift-Tab', h.threadId);
    const from = h.fake.calls().length;
    await h.write('/key f13', h.threadId);
    expect(h.sessions.calls.map((c) => c.data)).toEqual(['\x03', '\x1b[Z']);
    const [reply] = h.sentSince(from);
    expect(reply?.message_thread_id).toBe(h.threadId);
    expect(reply?.text).toBe(
      'Usage: /key <name>, one of: esc, tab, shift-tab, enter, ctrl-c, ctrl-d, up, down, left, right.',
    );
  });

  it('asks for the screen again with /screen', async () => {
    const h = await inTopic();
    await h.write('/screen', h.threadId);
    expect(h.sessions.calls).toEqual([{ method: 'redraw', userId: USER_ID, sessionId: 'sess-1' }]);
  });

  it('ends the session only after the confirm button, and keeps it on the other', async () => {
    const h = await inTopic();
    let from = h.fake.calls().length;
    await h.write('/end', h.threadId);
    const [question] = h.sentSince(from);
    expect(question?.text).toBe('End this session? The program in it stops.');
    expect(question?.message_thread_id).toBe(h.threadId);
    expect(question?.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['End session', 'Keep it']);
    expect(h.sessions.calls).toEqual([]);

    from = h.fake.calls().length;
    await h.press(question as Message, END_CANCEL);
    expect(h.sessions.calls).toEqual([]);
    expect(h.callsSince(from).map((c) => c.method)).toEqual(['answerCallbackQuery', 'editMessageText']);

    from = h.fake.calls().length;
    await h.press(question as Message, END_CONFIRM);
    expect(h.sessions.calls).toEqual([{ method: 'end', userId: USER_ID, sessionId: 'sess-1' }]);
    const [answered, edited] = h.callsSince(from);
    expect(answered?.method).toBe('answerCallbackQuery');
    expect(edited?.result).toMatchObject({ text: 'Ending the session…' });
    expect(edited?.result).not.toHaveProperty('reply_markup');
  });

  it('answers with core’s message when it refuses', async () => {
    const h = await inTopic();
    h.sessions.refuse = { code: 'gateway.offline', message: 'The VPS is offline.' };
    const from = h.fake.calls().length;
    await h.write('hello', h.threadId);
    expect(h.sentSince(from).map((m) => [m.text, m.message_thread_id])).toEqual([['The VPS is offline.', h.threadId]]);
  });

  it('refuses input once the session ended, and nothing reaches it', async () => {
    const h = await inTopic();
    await h.surface.ended(h.bound, 'ended');
    const from = h.fake.calls().length;
    await h.write('still there?', h.threadId);
    await h.write('/key esc', h.threadId);
    await h.write('/end', h.threadId);
    expect(h.sessions.calls).toEqual([]);
    expect(h.sentSince(from).map((m) => m.text)).toEqual(
      Array(3).fill('This session has ended: messages here no longer reach it.'),
    );
  });

  it("leaves the main chat and other people's topics alone", async () => {
    const h = await inTopic();
    const from = h.fake.calls().length;
    await h.write('hello');
    await h.topics.create({
      chatId: USER.id,
      threadId: 9_999,
      userId: 'someone-else',
      sessionId: 'sess-other',
      title: 'x',
      createdAt: 1,
    });
    await h.write('hello', 9_999);
    expect(h.sessions.calls).toEqual([]);
    expect(h.sentSince(from).map((m) => m.text)).toEqual(
      Array(2).fill("I don't know that one yet. /help lists what I can do."),
    );
  });
});

describe('a session pinned in the chat (topics off)', () => {
  async function pinned() {
    const h = await harness({ topicsEnabled: false });
    const from = h.fake.calls().length;
    await h.surface.opened(session('sess-1'));
    const screenMessage = h.callsSince(from)[0]?.result as Message;
    return { ...h, screenMessage };
  }

  it('takes a reply to the session’s message as its input, and /key as a reply too', async () => {
    const h = await pinned();
    await h.write('npm test', undefined, h.screenMessage);
    await h.write('/key ctrl-c', undefined, h.screenMessage);
    expect(h.sessions.calls).toEqual([
      { method: 'input', userId: USER_ID, sessionId: 'sess-1', data: 'npm test\r' },
      { method: 'input', userId: USER_ID, sessionId: 'sess-1', data: '\x03' },
    ]);
  });

  it('asks /end under the session’s message, so its button finds the session', async () => {
    const h = await pinned();
    const from = h.fake.calls().length;
    await h.write('/end', undefined, h.screenMessage);
    const [question] = h.sentSince(from);
    expect(question?.reply_to_message?.message_id).toBe(h.screenMessage.message_id);
    await h.press(question as Message, END_CONFIRM);
    expect(h.sessions.calls).toEqual([{ method: 'end', userId: USER_ID, sessionId: 'sess-1' }]);
  });

  it('leaves a plain message, a reply to another message and a reply to someone else’s session alone', async () => {
    const h = await pinned();
    const from = h.fake.calls().length;
    await h.write('npm test');
    const [other] = h.sentSince(from);
    await h.write('npm test', undefined, other);
    await h.topics.create({
      chatId: USER.id,
      threadId: 9_998,
      userId: 'someone-else',
      sessionId: 'sess-other',
      title: 'x',
      createdAt: 1,
      mode: 'pinned',
      screenMessageId: 9_998,
    });
    await h.write('npm test', undefined, { ...h.screenMessage, message_id: 9_998 });
    expect(h.sessions.calls).toEqual([]);
  });
});
