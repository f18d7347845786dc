/**
 * The chat's topic list, like Telegram's for a bot with topics: the main chat first, then each topic with its colour
 * and its last message. Topics show only while the chat has them (the stand-in's `topicsEnabled` switch).
 */
import { el, preview } from './message-view.js';

/**
 * @typedef {import('grammy/types').Message} Message
 * @typedef {import('grammy/types').ForumTopic} ForumTopic
 */

/** A topic message's thread id; 0 for the main chat. @param {Message} m */
export const threadOf = (m) => (m.is_topic_message && m.message_thread_id) || 0;

/**
 * @param {HTMLElement} list
 * @param {{ topics: ForumTopic[], topicsEnabled: boolean, messages: Iterable<Message>, current: number,
 *   mainName: string }} chat
 */
export function renderTopicList(list, chat) {
  /** @type {Map<number, Message>} */
  const last = new Map();
  for (const m of chat.messages) last.set(threadOf(m), m);
  /** @type {{ id: number, name: string, color?: number }[]} */
  const entries = [{ id: 0, name: chat.mainName }];
  if (chat.topicsEnabled) {
    for (const t of chat.topics) entries.push({ id: t.message_thread_id, name: t.name, color: t.icon_color });
  }
  const items = entries.map(({ id, name, color }) => {
    const button = el('button', 'topic');
    button.type = 'button';
    button.dataset.thread = String(id);
    if (id === chat.current) button.setAttribute('aria-current', 'true');
    const dot = el('span', id === 0 ? 'dot main' : 'dot', [...name][0]?.toUpperCase() ?? '');
    dot.setAttribute('aria-hidden', 'true');
    if (color !== undefined) dot.style.backgroundColor = `#${color.toString(16).padStart(6, '0')}`;
    const lastMessage = last.get(id);
    const words = el('span', 'topic-words');
    words.append(el('span', 'topic-name', name), el('span', 'topic-last', lastMessage ? preview(lastMessage) : ''));
    button.append(dot, words);
    const item = el('li');
    item.appendChild(button);
    return item;
  });
  list.replaceChildren(...items);
}
