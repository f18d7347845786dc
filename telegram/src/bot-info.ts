/**
 * The bot's own user (`getMe`), which grammY needs before it handles an update and the link API reads for the bot's
 * username and `has_topics_enabled`. Asked once per isolate and configuration, then kept: it changes only when the
 * bot's owner edits it in BotFather, and a new isolate asks again. A failed ask is not kept, so the next one retries.
 */
import { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { TelegramConfig } from './config.ts';

/** getMe is one small call; a Bot API that does not answer in this long is down for our purposes. */
const GET_ME_TIMEOUT_SECONDS = 10;

let cached: { key: string; info: Promise<UserFromGetMe> } | null = null;

export function botInfo(config: TelegramConfig): Promise<UserFromGetMe> {
  const key = `${config.apiRoot}\n${config.token}`;
  if (cached?.key !== key) {
    const api = new Api(config.token, { apiRoot: config.apiRoot, timeoutSeconds: GET_ME_TIMEOUT_SECONDS });
    const info = api.getMe();
    const entry = { key, info };
    cached = entry;
    info.catch(() => {
      if (cached === entry) cached = null;
    });
  }
  return cached.info;
}

/** Whether the bot has topics in private chats; false when the Bot API cannot say (unknown means no). */
export async function topicsEnabled(config: TelegramConfig): Promise<boolean> {
  try {
    return (await botInfo(config)).has_topics_enabled === true;
  } catch {
    return false;
  }
}
