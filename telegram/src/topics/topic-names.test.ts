import { describe, expect, it } from 'vitest';
import { endedTopicName, MAX_TOPIC_NAME, topicName } from './topic-names.ts';

describe('topic names', () => {
  it('names a topic after the VPS and the session', () => {
    expect(topicName(' api ', 'claude ')).toBe('api · claude');
    expect(endedTopicName('api · claude')).toBe('api · claude (ended)');
  });

  it("stays within Telegram's 128 characters, ended or not, without splitting an emoji", () => {
    const long = topicName('vps', '🚀'.repeat(200));
    expect([...long]).toHaveLength(MAX_TOPIC_NAME);
    expect(long.endsWith('🚀…')).toBe(true);
    const ended = endedTopicName(long);
    expect([...ended]).toHaveLength(MAX_TOPIC_NAME);
    expect(ended.endsWith('… (ended)')).toBe(true);
  });
});
