/**
 * The chat page: the person here is a Telegram user (identity.js) talking to the bot in its private chat — the main
 * chat and each topic — through the stand-in, which delivers what they send to the bot's webhook as Telegram would.
 * State comes from the chat's event stream (a snapshot, then patches); the page renders it and sends.
 */
import { wireComposer } from './composer.js';
import { deliveryProblem } from './delivery.js';
import { safeHref } from './entities.js';
import { loadUser, saveUser } from './identity.js';
import { wireMessageActions } from './message-actions.js';
import { messageElement, preview } from './message-view.js';
import { sendMessage, signWebApp, watchChat } from './requests.js';
import { renderTopicList, threadOf } from './topic-list.js';
import { wireUserDialog } from './user-dialog.js';
import { wireWebAppFrame } from './webapp-frame.js';

/**
 * @typedef {import('grammy/types').Message} Message
 * @typedef {import('./delivery.js').Delivery} Delivery
 * @typedef {{ bot: { id: number, first_name: string, username: string }, topicsEnabled: boolean,
 *   webhook: { set: boolean, lastError?: string }, topics: import('grammy/types').ForumTopic[], pinned: number[],
 *   menuButton: import('grammy/types').MenuButton }} Meta
 */

const TOAST_MS = 4000;
/** How long Telegram shows a chat action ("typing…") unless a message from the bot ends it sooner. */
const ACTION_MS = 5000;

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const list = byId('messages');
const text = /** @type {HTMLTextAreaElement} */ (byId('text'));

const state = {
  user: loadUser(localStorage),
  /** @type {Meta | undefined} */
  meta: undefined,
  /** @type {Map<number, Message>} */
  messages: new Map(),
  /** The thread on screen: 0 for the main chat, else a topic's message_thread_id. */
  thread: 0,
  /** @type {number | undefined} */
  replyTo: undefined,
  /** Why a message the user sent did not reach the bot, by message id. @type {Map<number, string>} */
  problems: new Map(),
  /** @type {EventSource | undefined} */
  source: undefined,
  connected: false,
  /** The bot's current chat action ("typing") and its thread, until `until`. */
  action: { text: '', thread: 0, until: 0 },
};

/** @param {string | undefined} problem */
function showProblem(problem) {
  byId('problem-text').textContent = problem ?? '';
  byId('problem').hidden = !problem;
}

let toastTimer = 0;
/** @param {string} message @param {boolean} [sticky] an alert stays until dismissed, like Telegram's */
function toast(message, sticky = false) {
  const box = byId('toast');
  byId('toast-text').textContent = message;
  box.hidden = false;
  clearTimeout(toastTimer);
  if (!sticky) toastTimer = window.setTimeout(() => (box.hidden = true), TOAST_MS);
}

const inView = (/** @type {Message} */ m) => threadOf(m) === state.thread;
const sorted = () => [...state.messages.values()].sort((a, b) => a.message_id - b.message_id);
const atBottom = () => list.scrollHeight - list.scrollTop - list.clientHeight < 48;
const toBottom = () => list.scrollTo({ top: list.scrollHeight });

/** @param {Message} m */
function elementFor(m) {
  const problem = state.problems.get(m.message_id);
  return messageElement(m, {
    mine: m.from?.id === state.user.id,
    pinned: state.meta?.pinned.includes(m.message_id) ?? false,
    ...(problem ? { problem } : {}),
  });
}

/** The view's thread must still exist; a deleted topic (or topics switched off) falls back to the main chat. */
function keepThread() {
  const meta = state.meta;
  if (state.thread !== 0 && !(meta?.topicsEnabled && meta.topics.some((t) => t.message_thread_id === state.thread))) {
    state.thread = 0;
  }
}

