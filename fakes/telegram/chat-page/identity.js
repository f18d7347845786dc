/**
 * Who the person on the page is: a Telegram user (id, first name, optional username), kept in this browser's
 * localStorage so each browser profile can play a different user. Checked by the same rules as the stand-in.
 */

/** @typedef {{ id: number, first_name: string, username?: string }} PageUser */

const KEY = 'fake-telegram.user';
const MAX_USER_ID = 2 ** 52;

/** @type {PageUser} */
export const DEFAULT_USER = { id: 100001, first_name: 'Ada', username: 'ada_local' };

/**
 * @param {{ id: string, first_name: string, username: string }} fields as typed into the form
 * @returns {{ user: PageUser } | { error: string }}
 */
export function readUserFields(fields) {
  const id = Number(fields.id.trim());
  if (!/^\d+$/.test(fields.id.trim()) || !Number.isSafeInteger(id) || id < 1 || id > MAX_USER_ID) {
    return { error: 'The user id must be a whole number from 1 to 2^52.' };
  }
  const firstName = fields.first_name.trim();
  if (firstName === '' || firstName.length > 64) return { error: 'The first name must be 1-64 characters.' };
  const username = fields.username.trim().replace(/^@/, '');
  if (username !== '' && !/^[A-Za-z][A-Za-z0-9_]{4,31}$/.test(username)) {
    return { error: 'A username is 5-32 letters, digits or _, starting with a letter.' };
  }
  return { user: { id, first_name: firstName, ...(username ? { username } : {}) } };
}

/**
 * @param {Storage} storage
 * @returns {PageUser}
 */
export function loadUser(storage) {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (saved && typeof saved === 'object') {
      const read = readUserFields({
        id: String(saved.id ?? ''),
        first_name: String(saved.first_name ?? ''),
        username: String(saved.username ?? ''),
      });
      if ('user' in read) return read.user;
    }
  } catch {
    // A damaged saved user falls back to the default one.
  }
  return DEFAULT_USER;
}

/**
 * @param {Storage} storage
 * @param {PageUser} user
 */
export function saveUser(storage, user) {
  storage.setItem(KEY, JSON.stringify(user));
}
