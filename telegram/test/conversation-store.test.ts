/**
 * The D1 conversation store on a real D1 with every migration applied: the plugin's versioned state by chat key,
 * written over, deleted, and a row that is not the plugin's state read as no conversation.
 */
import { env } from 'cloudflare:test';
import type { ConversationData, VersionedState } from '@grammyjs/conversations';
import { describe, expect, it } from 'vitest';
import { openTelegramDb } from '../src/db/client.ts';
import { d1ConversationStore, parseConversationState } from '../src/db/conversation-store.ts';

let clock = 1_000;
const store = d1ConversationStore(openTelegramDb(env.DB), () => clock);

const state = (id: string): VersionedState<ConversationData> => ({
  version: [0, 0],
  state: { [id]: [{ args: '["user-1"]', interrupts: [], replay: { send: [], receive: [] } }] } as never,
});

describe('d1ConversationStore', () => {
  it('keeps each chat’s state, writes over it and deletes it', async () => {
    expect(await store.read('4242')).toBeUndefined();
    await store.write('4242', state('new'));
    await store.write('4343', state('keys'));
    expect(await store.read('4242')).toEqual(state('new'));
    clock = 2_000;
    await store.write('4242', state('power'));
    expect(await store.read('4242')).toEqual(state('power'));
    const row = await env.DB.prepare('SELECT updated_at FROM telegram_conversations WHERE chat_key = ?')
      .bind('4242')
      .first<{ updated_at: number }>();
    expect(row?.updated_at).toBe(2_000);
    await store.delete('4242');
    expect(await store.read('4242')).toBeUndefined();
    expect(await store.read('4343')).toEqual(state('keys'));
  });

  it('reads a row that is not the plugin’s state as no conversation', async () => {
    for (const [key, text] of [
      ['5001', 'not json'],
      ['5002', 'null'],
      ['5003', '{"version":[0],"state":{}}'],
      ['5004', '{"version":[0,0],"state":"x"}'],
      ['5005', '[1,2]'],
    ] as const) {
      await env.DB.prepare('INSERT INTO telegram_conversations (chat_key, state, updated_at) VALUES (?, ?, 1)')
        .bind(key, text)
        .run();
      expect(await store.read(key)).toBeUndefined();
    }
    expect(parseConversationState('{"version":[0,"v2"],"state":{}}')).toEqual({ version: [0, 'v2'], state: {} });
  });
});
