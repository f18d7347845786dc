/**
 * The attention half of the Telegram surface (`surface.ts`): an item is one message in the session's topic (or, for
 * a pinned session, a reply to its screen message in the chat), which rings, with the choices or "Continue at reset"
 * as buttons (`attention-text.ts`). Its row (`db/attention-store.ts`) is written before the post, so the buttons can
 * carry its id; a post that fails removes it, and a 429 or a 5xx goes back to the hub as `retry`, which tells the
 * item again later. A clear claims the session's row and edits its message to say so, taking the buttons away.
 */
import type { AttentionCleared, BoundSession, Logger, RenderOutcome, SessionAttention } from '@vibecode/core/ports';
import { type Api, GrammyError, HttpError } from 'grammy';
import type { AttentionMessage, AttentionStore } from '../db/attention-store.ts';
import type { TelegramTopic } from '../db/topic-store.ts';
import { attentionButtons, attentionHtml, settledHtml, settledText } from './attention-text.ts';
import { failureOutcome, isMessageMissing, isNotModified } from './bot-api-errors.ts';

export type AttentionSurfaceDeps = {
  api: Api;
  attention: AttentionStore;
  log: Logger;
  now: () => number;
  /** The bound session's open topic, while its user is still linked to that chat; null when the binding is gone. */
  openTopic(bound: BoundSession): Promise<TelegramTopic | null>;
  /** Where a topic's messages go: its thread, or (pinned) replies to the session's message. */
  placeOf(topic: TelegramTopic): { message_thread_id: number } | { reply_parameters: { message_id: number } };
};

/**
 * Edits a settled item's message to say what became of it, without buttons. A message already so (a second press)
 * or deleted by the user needs nothing more; any other failure is the caller's.
 */
export async function settleMessage(api: Api, item: AttentionMessage, what: string): Promise<void> {
  if (item.messageId === null) return;
  try {
    await api.editMessageText(item.chatId, item.messageId, settledHtml(item.html, what), { parse_mode: 'HTML' });
  } catch (error) {
    if (!isNotModified(error) && !isMessageMissing(error)) throw error;
  }
}

export function attentionSurface(deps: AttentionSurfaceDeps) {
  const { api, attention, log, now } = deps;
  return {
    async attention(bound: BoundSession, item: SessionAttention): Promise<RenderOutcome> {
      const topic = await deps.openTopic(bound);
      if (topic === null) return { kind: 'gone' };
      const html = attentionHtml(item);
      const id = await attention.open({
        sessionId: topic.sessionId,
        userId: topic.userId,
        chatId: topic.chatId,
        html,
        state: item.state,
        promptFingerprint: item.promptFingerprint,
        choices: item.choices,
        createdAt: now(),
      });
      try {
        const sent = await api.sendMessage(topic.chatId, html, {
          ...deps.placeOf(topic),
          parse_mode: 'HTML',
          reply_markup: attentionButtons(id, item),
        });
        await attention.posted(id, sent.message_id);
        return { kind: 'shown' };
      } catch (error) {
        await attention.claim(id);
        const outcome = failureOutcome(error);
        if (outcome === null) throw error;
        return outcome;
      }
    },

    async attentionCleared(bound: BoundSession, how: AttentionCleared): Promise<void> {
      const item = await attention.claimSession(bound.session.sessionId);
      // Claimed all the same when the topic is gone: nothing there can be answered any more.
      if (item === null || (await deps.openTopic(bound)) === null) return;
      try {
        await settleMessage(api, item, settledText.cleared(how));
      } catch (error) {
        if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
        // Best effort: its buttons, if pressed, find the item gone and say so.
        log.warn('telegram attention message not settled', { session_id: item.sessionId, error: String(error) });
      }
    },
  };
}
