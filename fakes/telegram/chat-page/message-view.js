/**
 * One message of the chat as an element, the way Telegram's apps show it: the replied message quoted, a document or
 * photo, the text with its entities, the inline keyboard, and a line with pinned/edited/time and a Reply button.
 * Every piece of text goes in through `textContent` or attributes set on elements: bot-provided text never
 * becomes markup.
 */
import { entityTree } from './entities.js';
import { fileUrl } from './requests.js';

/**
 * @typedef {import('grammy/types').Message} Message
 * @typedef {import('grammy/types').MessageEntity} MessageEntity
 * @typedef {import('./entities.js').TextNode} TextNode
 */

/** Entity type → element; the ones not listed (mention, hashtag, bot_command…) are coloured spans. */
/** @type {Record<string, string>} */
const TAGS = {
  bold: 'strong',
  italic: 'em',
  underline: 'u',
  strikethrough: 's',
  code: 'code',
  pre: 'pre',
  blockquote: 'blockquote',
  expandable_blockquote: 'blockquote',
};

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {TextNode[]} nodes @param {Node} parent */
function appendTree(nodes, parent) {
  for (const node of nodes) {
    if ('text' in node) {
      parent.appendChild(document.createTextNode(node.text));
      continue;
    }
    const { entity, href } = node;
    /** @type {HTMLElement} */
    let element;
    if (href) {
      const a = el('a');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      element = a;
    } else {
      element = el(/** @type {'span'} */ (TAGS[entity.type] ?? 'span'), `entity-${entity.type}`);
      if (entity.type === 'pre' && entity.language) element.dataset.language = entity.language;
      if (entity.type === 'spoiler') element.addEventListener('click', () => element.classList.add('revealed'));
    }
    appendTree(node.children, element);
    parent.appendChild(element);
  }
}

/** @param {string} text @param {readonly MessageEntity[] | undefined} entities */
export function formattedText(text, entities) {
  const div = el('div', 'text');
  appendTree(entityTree(text, entities), div);
  return div;
}

/** @param {number} bytes */
const size = (bytes) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * A one-line preview of a message (topic list, reply quote, pinned bar).
 * @param {Message} m
 */
export function preview(m) {
  if (m.text) return m.text;
  if (m.forum_topic_created) return `Topic “${m.forum_topic_created.name}” created`;
  const label = m.photo ? '🖼 Photo' : m.document ? `📄 ${m.document.file_name ?? 'File'}` : 'Message';
  return m.caption ? `${label} · ${m.caption}` : label;
}

/** @param {Message} m */
const senderName = (m) => m.from?.first_name ?? 'Unknown';

/**
 * @param {readonly (readonly import('grammy/types').InlineKeyboardButton[])[]} rows
 */
function keyboard(rows) {
  const box = el('div', 'keyboard');
  for (const row of rows) {
    const line = el('div', 'kb-row');
    for (const button of row) {
      const b = el('button', 'kb', button.text);
      b.type = 'button';
      if ('callback_data' in button && button.callback_data !== undefined) {
        b.dataset.callback = button.callback_data;
      } else if ('url' in button && button.url) {
        b.dataset.url = button.url;
        b.classList.add('kb-link');
      } else if ('web_app' in button && button.web_app) {
        b.dataset.webApp = button.web_app.url;
        b.classList.add('kb-web-app');
      } else if ('copy_text' in button && button.copy_text) {
        b.dataset.copy = button.copy_text.text;
      } else {
        b.disabled = true;
        b.title = 'This kind of button does nothing on the stand-in';
      }
      line.appendChild(b);
    }
    box.appendChild(line);
  }
  return box;
}

/**
 * @param {Message} m
 * @param {{ mine: boolean, pinned: boolean, problem?: string }} how
 * @returns {HTMLLIElement}
 */
export function messageElement(m, how) {
  const item = el('li');
  item.dataset.messageId = String(m.message_id);
  if (m.forum_topic_created) {
    item.className = 'service';
    item.textContent = preview(m);
    return item;
  }
  item.className = `msg ${how.mine ? 'out' : 'in'}${how.pinned ? ' pinned' : ''}`;
  const bubble = el('div', 'bubble');
  if (!how.mine) bubble.appendChild(el('div', 'sender', senderName(m)));
  if (m.reply_to_message) {
    const quote = el('div', 'quote');
    quote.dataset.replyTo = String(m.reply_to_message.message_id);
    quote.append(
      el('strong', undefined, senderName(m.reply_to_message)),
      el('span', undefined, preview(m.reply_to_message)),
    );
    bubble.appendChild(quote);
  }
  const photo = m.photo?.[m.photo.length - 1];
  if (photo) {
    const img = el('img', 'photo');
    img.src = fileUrl(photo.file_id);
    img.alt = 'Photo';
    img.width = Math.min(photo.width, 280);
    img.height = Math.round((img.width * photo.height) / photo.width);
    bubble.appendChild(img);
  }
  if (m.document) {
    const a = el('a', 'document', `📄 ${m.document.file_name ?? 'file'}`);
    a.href = fileUrl(m.document.file_id);
    a.download = m.document.file_name ?? 'file';
    bubble.append(a, el('span', 'muted small', ` ${size(m.document.file_size ?? 0)}`));
  }
  if (m.text !== undefined) bubble.appendChild(formattedText(m.text, m.entities));
  if (m.caption !== undefined) bubble.appendChild(formattedText(m.caption, m.caption_entities));
  const meta = el('div', 'meta');
  if (how.pinned) meta.appendChild(el('span', 'pin', '📌 pinned'));
  if (m.edit_date) meta.appendChild(el('span', 'edited', 'edited'));
  const time = new Date(m.date * 1000);
  meta.appendChild(el('time', undefined, time.toTimeString().slice(0, 5)));
  const reply = el('button', 'reply', '↩ Reply');
  reply.type = 'button';
  reply.dataset.reply = String(m.message_id);
  meta.appendChild(reply);
  bubble.appendChild(meta);
  item.appendChild(bubble);
  if (m.reply_markup?.inline_keyboard.length) item.appendChild(keyboard(m.reply_markup.inline_keyboard));
  if (how.problem) item.appendChild(el('div', 'not-delivered', `⚠ ${how.problem}`));
  return item;
}
