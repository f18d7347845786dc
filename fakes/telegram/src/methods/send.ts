/** What every send method checks the same way, in Telegram's order: reply, markup, chat, replied message, topic. */
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { ChatState } from '../chat-model.ts';
import { badRequest } from '../errors.ts';
import { checkButtonsFor, readReplyMarkup } from '../format.ts';
import type { Params } from '../params.ts';
import type { FakeContext } from './context.ts';

export interface SendTarget {
  state: ChatState;
  threadId: number;
  /** The message being replied to, shown as `reply_to_message` on the sent one. */
  replyTo?: Message;
  replyMarkup?: InlineKeyboardMarkup;
}

function readReply(p: Params): { messageId: number; allowWithout: boolean } {
  if (!p.has('reply_parameters')) {
    return { messageId: p.int('reply_to_message_id'), allowWithout: p.bool('allow_sending_without_reply') };
  }
  const parsed = p.json('reply_parameters');
  if (parsed === undefined) return { messageId: 0, allowWithout: false };
  if (parsed === 'failed') throw badRequest("can't parse reply parameters JSON object");
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('object expected as reply parameters');
  }
  const { message_id, allow_sending_without_reply, chat_id } = value as Record<string, unknown>;
  if (Object.keys(value).length === 0) return { messageId: 0, allowWithout: false };
  if (typeof message_id !== 'number' || !Number.isInteger(message_id)) {
    throw badRequest('can\'t parse reply parameters: Field "message_id" must be of type Number');
  }
  if (chat_id !== undefined && String(chat_id) !== p.str('chat_id')) {
    throw badRequest('replies to other chats are not supported by the stand-in');
  }
  return { messageId: message_id, allowWithout: allow_sending_without_reply === true };
}

export function sendTarget(ctx: FakeContext, p: Params): SendTarget {
  const reply = readReply(p);
  const replyMarkup = readReplyMarkup(p);
  const state = ctx.model.chat(p.str('chat_id'));
  checkButtonsFor(state.chat, replyMarkup);
  let replyTo: Message | undefined;
  if (reply.messageId > 0) {
    replyTo = state.messages.get(reply.messageId);
    if (!replyTo && !reply.allowWithout) throw badRequest('message to be replied not found');
  }
  const threadId = ctx.model.thread(state, p.int('message_thread_id'), ctx.switches.topicsEnabled);
  return { state, threadId, ...(replyTo ? { replyTo } : {}), ...(replyMarkup ? { replyMarkup } : {}) };
}

/** The sent message's common fields: the reply (one level deep, as Telegram nests it) and the inline keyboard. */
export function sentExtras(target: SendTarget): Partial<Message> {
  const extras: Partial<Message> = {};
  if (target.replyTo) {
    const { reply_to_message: _nested, ...replied } = target.replyTo;
    extras.reply_to_message = replied as NonNullable<Message['reply_to_message']>;
  }
  if (target.replyMarkup) extras.reply_markup = target.replyMarkup;
  return extras;
}
