/** What every Bot API method handler works on, and the shape of a handler. */
import type { BotCommand, MenuButton, UserFromGetMe } from 'grammy/types';
import type { ChatModel } from '../chat-model.ts';
import type { FileStore } from '../file-store.ts';
import type { Params } from '../params.ts';
import type { Switches } from '../switches.ts';
import type { Webhook } from '../webhook.ts';

export interface FakeContext {
  /** getMe's answer, minus the switch-driven `has_topics_enabled`. */
  me: Omit<UserFromGetMe, 'has_topics_enabled'>;
  model: ChatModel;
  switches: Switches;
  webhook: Webhook;
  files: FileStore;
  /** Commands per `scope` + `language_code` key. */
  commands: Map<string, BotCommand[]>;
  /** Menu buttons per chat id ('' = the default for all chats). */
  menuButtons: Map<string, MenuButton>;
}

/** An ok answer that also carries Telegram's `description` (setWebhook: "Webhook was set"). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type Method = (ctx: FakeContext, p: Params) => unknown;

/** The menu button a chat shows: its own, else the default set for all chats, else Telegram's default button. */
export function menuButtonOf(ctx: FakeContext, chatKey: string): MenuButton {
  return ctx.menuButtons.get(chatKey) ?? ctx.menuButtons.get('') ?? { type: 'default' };
}
