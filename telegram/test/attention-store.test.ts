/**
 * The D1 attention store on a real D1 with every migration applied: one item per session (a newer one replaces it),
 * its message noted once posted, claimed once by id or by session, put back unless a newer one came.
 */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { d1AttentionStore, type NewAttention } from '../src/db/attention-store.ts';
import { openTelegramDb } from '../src/db/client.ts';

const store = d1AttentionStore(openTelegramDb(env.DB));

let n = 0;
/** A fresh item per call, so tests share no rows. */
function fresh(sessionId = `sess-${++n}`): NewAttention {
  return {
    sessionId,
    userId: 'user-1',
    chatId: 9_000_000 + n,
    html: '❓ <b>The session asks:</b>',
    state: 'needs_input',
    promptFingerprint: '0123456789abcdef',
    choices: [{ key: 'y', label: 'Yes' }],
    createdAt: 1,
  };
}

describe('d1AttentionStore', () => {
  it('keeps an item with its choices, and notes its message once posted', async () => {
    const item = fresh();
    const id = await store.open(item);
    expect(await store.message(id)).toEqual({ ...item, id, messageId: null });
    await store.posted(id, 42);
    expect(await store.message(id)).toMatchObject({ messageId: 42, choices: [{ key: 'y', label: 'Yes' }] });
    expect(await store.message(id + 1000)).toBeNull();
  });

  it('keeps one item per session: a newer one replaces the older', async () => {
    const first = fresh();
    const older = await store.open(first);
    const newer = await store.open({ ...first, state: 'done', choices: [] });
    expect(newer).not.toBe(older);
    expect(await store.message(older)).toBeNull();
    expect(await store.message(newer)).toMatchObject({ state: 'done' });
  });

  it('hands an item to one claimer only, by id or by session', async () => {
    const item = fresh();
    const id = await store.open(item);
    expect(await store.claim(id)).toMatchObject({ id, sessionId: item.sessionId });
    expect(await store.claim(id)).toBeNull();
    expect(await store.claimSession(item.sessionId)).toBeNull();
    const again = await store.open(item);
    expect(await store.claimSession(item.sessionId)).toMatchObject({ id: again });
    expect(await store.claim(again)).toBeNull();
  });

  it('puts a claimed item back, unless its session has a newer one by now', async () => {
    const item = fresh();
    const claimed = await store.claim(await store.open(item));
    if (claimed === null) throw new Error('not claimed');
    await store.restore(claimed);
    expect(await store.message(claimed.id)).toEqual(claimed);
    const taken = await store.claim(claimed.id);
    if (taken === null) throw new Error('not claimed');
    const newer = await store.open(item);
    await store.restore(taken);
    expect(await store.message(taken.id)).toBeNull();
    expect(await store.message(newer)).not.toBeNull();
  });
});
