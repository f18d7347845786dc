/** The "who you are" dialog: the Telegram user's id, first name and username, checked before they are taken. */
import { readUserFields } from './identity.js';

/** @typedef {import('./identity.js').PageUser} PageUser */

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {{ current(): PageUser, changed(user: PageUser): void }} page
 */
export function wireUserDialog(page) {
  const dialog = /** @type {HTMLDialogElement} */ (byId('me-dialog'));
  const form = /** @type {HTMLFormElement} */ (byId('me-form'));
  const error = byId('me-error');
  /** @param {string} name */
  const field = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

  byId('me-button').addEventListener('click', () => {
    const user = page.current();
    field('id').value = String(user.id);
    field('first_name').value = user.first_name;
    field('username').value = user.username ?? '';
    error.hidden = true;
    dialog.showModal();
  });
  byId('me-cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const read = readUserFields({
      id: field('id').value,
      first_name: field('first_name').value,
      username: field('username').value,
    });
    if ('error' in read) {
      error.textContent = read.error;
      error.hidden = false;
      return;
    }
    dialog.close();
    page.changed(read.user);
  });
}
