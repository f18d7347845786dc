/**
 * The D1 link store's rules on a real D1: codes single use and short-lived, one account per user and one user per
 * account, and a retried update finding its own redemption while (and only while) the link it made stands.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openTelegramDb } from '../src/db/client.ts';
import { d1LinkStore } from '../src/db/link-store.ts';

const store = d1LinkStore(openTelegramDb(env.DB));
const T0 = 1_800_000_000_000;
const TTL = 600_000;

let n = 0;
/** A fresh user, code hash and Telegram account per call, so tests share no rows. */
function fresh() {
  n += 1;
  return {
    userId: `user-${n}-${crypto.randomUUID()}`,
    hash: `hash-${n}-${crypto.randomUUID()}`,
    tg: 5_000_000 + n * 10,
  };
}
const account = (telegramUserId: number, username: string | null = null) => ({
  telegramUserId,
  chatId: telegramUserId,
  username,
});

async function codeRows(userId: string) {
  const { results } = await env.DB.prepare(
    'SELECT code_hash, used_at, used_by FROM telegram_link_codes WHERE user_id = ?',
  )
    .bind(userId)
    .all<{ code_hash: string; used_at: number | null; used_by: number | null }>();
  return results;
}

describe('d1LinkStore', () => {
  it('redeems a live code once and links the account and its chat', async () => {
    const { userId, hash, tg } = fresh();
    await store.createCode(userId, hash, T0 + TTL, T0);
    expect(await store.redeem(hash, account(tg, 'ada'), T0 + 1)).toEqual({
      userId,
      movedFrom: null,
      displacedChatId: null,
    });
    expect(await store.linkOfTelegram(tg)).toEqual({
      telegramUserId: tg,
      userId,
      chatId: tg,
      username: 'ada',
      linkedAt: T0 + 1,
    });
    expect(await store.linkOfUser(userId)).toMatchObject({ telegramUserId: tg });
    expect(await codeRows(userId)).toEqual([{ code_hash: hash, used_at: T0 + 1, used_by: tg }]);
    // Another account cannot use it again.
    expect(await store.redeem(hash, account(tg + 1), T0 + 2)).toBeNull();
    expect(await store.linkOfTelegram(tg + 1)).toBeNull();
  });

  it('refuses an unknown or expired code and links nothing', async () => {
    const { userId, hash, tg } = fresh();
    await store.createCode(userId, hash, T0 + TTL, T0);
    expect(await store.redeem('no-such-hash', account(tg), T0 + 1)).toBeNull();
    expect(await store.redeem(hash, account(tg), T0 + TTL)).toBeNull();
    expect(await store.linkOfTelegram(tg)).toBeNull();
    expect(await codeRows(userId)).toEqual([{ code_hash: hash, used_at: null, used_by: null }]);
  });

  it('answers a retry of the same account as the redemption it made, while the link stands', async () => {
    const { userId, hash, tg } = fresh();
    await store.createCode(userId, hash, T0 + TTL, T0);
    await store.redeem(hash, account(tg), T0 + 1);
    expect(await store.redeem(hash, account(tg), T0 + 2)).toEqual({ userId, movedFrom: null, displacedChatId: null });
    await store.unlinkUser(userId);
    expect(await store.redeem(hash, account(tg), T0 + 3)).toBeNull();
    expect(await store.linkOfTelegram(tg)).toBeNull();
  });

  it('moves an account to the user of a new code, and says from whom', async () => {
    const a = fresh();
    const b = fresh();
    await store.createCode(a.userId, a.hash, T0 + TTL, T0);
    await store.createCode(b.userId, b.hash, T0 + TTL, T0);
    await store.redeem(a.hash, account(a.tg), T0 + 1);
    expect(await store.redeem(b.hash, account(a.tg), T0 + 2)).toEqual({
      userId: b.userId,
      movedFrom: a.userId,
      displacedChatId: null,
    });
    expect(await store.linkOfTelegram(a.tg)).toMatchObject({ userId: b.userId });
    expect(await store.linkOfUser(a.userId)).toBeNull();
  });

  it('keeps one account per user: a second account replaces the first', async () => {
    const { userId, hash, tg } = fresh();
    const second = `${hash}-2`;
    await store.createCode(userId, hash, T0 + TTL, T0);
    await store.redeem(hash, account(tg), T0 + 1);
    await store.createCode(userId, second, T0 + TTL + 5, T0 + 5);
    // The first account's chat is named, so it can be told (its menu button reset).
    expect(await store.redeem(second, account(tg + 1), T0 + 6)).toEqual({
      userId,
      movedFrom: null,
      displacedChatId: tg,
    });
    expect(await store.linkOfTelegram(tg)).toBeNull();
    // A retry of that update displaces nobody: the first account is unlinked already.
    expect(await store.redeem(second, account(tg + 1), T0 + 7)).toEqual({
      userId,
      movedFrom: null,
      displacedChatId: null,
    });
    expect(await store.linkOfUser(userId)).toMatchObject({ telegramUserId: tg + 1 });
  });

  it('keeps only the newest unused code of a user, and drops expired codes', async () => {
    const a = fresh();
    const b = fresh();
    await store.createCode(a.userId, `${a.hash}-1`, T0 + TTL, T0);
    await store.createCode(a.userId, `${a.hash}-2`, T0 + TTL + 1, T0 + 1);
    expect((await codeRows(a.userId)).map((row) => row.code_hash)).toEqual([`${a.hash}-2`]);
    expect(await store.redeem(`${a.hash}-1`, account(a.tg), T0 + 2)).toBeNull();
    // b's code, long expired by the time a asks again, goes too.
    await store.createCode(b.userId, b.hash, T0 + TTL, T0);
    await store.createCode(a.userId, `${a.hash}-3`, T0 + 2 * TTL + 10, T0 + TTL + 10);
    expect(await codeRows(b.userId)).toEqual([]);
  });

  it('unlinks by account (answering whose it was) and by user', async () => {
    const { userId, hash, tg } = fresh();
    await store.createCode(userId, hash, T0 + TTL, T0);
    await store.redeem(hash, account(tg), T0 + 1);
    expect(await store.unlinkTelegram(tg)).toBe(userId);
    expect(await store.unlinkTelegram(tg)).toBeNull();
    await store.unlinkUser(userId);
    expect(await store.linkOfUser(userId)).toBeNull();
  });
});
