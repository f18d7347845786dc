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
});
