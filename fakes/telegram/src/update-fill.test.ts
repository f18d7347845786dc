import { expect, it } from 'vitest';
import { commandEntities, fillUpdate } from './update-fill.ts';

const chat = { id: 1, type: 'private', first_name: 'A' } as const;
const from = { id: 1, is_bot: false, first_name: 'A' };

it('marks bot commands where Telegram does: at a word start, with an optional @bot suffix', () => {
  expect(commandEntities('/start abc')).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
  expect(commandEntities('run /new@vibe_bot now')).toEqual([{ type: 'bot_command', offset: 4, length: 13 }]);
  expect(commandEntities('a/b /x/y path/to')).toEqual([]);
});

it('fills update_id and command entities, and leaves given entities and ids alone', () => {
  const filled = fillUpdate({ message: { message_id: 1, date: 1, from, chat, text: '/unlink' } }, 41);
  expect(filled.update_id).toBe(42);
  expect(filled.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 7 }]);
  const given = fillUpdate(
    { update_id: 7, message: { message_id: 1, date: 1, from, chat, text: '/x', entities: [] } },
    41,
  );
  expect(given).toEqual({ update_id: 7, message: { message_id: 1, date: 1, from, chat, text: '/x', entities: [] } });
  const plain = fillUpdate({ edited_message: { message_id: 1, date: 1, edit_date: 2, from, chat, text: 'hi' } }, 0);
  expect(plain.edited_message?.entities).toBeUndefined();
});
