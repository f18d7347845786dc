/** The D1 topic store on a real D1 with every migration applied: rows by chat and thread, and their updates. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openTelegramDb } from '../src/db/client.ts';
import { d1TopicStore } from '../src/db/topic-store.ts';

const store = d1TopicStore(openTelegramDb(env.DB));

let n = 0;
/** A fresh chat per call, so tests share no rows. */
function fresh() {
  n += 1;
  const chatId = 7_000_000 + n;
  return {
    chatId,
    topic: { chatId, threadId: 5, userId: `user-${n}`, sessionId: `sess-${n}`, title: 'api · claude', createdAt: 1 },
  };
}

describe('d1TopicStore', () => {
  it('stores a new topic open, with nothing shown', async () => {
    const { chatId, topic } = fresh();
    await store.create(topic);
    expect(await store.topic(chatId, 5)).toEqual({
      ...topic,
      screenMessageId: null,
      screenText: null,
      lastUserMessageId: null,
      state: 'open',
      mode: 'topic',
    });
    expect(await store.topic(chatId, 6)).toBeNull();
  });

  it('refuses a second topic with the same chat and thread', async () => {
    const { topic } = fresh();
    await store.create(topic);
    await expect(store.create({ ...topic, sessionId: 'other' })).rejects.toThrow();
  });

  it('remembers the screen shown, the newest user message and the end', async () => {
    const { chatId, topic } = fresh();
    await store.create(topic);
    await store.shown(chatId, 5, 10, '$ ls');
    await store.userWrote(chatId, 5, 12);
    await store.userWrote(chatId, 5, 11);
    await store.ended(chatId, 5);
    expect(await store.topic(chatId, 5)).toMatchObject({
      screenMessageId: 10,
      screenText: '$ ls',
      lastUserMessageId: 12,
      state: 'ended',
    });
  });

  it('finds a pinned session by its screen message, and knows the chat has had one', async () => {
    const { chatId, topic } = fresh();
    expect(await store.hasPinned(chatId)).toBe(false);
    await store.create(topic);
    expect(await store.hasPinned(chatId)).toBe(false);
    await store.create({ ...topic, threadId: 40, sessionId: 'pinned', mode: 'pinned', screenMessageId: 40 });
    expect(await store.hasPinned(chatId)).toBe(true);
    expect(await store.pinnedFor(chatId, 40)).toMatchObject({ sessionId: 'pinned', mode: 'pinned' });
    // A topic's screen message is not a pinned session's, however its id reads.
    await store.shown(chatId, 5, 41, '$ ');
    expect(await store.pinnedFor(chatId, 41)).toBeNull();
    expect(await store.pinnedFor(chatId + 1, 40)).toBeNull();
  });
});
