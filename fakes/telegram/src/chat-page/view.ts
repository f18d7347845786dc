/**
 * What the chat page shows of one private chat — the bot, whether it has topics and a webhook, the topics, the pinned
 * messages and the messages — and the difference between two such views, which the page's event stream sends
 * instead of the whole chat each time the bot edits a message.
 */
import type { ForumTopic, MenuButton, Message } from 'grammy/types';
import { hasTopics } from '../chat-model.ts';
import { type FakeContext, menuButtonOf } from '../methods/index.ts';

/** The page sees the newest this many messages of a chat (the chat model itself keeps them all). */
export const MAX_VIEW_MESSAGES = 1000;

export interface ChatView {
  bot: { id: number; first_name: string; username: string };
  /** Whether the chat shows topics now (the `topicsEnabled` switch, for a private chat). */
  topicsEnabled: boolean;
  /** Whether updates can reach the bot, and why the last one did not. */
  webhook: { set: boolean; lastError?: string };
  topics: ForumTopic[];
  /** Pinned message ids, most recent last. */
  pinned: number[];
  /** The button next to the composer (setChatMenuButton): a `web_app` one opens the bot's Mini App. */
  menuButton: MenuButton;
  /** Oldest first. */
  messages: Message[];
}

/** Only what changed; `deleted` lists message ids that are gone. */
export interface ViewPatch {
  bot?: ChatView['bot'];
  topicsEnabled?: boolean;
  webhook?: ChatView['webhook'];
  topics?: ForumTopic[];
  pinned?: number[];
  menuButton?: MenuButton;
  messages?: Message[];
  deleted?: number[];
}

export function chatView(ctx: FakeContext, chatId: number): ChatView {
  const state = ctx.model.chats.get(chatId);
  const info = ctx.webhook.info();
  const messages = state ? [...state.messages.values()].sort((a, b) => a.message_id - b.message_id) : [];
  return {
    bot: { id: ctx.me.id, first_name: ctx.me.first_name, username: ctx.me.username },
    topicsEnabled: state ? hasTopics(state.chat, ctx.switches.topicsEnabled) : ctx.switches.topicsEnabled,
    webhook: { set: info.url !== '', ...(info.last_error_message ? { lastError: info.last_error_message } : {}) },
    // Copies: editForumTopic renames the model's topic in place, and the feed compares this view with the next.
    topics: state
      ? [...state.topics.values()].map((t) => ({ ...t })).sort((a, b) => a.message_thread_id - b.message_thread_id)
      : [],
    pinned: state ? [...state.pinned] : [],
    menuButton: menuButtonOf(ctx, String(chatId)),
    messages: messages.slice(-MAX_VIEW_MESSAGES),
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffView(prev: ChatView, next: ChatView): ViewPatch | undefined {
  const patch: ViewPatch = {};
  for (const key of ['bot', 'topicsEnabled', 'webhook', 'topics', 'pinned', 'menuButton'] as const) {
    if (!same(prev[key], next[key])) Object.assign(patch, { [key]: next[key] });
  }
  const before = new Map(prev.messages.map((m) => [m.message_id, JSON.stringify(m)]));
  const changed = next.messages.filter((m) => before.get(m.message_id) !== JSON.stringify(m));
  const kept = new Set(next.messages.map((m) => m.message_id));
  const deleted = prev.messages.map((m) => m.message_id).filter((id) => !kept.has(id));
  if (changed.length > 0) patch.messages = changed;
  if (deleted.length > 0) patch.deleted = deleted;
  return Object.keys(patch).length > 0 ? patch : undefined;
}
