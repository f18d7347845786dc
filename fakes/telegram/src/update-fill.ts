/**
 * What Telegram's servers add to an update that a test may leave out: the `update_id` (one more than the highest so
 * far) and the `bot_command` entities of a text message — grammY's `bot.command()` matches on those entities, and
 * Telegram always sends them, so `{text: '/start abc'}` reaches the bot as it would in production.
 */
import type { Message, MessageEntity, Update } from 'grammy/types';

const COMMAND = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=\s|$)/g;

export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(COMMAND)) {
    const lead = (m[1] as string).length;
    entities.push({ type: 'bot_command', offset: (m.index as number) + lead, length: (m[2] as string).length });
  }
  return entities;
}

function withEntities(message: Message | undefined): Message | undefined {
  if (!message || typeof message.text !== 'string' || message.entities !== undefined) return message;
  const entities = commandEntities(message.text);
  return entities.length > 0 ? { ...message, entities } : message;
}

export function fillUpdate(input: Update | Omit<Update, 'update_id'>, lastUpdateId: number): Update {
  const update = { ...input, update_id: (input as Partial<Update>).update_id ?? lastUpdateId + 1 } as Update;
  for (const key of ['message', 'edited_message'] as const) {
    const message = withEntities(update[key]);
    if (message) update[key] = message as never;
  }
  return update;
}
