import { describe, expect, it } from 'vitest';
import { decodeConversation, encodeConversation } from './conversation.ts';

describe('conversation address', () => {
  it('reads back what it wrote, for a topic and for a pinned message', () => {
    const topic = encodeConversation({ chatId: 4242, threadId: 7, pinned: false });
    expect(topic).toBe('{"chat_id":4242,"thread_id":7}');
    expect(decodeConversation(topic)).toEqual({ chatId: 4242, threadId: 7, pinned: false });
    const pinned = encodeConversation({ chatId: 4242, threadId: 90, pinned: true });
    expect(pinned).toBe('{"chat_id":4242,"pinned_message_id":90}');
    expect(decodeConversation(pinned)).toEqual({ chatId: 4242, threadId: 90, pinned: true });
  });

  it('reads an address with neither or both, or anything else, as not ours', () => {
    for (const conversation of [
      '{"chat_id":4242}',
      '{"chat_id":4242,"thread_id":0}',
      '{"chat_id":4242,"thread_id":7,"pinned_message_id":9}',
      '{"chat_id":4242,"pinned_message_id":-9}',
      'null',
      '[',
      '{"chat_id":"1","thread_id":7}',
    ]) {
      expect(decodeConversation(conversation)).toBeNull();
    }
  });
});
