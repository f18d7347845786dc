/**
 * What the person playing the Telegram user on the chat page sends, turned into the updates Telegram would deliver:
 * a message in the private chat with the bot (text, a reply, a document or a photo; in the main chat or a topic) and
 * a press of an inline keyboard button. Built from the stand-in's chat model (message ids, topics, the replied and
 * pressed messages), so the bot cannot tell them from real ones. Bad input is a `fake.bad_request` ControlError.
 */
import { readFileSync } from 'node:fs';
import type { CallbackQuery, Chat, Message, Update, User } from 'grammy/types';
import { type ChatModel, chatInstance, hasTopics } from '../chat-model.ts';
import { ControlError } from '../control.ts';
import type { FileStore } from '../file-store.ts';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH } from '../format.ts';
import { imageSize } from './image-size.ts';

/** Telegram user ids fit in 52 bits (the Bot API says so, for languages with doubles only). */
const MAX_USER_ID = 2 ** 52;
const MAX_FIRST_NAME = 64;
/** Telegram usernames: 5–32 characters, a letter first, then letters, digits and underscores. */
const USERNAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

const bad = (message: string) => new ControlError(400, 'fake.bad_request', message);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= MAX_USER_ID;

/** The page's `{id, first_name, username?}` as a Telegram User. */
export function readUser(value: unknown): User {
  if (!isObject(value)) throw bad('user must be an object {id, first_name, username?}');
  const { id, first_name, username } = value;
  if (!isId(id)) throw bad(`user.id must be an integer from 1 to ${MAX_USER_ID}`);
  if (typeof first_name !== 'string' || first_name.trim() === '' || first_name.length > MAX_FIRST_NAME) {
    throw bad(`user.first_name must be 1-${MAX_FIRST_NAME} characters`);
  }
  if (username !== undefined && username !== '' && (typeof username !== 'string' || !USERNAME.test(username))) {
    throw bad('user.username must be 5-32 letters, digits or _, starting with a letter');
  }
  return {
    id,
    is_bot: false,
    first_name: first_name.trim(),
    ...(username ? { username: username as string } : {}),
    language_code: 'en',
  };
}

const privateChat = (user: User): Chat.PrivateChat => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
  ...(user.username ? { username: user.username } : {}),
});

/** An optional positive integer field of the request, 0 when absent. */
function optionalId(body: Record<string, unknown>, name: string): number {
  const value = body[name];
  if (value === undefined || value === null || value === 0) return 0;
  if (!isId(value)) throw bad(`${name} must be a positive integer`);
  return value;
}

/** The message content a page send carries: text, or a stored file as a document or photo with an optional caption. */
function content(body: Record<string, unknown>, files: FileStore): Partial<Message> {
  const text = body.text ?? '';
  if (typeof text !== 'string') throw bad('text must be a string');
  const file = body.file;
  if (file === undefined || file === null) {
    if (text.trim() === '') throw bad('message text is empty');
    if (text.length > MAX_TEXT_LENGTH) throw bad('message is too long');
    return { text };
  }
  if (!isObject(file) || typeof file.file_id !== 'string' || (file.as !== 'document' && file.as !== 'photo')) {
    throw bad("file must be {file_id, as: 'document' | 'photo'} with a file_id from POST /_fake/files");
  }
  if (text.length > MAX_CAPTION_LENGTH) throw bad('message caption is too long');
  const caption = text.trim() === '' ? {} : { caption: text };
  const stored = files.get(file.file_id);
  if (!stored) throw bad('unknown file_id: upload the file with POST /_fake/files first');
  const { file_id, file_unique_id, file_size, file_name, mime_type } = stored;
  if (file.as === 'document') {
    return { document: { file_id, file_unique_id, file_size, file_name, mime_type }, ...caption };
  }
  const size = imageSize(readFileSync(stored.diskPath));
  if (!size) throw bad('only a PNG or JPEG can be sent as a photo: send it as a document');
  return { photo: [{ file_id, file_unique_id, file_size, ...size }], ...caption };
}

function withoutNestedReply(message: Message): Message {
  const { reply_to_message: _nested, ...replied } = message;
  return replied as Message;
}

/**
 * `{user, text?, file?, thread_id?, reply_to?}` → the `message` update Telegram would deliver. In a topic it carries
 * `message_thread_id` + `is_topic_message`; a reply carries the replied message (one level deep, as Telegram nests it).
 */
export function userMessage(
  body: unknown,
  model: ChatModel,
  files: FileStore,
  topicsEnabled: boolean,
  now: number,
): Omit<Update, 'update_id'> {
  if (!isObject(body)) throw bad('a message must be a JSON object');
  const from = readUser(body.user);
  const chat = privateChat(from);
  const state = model.chats.get(chat.id);
  const threadId = optionalId(body, 'thread_id');
  if (threadId > 0 && !(state && hasTopics(state.chat, topicsEnabled) && state.topics.has(threadId))) {
    throw bad('message thread not found');
  }
  const replyId = optionalId(body, 'reply_to');
  const replied = replyId > 0 ? state?.messages.get(replyId) : undefined;
  if (replyId > 0 && !replied) throw bad('message to be replied not found');
  const message = {
    message_id: state?.nextMessageId ?? 1,
    from,
    chat,
    date: Math.floor(now / 1000),
    ...(threadId > 0 ? { message_thread_id: threadId, is_topic_message: true } : {}),
    ...(replied ? { reply_to_message: withoutNestedReply(replied) } : {}),
    ...content(body, files),
  } as Message;
  return { message } as Omit<Update, 'update_id'>;
}

/**
 * `{user, message_id, data}` → the `callback_query` update a press of that inline button delivers. The button must be
 * on the message, as a real client can only press what it shows.
 */
export function buttonPress(
  body: unknown,
  model: ChatModel,
  queryId: string,
): { update: Omit<Update, 'update_id'>; chatId: number } {
  if (!isObject(body)) throw bad('a button press must be a JSON object');
  const from = readUser(body.user);
  const messageId = optionalId(body, 'message_id');
  const message = model.chats.get(from.id)?.messages.get(messageId);
  if (!message) throw bad('message not found');
  const data = body.data;
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
  if (typeof data !== 'string' || !buttons.some((b) => 'callback_data' in b && b.callback_data === data)) {
    throw bad('that message has no button with this callback_data');
  }
  const query: CallbackQuery = {
    id: queryId,
    from,
    message,
    chat_instance: chatInstance(model, from.id),
    data,
  };
  return { update: { callback_query: query }, chatId: from.id };
}