function renderHeader() {
  const meta = state.meta;
  const topic = meta?.topics.find((t) => t.message_thread_id === state.thread);
  byId('bot-name').textContent = meta?.bot.first_name ?? 'Bot';
  byId('bot-username').textContent = meta ? `@${meta.bot.username}` : '';
  byId('view-title').textContent = topic ? topic.name : (meta?.bot.first_name ?? 'Bot');
  const acting = state.action.until > Date.now() && state.action.thread === state.thread;
  byId('view-subtitle').textContent = acting
    ? `${state.action.text}…`
    : topic
      ? `topic · @${meta?.bot.username}`
      : 'main chat';
  const chip = byId('webhook-state');
  chip.textContent = !state.connected ? 'reconnecting…' : meta?.webhook.set ? 'webhook set' : 'no webhook';
  chip.className = `chip ${state.connected && meta?.webhook.set ? 'ok' : 'warn'}`;
  chip.title = meta?.webhook.lastError ? `Last delivery error: ${meta.webhook.lastError}` : '';
  const { first_name, username, id } = state.user;
  byId('me-button').textContent = `You: ${first_name}${username ? ` (@${username})` : ''} · id ${id}`;
  byId('topics-note').textContent = meta?.topicsEnabled ? '' : 'Topics are off for this bot (topicsEnabled switch).';
  const menu = meta?.menuButton;
  const menuButton = byId('menu-button');
  menuButton.hidden = menu?.type !== 'web_app';
  menuButton.textContent = menu?.type === 'web_app' ? menu.text : '';
  text.placeholder = topic ? `Message in ${topic.name}` : 'Message';
}

function renderTopics() {
  renderTopicList(byId('topic-list'), {
    topics: state.meta?.topics ?? [],
    topicsEnabled: state.meta?.topicsEnabled ?? false,
    messages: sorted(),
    current: state.thread,
    mainName: 'Main chat',
  });
}

function renderPinned() {
  const bar = /** @type {HTMLButtonElement} */ (byId('pinned-bar'));
  const pinned = (state.meta?.pinned ?? [])
    .map((id) => state.messages.get(id))
    .filter((m) => m !== undefined && inView(m));
  const latest = pinned[pinned.length - 1];
  bar.hidden = !latest;
  bar.textContent = latest ? `📌 ${preview(latest)}` : '';
  bar.dataset.target = latest ? String(latest.message_id) : '';
}

function renderMessages() {
  list.replaceChildren(...sorted().filter(inView).map(elementFor));
  toBottom();
}

function renderAll() {
  keepThread();
  renderHeader();
  renderTopics();
  renderPinned();
  renderMessages();
  renderReply();
}

/** Puts a new or edited message in place (edits replace the element where it is). @param {Message} m */
function upsert(m) {
  const old = list.querySelector(`[data-message-id="${m.message_id}"]`);
  if (!inView(m)) return old?.remove();
  const next = elementFor(m);
  if (old) return old.replaceWith(next);
  const later = [...list.children].find((c) => Number(/** @type {HTMLElement} */ (c).dataset.messageId) > m.message_id);
  list.insertBefore(next, later ?? null);
}

/** @param {Partial<Meta> & { messages?: Message[], deleted?: number[] }} patch */
function applyPatch(patch) {
  const { messages = [], deleted = [], ...meta } = patch;
  const follow = atBottom();
  state.meta = { .../** @type {Meta} */ (state.meta), ...meta };
  for (const m of messages) state.messages.set(m.message_id, m);
  for (const id of deleted) state.messages.delete(id);
  if (messages.some((m) => m.from?.id === state.meta?.bot.id)) state.action.until = 0;
  const threadBefore = state.thread;
  keepThread();
  if (threadBefore !== state.thread || meta.pinned || meta.topicsEnabled !== undefined) renderMessages();
  else {
    for (const id of deleted) list.querySelector(`[data-message-id="${id}"]`)?.remove();
    for (const m of messages) upsert(m);
    if (follow) toBottom();
  }
  if (state.replyTo !== undefined && !state.messages.has(state.replyTo)) setReply(undefined);
  renderHeader();
  renderTopics();
  renderPinned();
}

