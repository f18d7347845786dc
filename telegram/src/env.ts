/**
 * The Worker bindings the bot reads (wrangler.toml: `DB`, the `TELEGRAM_UPDATES` Queue, the `TELEGRAM_*` settings),
 * as a constraint the Worker's generated `Env` meets; and the hono environment of the bot's routes.
 */
import type { Logger } from '@vibecode/core/ports';
import type { TelegramConfig } from './config.ts';

export interface TelegramBindings {
  DB: D1Database;
  TELEGRAM_UPDATES: Queue;
  APP_ENV?: string;
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  TELEGRAM_BOT_USERNAME?: string;
  TELEGRAM_API_ROOT?: string;
  MINIAPP_AUTH_MAX_AGE_S?: string;
}

export type TelegramEnv<E extends TelegramBindings> = {
  Bindings: E;
  Variables: { log: Logger; config: TelegramConfig };
};
