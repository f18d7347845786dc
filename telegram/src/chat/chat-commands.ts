/**
 * The linked user's commands in the bot's main chat (after `linking`, so `ctx.link` is set):
 *   - /sessions: the open sessions on all their servers, a button each that posts the session's screen again in its
 *     topic (a `t.me/c/…` link opens a topic of a supergroup only; a private chat's topic has no link, so the button
 *     makes the topic the chat's newest instead, through core's redraw);
 *   - /new, /power, /keys: conversations (`conversations.ts`) whose state `@grammyjs/conversations` keeps per chat in
 *     D1 (`db/conversation-store.ts`) between updates, which each run in their own Worker invocation.
 * /sessions and its buttons come before the conversations, so they work while a question waits.
 */
import { type ConversationFlavor, conversations, createConversation } from '@grammyjs/conversations';
import { Composer, type Context, InlineKeyboard } from 'grammy';
import { apiRetry } from '../api-retry.ts';
import type { ConversationStore } from '../db/conversation-store.ts';
import type { LinkedContext } from '../linking.ts';
import { replies } from '../replies.ts';
import { type ConversationDeps, chatConversations } from './conversations.ts';

export type ChatDeps = ConversationDeps & { conversations: ConversationStore };

/** Callback data of /sessions' buttons: the prefix, then the session's id. */
export const SHOW_SESSION = 'sessions:show:';

type ChatContext = ConversationFlavor<LinkedContext>;

export function chatCommands(deps: ChatDeps): Composer<LinkedContext> {
  const { sessions } = deps;
  const composer = new Composer<LinkedContext>();
  const chat = composer.chatType('private');

  chat.command('sessions', async (ctx) => {
    const open = await sessions.list(ctx.link.userId);
    if (open.length === 0) {
      await ctx.reply(replies.chat.noSessions);
      return;
    }
    const buttons = new InlineKeyboard();
    for (const s of open) {
      buttons.text(replies.chat.sessionButton(s.vpsName, s.title, s.status), `${SHOW_SESSION}${s.sessionId}`).row();
    }
    await ctx.reply(replies.chat.sessions, { reply_markup: buttons });
  });

  chat.callbackQuery(new RegExp(`^${SHOW_SESSION}(.+)$`), async (ctx) => {
    const result = await sessions.redraw(ctx.link.userId, ctx.match[1] ?? '');
    await ctx.answerCallbackQuery(
      result.ok ? { text: replies.chat.shown } : { text: result.error.message, show_alert: true },
    );
  });

  const { newSession, power, keys } = chatConversations(deps);
  const talk = new Composer<ChatContext>();
  talk.use(
    conversations<ChatContext, Context>({
      storage: deps.conversations,
      // A conversation builds its own Api on every replay: it gets the bot's retries too.
      plugins: [
        async (ctx, next) => {
          ctx.api.config.use(apiRetry());
          await next();
        },
      ],
    }),
  );
  talk.use(createConversation(newSession, 'new'));
  talk.use(createConversation(power, 'power'));
  talk.use(createConversation(keys, 'keys'));
  const inPrivate = talk.chatType('private');
  inPrivate.command('new', (ctx) => ctx.conversation.enter('new', ctx.link.userId));
  inPrivate.command('power', (ctx) => ctx.conversation.enter('power', ctx.link.userId));
  inPrivate.command('keys', (ctx) => ctx.conversation.enter('keys', ctx.link.userId));

  // The plugin gives the context its `conversation` controls before anything below it reads them.
  composer.use(talk as unknown as Composer<LinkedContext>);
  return composer;
}
