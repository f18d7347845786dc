import { expect, it } from 'vitest';
import { DEFAULT_USER, loadUser, readUserFields, saveUser } from './identity.js';

/** localStorage's interface over a Map. */
function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    get length() {
      return values.size;
    },
    clear: () => values.clear(),
    getItem: (key) => values.get(key) ?? null,
    key: (index) => [...values.keys()][index] ?? null,
    removeItem: (key) => void values.delete(key),
    setItem: (key, value) => void values.set(key, value),
  };
}

it('reads the form: trims, drops a leading @, leaves out an empty username', () => {
  expect(readUserFields({ id: ' 42 ', first_name: ' Grace ', username: '@grace_h' })).toEqual({
    user: { id: 42, first_name: 'Grace', username: 'grace_h' },
  });
  expect(readUserFields({ id: '7', first_name: 'Al', username: '' })).toEqual({ user: { id: 7, first_name: 'Al' } });
});

it('refuses what Telegram would not have', () => {
  const ok = { id: '1', first_name: 'A', username: '' };
  for (const id of ['', 'x', '0', '-1', '1.5', '1e3', String(2 ** 52 + 2)]) {
    expect(readUserFields({ ...ok, id })).toEqual({ error: 'The user id must be a whole number from 1 to 2^52.' });
  }
  for (const first_name of ['', '  ', 'x'.repeat(65)]) {
    expect(readUserFields({ ...ok, first_name })).toEqual({ error: 'The first name must be 1-64 characters.' });
  }
  for (const username of ['abcd', '1abcde', 'has space', 'x'.repeat(33)]) {
    expect(readUserFields({ ...ok, username })).toEqual({
      error: 'A username is 5-32 letters, digits or _, starting with a letter.',
    });
  }
});

it('keeps the user in storage, and falls back to the default one when there is none or it is damaged', () => {
  const storage = memoryStorage();
  expect(loadUser(storage)).toEqual(DEFAULT_USER);
  saveUser(storage, { id: 9, first_name: 'Nine' });
  expect(loadUser(storage)).toEqual({ id: 9, first_name: 'Nine' });
  storage.setItem('fake-telegram.user', '{not json');
  expect(loadUser(storage)).toEqual(DEFAULT_USER);
  storage.setItem('fake-telegram.user', JSON.stringify({ id: -1, first_name: 'x' }));
  expect(loadUser(storage)).toEqual(DEFAULT_USER);
});
