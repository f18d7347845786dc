/**
 * A Telegram binding's conversation address, opaque to core: `{"chat_id":…,"thread_id":…}` for a session in a forum
 * topic of the private chat, `{"chat_id":…,"pinned_message_id":…}` for one shown as a pinned message in the chat
 * itself (the topics-off fallback). Either way the pair is the key of the session's `telegram_topics` row.
 */

export type TopicAddress = { chatId: number; threadId: number; pinned: boolean };

export function encodeConversation(address: TopicAddress): string {
  return JSON.stringify(
    address.pinned
      ? { chat_id: address.chatId, pinned_message_id: address.threadId }
      : { chat_id: address.chatId, thread_id: address.threadId },
  );
}

const isId = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export function decodeConversation(conversation: string): TopicAddress | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(conversation);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { chat_id: chatId, thread_id: threadId, pinned_message_id: pinnedId } = parsed as Record<string, unknown>;
  if (typeof chatId !== 'number' || !Number.isSafeInteger(chatId)) return null;
  if (isId(threadId) && pinnedId === undefined) return { chatId, threadId, pinned: false };
  if (isId(pinnedId) && threadId === undefined) return { chatId, threadId: pinnedId, pinned: true };
  return null;
}
