/**
 * Opening a Mini App from the chat page, as a Telegram client does: the person presses a `web_app` button on one of
 * the bot's messages, or the chat's `web_app` menu button, and gets initData signed for them (webapp/init-data.ts).
 * Only a button the chat really shows can be pressed, with the URL it really has.
 */
import type { User } from 'grammy/types';
import { chatInstance } from '../chat-model.ts';
import { ControlError } from '../control.ts';
import { type FakeContext, menuButtonOf } from '../methods/index.ts';
import type { Launch } from '../webapp/init-data.ts';
import { readUser } from './user-updates.ts';

const bad = (message: string) => new ControlError(400, 'fake.bad_request', message);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface WebAppOpening {
  user: User;
  launch: Launch;
}

/**
 * `{user, url, message_id?}`: with `message_id`, a `web_app` inline button of that bot message with this URL; without,
 * the chat's menu button, which must be a `web_app` one with this URL.
 */
export function webAppOpening(body: unknown, ctx: FakeContext): WebAppOpening {
  if (!isObject(body)) throw bad('a Mini App launch must be a JSON object');
  const user = readUser(body.user);
  const { url, message_id: messageId } = body;
  if (typeof url !== 'string' || url === '') throw bad('url must be the Mini App URL the button opens');
  if (messageId === undefined) {
    const button = menuButtonOf(ctx, String(user.id));
    if (button.type !== 'web_app' || button.web_app.url !== url) {
      throw bad("this chat's menu button does not open that Mini App");
    }
    return { user, launch: { from: 'menu_button' } };
  }
  const message = typeof messageId === 'number' ? ctx.model.chats.get(user.id)?.messages.get(messageId) : undefined;
  if (!message) throw bad('message not found');
  const buttons = message.reply_markup?.inline_keyboard.flat() ?? [];
  if (!buttons.some((b) => 'web_app' in b && b.web_app?.url === url)) {
    throw bad('that message has no Mini App button with this URL');
  }
  return { user, launch: { from: 'inline_button', chatInstance: chatInstance(ctx.model, user.id) } };
}
