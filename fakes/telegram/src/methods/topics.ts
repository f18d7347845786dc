/**
 * Forum topics: in a private chat when the bot has topic mode on (getMe `has_topics_enabled`), or in a forum
 * supergroup. A topic is a thread whose id is the id of its "topic created" service message, as on Telegram.
 */
import type { ForumTopic } from 'grammy/types';
import { type ChatState, hasTopics, TOPIC_ICON_COLORS } from '../chat-model.ts';
import { badRequest } from '../errors.ts';
import type { Params } from '../params.ts';
import type { FakeContext, Method } from './context.ts';

/** Longer names are cut to this, as Telegram does. */
const MAX_TOPIC_NAME = 128;

/** The chat a topic method works on; the `topicCallsFail` switch and chats without topics fail here. */
function forumChat(ctx: FakeContext, p: Params): ChatState {
  const state = ctx.model.chat(p.str('chat_id'));
  if (!hasTopics(state.chat, ctx.switches.topicsEnabled) || ctx.switches.topicCallsFail) {
    throw badRequest('the chat is not a forum');
  }
  return state;
}

function topicOf(state: ChatState, p: Params): ForumTopic {
  const topic = state.topics.get(p.int('message_thread_id'));
  if (!topic) throw badRequest('TOPIC_ID_INVALID');
  return topic;
}

export const topicMethods: Record<string, Method> = {
  createForumTopic: (ctx, p) => {
    const state = forumChat(ctx, p);
    const name = p.str('name').trim().slice(0, MAX_TOPIC_NAME);
    if (name === '') throw badRequest('title must be non-empty');
    let iconColor: number = TOPIC_ICON_COLORS[state.topics.size % TOPIC_ICON_COLORS.length] as number;
    if (p.has('icon_color')) {
      iconColor = p.int('icon_color');
      if (!(TOPIC_ICON_COLORS as readonly number[]).includes(iconColor))
        throw badRequest('invalid icon color specified');
    }
    const emoji = p.str('icon_custom_emoji_id');
    const topic: ForumTopic = { message_thread_id: 0, name, icon_color: iconColor };
    if (emoji !== '') topic.icon_custom_emoji_id = emoji;
    const created = ctx.model.addBotMessage(state, 0, {
      forum_topic_created: { name, icon_color: iconColor, ...(emoji ? { icon_custom_emoji_id: emoji } : {}) },
    });
    topic.message_thread_id = created.message_id;
    state.messages.set(created.message_id, {
      ...created,
      message_thread_id: created.message_id,
      is_topic_message: true,
    });
    state.topics.set(topic.message_thread_id, topic);
    return topic;
  },

  editForumTopic: (ctx, p) => {
    const state = forumChat(ctx, p);
    const topic = topicOf(state, p);
    const name = p.has('name') ? p.str('name').trim().slice(0, MAX_TOPIC_NAME) : topic.name;
    const emoji = p.has('icon_custom_emoji_id') ? p.str('icon_custom_emoji_id') : topic.icon_custom_emoji_id;
    if (name === topic.name && (emoji || undefined) === topic.icon_custom_emoji_id) {
      throw badRequest('TOPIC_NOT_MODIFIED');
    }
    if (name === '') throw badRequest('title must be non-empty');
    topic.name = name;
    if (emoji) topic.icon_custom_emoji_id = emoji;
    else delete topic.icon_custom_emoji_id;
    return true;
  },

  deleteForumTopic: (ctx, p) => {
    const state = forumChat(ctx, p);
    const topic = topicOf(state, p);
    state.topics.delete(topic.message_thread_id);
    for (const [id, message] of state.messages) {
      if (id === topic.message_thread_id || message.message_thread_id === topic.message_thread_id) {
        state.messages.delete(id);
      }
    }
    state.pinned = state.pinned.filter((id) => state.messages.has(id));
    return true;
  },
};