function connect() {
  state.source?.close();
  state.messages = new Map();
  state.problems = new Map();
  state.source = watchChat(state.user.id, {
    snapshot(view) {
      const { messages, ...meta } = view;
      state.connected = true;
      state.meta = meta;
      state.messages = new Map(messages.map((/** @type {Message} */ m) => [m.message_id, m]));
      renderAll();
    },
    patch: applyPatch,
    answer(answer) {
      for (const pending of list.querySelectorAll('.kb.pending')) pending.classList.remove('pending');
      if (answer.text) toast(answer.text, answer.show_alert === true);
      const url = answer.url && safeHref(answer.url);
      if (url) window.open(url, '_blank', 'noopener,noreferrer');
    },
    action({ action, thread_id }) {
      state.action = {
        text: action.replace(/^upload_/, 'sending ').replace(/_/g, ' '),
        thread: thread_id,
        until: Date.now() + ACTION_MS,
      };
      renderHeader();
      window.setTimeout(renderHeader, ACTION_MS + 50);
    },
    down() {
      state.connected = false;
      renderHeader();
    },
  });
}

/** @param {number | undefined} messageId */
function setReply(messageId) {
  state.replyTo = messageId;
  renderReply();
  if (messageId !== undefined) text.focus();
}

function renderReply() {
  const m = state.replyTo === undefined ? undefined : state.messages.get(state.replyTo);
  byId('reply-bar').hidden = !m;
  byId('reply-text').textContent = m ? `↩ ${m.from?.first_name ?? ''}: ${preview(m)}` : '';
}

/**
 * Sends as the user; what did not reach the bot is said on the message and in the problem bar.
 * @param {{ text?: string, file?: { file_id: string, as: 'document' | 'photo' } }} what
 */
async function send(what) {
  const { message, delivery } = await sendMessage({
    user: state.user,
    ...what,
    ...(state.thread ? { thread_id: state.thread } : {}),
    ...(state.replyTo !== undefined ? { reply_to: state.replyTo } : {}),
  });
  setReply(undefined);
  const problem = deliveryProblem(delivery);
  showProblem(problem);
  if (problem) state.problems.set(message.message_id, problem);
  const known = state.messages.get(message.message_id);
  if (known) upsert(known);
  toBottom();
}

/** @param {unknown} err */
const failed = (err) => showProblem(err instanceof Error ? err.message : String(err));

wireComposer(text, { send, failed });

const webApp = wireWebAppFrame({
  title: () => state.meta?.bot.first_name ?? 'Bot',
  sign: async (button) => (await signWebApp({ user: state.user, ...button })).init_data,
  failed,
});

byId('menu-button').addEventListener('click', () => {
  const menu = state.meta?.menuButton;
  if (menu?.type === 'web_app') webApp.open({ url: menu.web_app.url });
});

wireMessageActions(list, {
  user: () => state.user,
  reply: setReply,
  toast,
  pressed: (delivery) => showProblem(deliveryProblem(delivery)),
  failed,
  openWebApp: (button) => webApp.open(button),
});

byId('topic-list').addEventListener('click', (event) => {
  const button = /** @type {HTMLElement} */ (event.target).closest('button');
  if (!button?.dataset.thread) return;
  state.thread = Number(button.dataset.thread);
  setReply(undefined);
  document.body.className = 'show-chat';
  renderAll();
});

byId('back').addEventListener('click', () => {
  document.body.className = 'show-list';
});
byId('pinned-bar').addEventListener('click', () => {
  const id = byId('pinned-bar').dataset.target;
  if (id) list.querySelector(`[data-message-id="${id}"]`)?.scrollIntoView({ block: 'center' });
});
byId('reply-cancel').addEventListener('click', () => setReply(undefined));
byId('problem-close').addEventListener('click', () => showProblem(undefined));
byId('toast-close').addEventListener('click', () => {
  byId('toast').hidden = true;
});

wireUserDialog({
  current: () => state.user,
  changed(user) {
    const otherChat = user.id !== state.user.id;
    state.user = user;
    saveUser(localStorage, user);
    if (otherChat) {
      state.thread = 0;
      state.connected = false;
      connect();
    }
    renderHeader();
  },
});

connect();
