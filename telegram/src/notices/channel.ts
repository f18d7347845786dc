/**
 * The Telegram `Channel` (`@vibecode/channels`): a notice (idle, offline, provisioning timeout) reaches a linked
 * user's private chat as one message with its actions as buttons (`notice-text.ts`); the message is kept
 * (`telegram_notices`) so that when the notice is answered, here or on the web, it is edited to say how and its
 * buttons go away.
 */
import type { Channel } from '@vibecode/channels';
import { renderNotification } from '@vibecode/channels';
import type { AnsweredNotices, Logger, Notification } from '@vibecode/core/ports';
import { type Api, GrammyError } from 'grammy';
import type { LinkStore } from '../db/link-store.ts';
import type { NoticeStore } from '../db/notice-store.ts';
import { isGone, isMessageMissing, isNotModified } from '../topics/bot-api-errors.ts';
import { noticeButtons, noticeText } from './notice-text.ts';

export const NOTICE_CHANNEL = 'telegram';

export type NoticeChannelDeps = {
  /** Null while the bot is not configured: nobody is linked. */
  api: Api | null;
  links: LinkStore;
  notices: NoticeStore;
  /** The web app's public origin, for links and URL buttons; null in local mode without PUBLIC_URL. */
  appUrl: string | null;
  log: Logger;
  now: () => number;
};

export function telegramNoticeChannel(deps: NoticeChannelDeps): Channel {
  const { api, links, notices, appUrl, log, now } = deps;
  return {
    name: NOTICE_CHANNEL,

    linked: async (userId) => api !== null && (await links.linkOfUser(userId)) !== null,

    async deliver(notification: Notification) {
      // The session's topic showed the question as it came (its surface): a chat needs no reminder by mail's rule.
      if (notification.kind === 'session.waiting') return;
      const link = await links.linkOfUser(notification.userId);
      if (api === null || link === null) return;
      const rendered = renderNotification(notification, appUrl ?? '');
      const text = `${rendered.subject}\n\n${rendered.text}`;
      const serverUrl = appUrl === null ? null : rendered.link;
      const buttons = noticeButtons(notification.id, notification.actions, serverUrl);
      const sent = await api.sendMessage(link.chatId, text, {
        reply_markup: buttons,
        link_preview_options: { is_disabled: true },
      });
      await notices.create({
        noticeId: notification.id,
        userId: notification.userId,
        chatId: link.chatId,
        messageId: sent.message_id,
        text,
        buttons: buttons === undefined ? null : JSON.stringify(buttons),
        createdAt: now(),
      });
    },

    async answered(answered: AnsweredNotices) {
      if (api === null) return;
      for (const id of answered.ids) {
        const message = await notices.claim(id);
        if (message === null) continue;
        try {
          // No reply_markup: the edit takes the buttons away.
          await api.editMessageText(
            message.chatId,
            message.messageId,
            noticeText.answered(message.text, answered.answer),
            {
              link_preview_options: { is_disabled: true },
            },
          );
        } catch (error) {
          // Deleted by the user, or the bot blocked: nothing is left to take back.
          if (!(error instanceof GrammyError) || !(isNotModified(error) || isMessageMissing(error) || isGone(error))) {
            throw error;
          }
          log.info('telegram notice message not edited', { notice_id: id, error: error.description });
        }
      }
    },
  };
}
