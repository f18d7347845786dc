/**
 * The Queue consumer (`TELEGRAM_UPDATES`): the webhook puts each update on the Queue and answers Telegram at once;
 * here each update runs through grammY, once per `update_id` (`db/update-claims.ts`), one after another in the
 * batch's order. A failed run is retried through the Queue with backoff (`retry-policy.ts`); one that cannot succeed
 * is logged and acknowledged. A message that is not an update is logged and dropped: retrying cannot fix it.
 */
import type { Logger } from '@vibecode/core/ports';
import type { Bot } from 'grammy';
import { createBot } from './bot.ts';
import { botInfo } from './bot-info.ts';
import type { TelegramSettings } from './config.ts';
import type { AttentionStore } from './db/attention-store.ts';
import type { ConversationStore } from './db/conversation-store.ts';
import type { LinkStore } from './db/link-store.ts';
import type { NoticeStore } from './db/notice-store.ts';
import type { TopicStore } from './db/topic-store.ts';
import type { UpdateClaims } from './db/update-claims.ts';
import type { LinkedContext } from './linking.ts';
import type { TelegramPorts } from './ports.ts';
import { isRetryable, retryDelaySeconds } from './retry-policy.ts';
import { checkUpdate } from './update-body.ts';

export type ConsumerDeps = {
  settings: TelegramSettings;
  claims: UpdateClaims;
  store: LinkStore;
  topics: TopicStore;
  noticeMessages: NoticeStore;
  attentionMessages: AttentionStore;
  /** The main chat's conversations (/new, /power, /keys) between updates. */
  conversations: ConversationStore;
  /** Built only when an update is claimed: a batch of duplicates needs no ports. */
  ports: () => TelegramPorts;
  log: Logger;
  now: () => number;
  random: () => number;
};

export async function consumeUpdates(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  const { settings, claims, log, now, random } = deps;
  if (settings.status !== 'ready') {
    // Queued while the bot was configured; kept for when it is again, until the Queue's retries run out.
    log.error('telegram updates queued but the bot is not configured', { status: settings.status });
    for (const message of batch.messages) {
      message.retry({ delaySeconds: retryDelaySeconds(message.attempts, null, random) });
    }
    return;
  }
  let bot: Bot<LinkedContext> | undefined;
  const botFor = async () => {
    if (bot === undefined) {
      const ports = deps.ports();
      bot = createBot(settings.config, await botInfo(settings.config), {
        store: deps.store,
        users: ports.users,
        topics: deps.topics,
        sessions: ports.sessions,
        files: ports.files,
        servers: ports.servers,
        conversations: deps.conversations,
        notices: ports.notices,
        noticeMessages: deps.noticeMessages,
        attentionMessages: deps.attentionMessages,
        now,
        appUrl: ports.appUrl,
        log,
      });
    }
    return bot;
  };

  await claims.purge(now()).catch((error) => log.warn('purging update claims failed', { error: String(error) }));
  for (const message of batch.messages) {
    const checked = checkUpdate(message.body);
    if (!checked.ok) {
      log.error('dropped a queued message that is not an update', { reason: checked.message, id: message.id });
      message.ack();
      continue;
    }
    const updateId = checked.update.update_id;
    try {
      const claim = await claims.claim(updateId, now());
      if (claim.outcome === 'done') {
        log.info('duplicate telegram update acknowledged', { update_id: updateId });
        message.ack();
        continue;
      }
      if (claim.outcome === 'busy') {
        message.retry({ delaySeconds: retryDelaySeconds(message.attempts, null, random) });
        continue;
      }
      try {
        await (await botFor()).handleUpdate(checked.update);
      } catch (error) {
        if (!isRetryable(error)) {
          log.warn('telegram update failed for good', { update_id: updateId, error: String(error) });
          await claims.finish(updateId, now());
          message.ack();
          continue;
        }
        await claims.release(updateId, now());
        throw error;
      }
      await claims.finish(updateId, now());
      message.ack();
    } catch (error) {
      const delaySeconds = retryDelaySeconds(message.attempts, error, random);
      log.warn('telegram update will be retried', {
        update_id: updateId,
        attempts: message.attempts,
        delay_seconds: delaySeconds,
        error: String(error),
      });
      message.retry({ delaySeconds });
    }
  }
}
