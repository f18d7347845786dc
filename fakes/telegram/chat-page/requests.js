/**
 * The page's requests to the stand-in: sending a message or a button press as the user, uploading a file, and the
 * live event stream of the chat. Errors come back as `{error: {code, message}}`; they are thrown as RequestError.
 */

/**
 * @typedef {import('./identity.js').PageUser} PageUser
 * @typedef {import('./delivery.js').Delivery} Delivery
 * @typedef {import('grammy/types').Message} Message
 */

export class RequestError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {string} path
 * @param {RequestInit} init
 * @returns {Promise<any>}
 */
async function request(path, init) {
  let res;
  try {
    res = await fetch(path, { ...init, cache: 'no-store' });
  } catch {
    throw new RequestError(0, 'The stand-in did not answer. Is it still running?');
  }
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new RequestError(res.status, body?.error?.message ?? body?.description ?? `HTTP ${res.status}`);
  return body;
}

/** @param {string} path @param {unknown} body */
const postJson = (path, body) =>
  request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * @param {{ user: PageUser, text?: string, thread_id?: number, reply_to?: number,
 *   file?: { file_id: string, as: 'document' | 'photo' } }} send
 * @returns {Promise<{ message: Message, delivery: Delivery }>}
 */
export const sendMessage = (send) => postJson('/_fake/chat/messages', send);

/**
 * @param {{ user: PageUser, message_id: number, data: string }} press
 * @returns {Promise<{ callback_query_id: string, delivery: Delivery }>}
 */
export const pressButton = (press) => postJson('/_fake/chat/callback', press);

/**
 * initData signed for a Mini App this user opens from a button the chat shows (a message's, or the menu button).
 * @param {{ user: PageUser, url: string, message_id?: number }} opening
 * @returns {Promise<{ init_data: string }>}
 */
export const signWebApp = (opening) => postJson('/_fake/chat/webapp', opening);

/**
 * Stores a file as the user's (`POST /_fake/files`), ready to be sent.
 * @param {File} file
 * @returns {Promise<{ file_id: string }>}
 */
export const uploadFile = (file) =>
  request(`/_fake/files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });

/** @param {string} fileId */
export const fileUrl = (fileId) => `/_fake/chat/files/${encodeURIComponent(fileId)}`;

/**
 * The chat's live events; EventSource reconnects by itself and then gets a fresh snapshot.
 * @param {number} chatId
 * @param {{ snapshot(view: any): void, patch(patch: any): void, answer(answer: any): void, action(action: any): void,
 *   down(): void }} on
 * @returns {EventSource}
 */
export function watchChat(chatId, on) {
  const source = new EventSource(`/_fake/chat/events?chat_id=${chatId}`);
  for (const name of /** @type {const} */ (['snapshot', 'patch', 'answer', 'action'])) {
    source.addEventListener(name, (event) => on[name](JSON.parse(/** @type {MessageEvent} */ (event).data)));
  }
  source.addEventListener('error', () => on.down());
  return source;
}
