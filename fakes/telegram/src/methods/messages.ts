/** Text messages and what a bot does to them: send, edit, delete, pin, chat actions, callback answers. */
import type { Message } from 'grammy/types';
import { badRequest } from '../errors.ts';
import { checkButtonsFor, readReplyMarkup, readText } from '../format.ts';
import type { Params } from '../params.ts';
import type { FakeContext, Method } from './context.ts';
import { sendTarget, sentExtras } from './send.ts';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function editMessageText(ctx: FakeContext, p: Params): Message {
  if (p.str('inline_message_id') !== '' && p.str('chat_id') === '') {
    throw badRequest('inline messages are not supported by the stand-in');
  }
  const formatted = readText(p);
  const markup = readReplyMarkup(p);
  const state = ctx.model.chat(p.str('chat_id'));
  checkButtonsFor(state.chat, markup);
  const message = ctx.model.message(state, p.int('message_id'), 'message to edit');
  if (message.from?.id !== ctx.me.id) throw badRequest("message can't be edited");
  if (!('text' in message)) throw badRequest('there is no text in the message to edit');
  if (
    message.text === formatted.text &&
    same(message.entities, formatted.entities) &&
    same(message.reply_markup, markup)
  ) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
  }
  const { entities: _oldEntities, reply_markup: _oldMarkup, ...rest } = message;
  const edited = {
    ...rest,
    text: formatted.text,
    ...(formatted.entities ? { entities: formatted.entities } : {}),
    ...(markup ? { reply_markup: markup } : {}),
    edit_date: Math.max(Math.floor(Date.now() / 1000), message.date),
  } as Message;
  state.messages.set(edited.message_id, edited);
  return edited;
}

export const messageMethods: Record<string, Method> = {
  sendMessage: (ctx, p) => {
    const formatted = readText(p);
    const target = sendTarget(ctx, p);
    return ctx.model.addBotMessage(target.state, target.threadId, { ...formatted, ...sentExtras(target) });
  },

  editMessageText,

  // Without `reply_markup` the inline keyboard goes, as in Telegram (a bot takes a message's buttons back).
  editMessageReplyMarkup: (ctx, p) => {
    if (p.str('inline_message_id') !== '' && p.str('chat_id') === '') {
      throw badRequest('inline messages are not supported by the stand-in');
    }
    const markup = readReplyMarkup(p);
    const state = ctx.model.chat(p.str('chat_id'));
    checkButtonsFor(state.chat, markup);
    const message = ctx.model.message(state, p.int('message_id'), 'message to edit');
    if (message.from?.id !== ctx.me.id) throw badRequest("message can't be edited");
    if (same(message.reply_markup, markup)) {
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    }
    const { reply_markup: _oldMarkup, ...rest } = message;
    const edited = {
      ...rest,
      ...(markup ? { reply_markup: markup } : {}),
      edit_date: Math.max(Math.floor(Date.now() / 1000), message.date),
    } as Message;
    state.messages.set(edited.message_id, edited);
    return edited;
  },

  deleteMessage: (ctx, p) => {
    if (p.str('chat_id') === '') throw badRequest('chat identifier is not specified');
    const messageId = p.int('message_id');
    if (messageId === 0) throw badRequest('message identifier is not specified');
    const state = ctx.model.chat(p.str('chat_id'));
    const message = ctx.model.message(state, messageId, 'message to delete');
    if (message.forum_topic_created) throw badRequest("message can't be deleted");
    state.messages.delete(messageId);
    state.pinned = state.pinned.filter((id) => id !== messageId);
    return true;
  },

  pinChatMessage: (ctx, p) => {
    const state = ctx.model.chat(p.str('chat_id'));
    const message = ctx.model.message(state, p.int('message_id'), 'message to pin');
    state.pinned = [...state.pinned.filter((id) => id !== message.message_id), message.message_id];
    return true;
  },

  unpinChatMessage: (ctx, p) => {
    const state = ctx.model.chat(p.str('chat_id'));
    const messageId = p.int('message_id');
    const target = messageId === 0 ? state.pinned[state.pinned.length - 1] : messageId;
    if (target === undefined) throw badRequest('message to unpin not found');
    ctx.model.message(state, target, 'message to unpin');
    state.pinned = state.pinned.filter((id) => id !== target);
    return true;
  },

  sendChatAction: (ctx, p) => {
    if (!CHAT_ACTIONS.has(p.str('action'))) throw badRequest('wrong parameter action in request');
    const state = ctx.model.chat(p.str('chat_id'));
    ctx.model.thread(state, p.int('message_thread_id'), ctx.switches.topicsEnabled);
    return true;
  },

  answerCallbackQuery: (ctx, p) => {
    const query = ctx.model.callbackQueries.get(p.str('callback_query_id'));
    if (!query || query.answered) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    query.answered = true;
    return true;
  },
};
