/** The drizzle handle over the Worker's D1 binding, typed by the bot's own tables only. */
import { type DrizzleD1Database, drizzle } from 'drizzle-orm/d1';
import * as schema from './schema.ts';

export type TelegramDb = DrizzleD1Database<typeof schema>;

export function openTelegramDb(d1: D1Database): TelegramDb {
  return drizzle(d1, { schema });
}
