/**
 * A Telegram binding's conversation address, opaque to core: `{"chat_id":…,"thread_id":…}`, the private chat and the
 * topic in it. `thread_id` is optional in the format so a binding in the chat itself (no topic) fits it too; this
 * slice makes topic bindings only, so an address without one is read as not ours (null).
 */

export type TopicAddress = { chatId: number; threadId: number };

export function encodeConversation(address: TopicAddress): string {
  return JSON.stringify({ chat_id: address.chatId, thread_id: address.threadId });
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

export function decodeConversation(conversation: string): TopicAddress | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(conversation);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { chat_id: chatId, thread_id: threadId } = parsed as Record<string, unknown>;
  return isId(chatId) && isId(threadId) && threadId > 0 ? { chatId, threadId } : null;
}
