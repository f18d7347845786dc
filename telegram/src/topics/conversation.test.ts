import { describe, expect, it } from 'vitest';
import { decodeConversation, encodeConversation } from './conversation.ts';

describe('conversation address', () => {
  it('reads back what it wrote', () => {
    const conversation = encodeConversation({ chatId: 4242, threadId: 7 });
    expect(conversation).toBe('{"chat_id":4242,"thread_id":7}');
    expect(decodeConversation(conversation)).toEqual({ chatId: 4242, threadId: 7 });
  });

  it('reads an address without a topic, or anything else, as not a topic', () => {
    for (const conversation of ['{"chat_id":4242}', '{"chat_id":4242,"thread_id":0}', 'null', '[', '{"chat_id":"1"}']) {
      expect(decodeConversation(conversation)).toBeNull();
    }
  });
});
