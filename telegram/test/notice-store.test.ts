/** The D1 notice store on a real D1 with every migration applied: a row per notice, re-delivery, claimed once. */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openTelegramDb } from '../src/db/client.ts';
import { d1NoticeStore, type NoticeMessage } from '../src/db/notice-store.ts';

const store = d1NoticeStore(openTelegramDb(env.DB));

let n = 0;
/** A fresh notice per call, so tests share no rows. */
function fresh(): NoticeMessage {
  n += 1;
  return {
    noticeId: `notice-${n}`,
    userId: `user-${n}`,
    chatId: 8_000_000 + n,
    messageId: 10,
    text: 'api has been idle for 24 hours',
    buttons: '{"inline_keyboard":[[{"text":"Keep running","callback_data":"notice:keep_running:x"}]]}',
    createdAt: 1,
  };
}

describe('d1NoticeStore', () => {
  it('keeps the message of a notice and reads it back; an unknown notice has none', async () => {
    const message = fresh();
    await store.create(message);
    expect(await store.message(message.noticeId)).toEqual(message);
    expect(await store.message('notice-unknown')).toBeNull();
  });

  it('keeps a notice without buttons', async () => {
    const message = { ...fresh(), buttons: null };
    await store.create(message);
    expect(await store.message(message.noticeId)).toEqual(message);
  });

  it('points a re-delivered notice at its newest message, keeping whose it is and when it came', async () => {
    const message = fresh();
    await store.create(message);
    await store.create({
      ...message,
      userId: 'someone-else',
      messageId: 11,
      text: 'again',
      buttons: null,
      createdAt: 9,
    });
    expect(await store.message(message.noticeId)).toEqual({ ...message, messageId: 11, text: 'again', buttons: null });
  });

  it('hands the message to the first claim only, and forgets it', async () => {
    const message = fresh();
    await store.create(message);
    const [first, second] = await Promise.all([store.claim(message.noticeId), store.claim(message.noticeId)]);
    expect([first, second].filter((m) => m !== null)).toEqual([message]);
    expect(await store.message(message.noticeId)).toBeNull();
    expect(await store.claim(message.noticeId)).toBeNull();
  });
});
