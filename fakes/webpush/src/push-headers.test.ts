import { describe, expect, it } from 'vitest';
import { PushError } from './errors.ts';
import { readPushHeaders } from './push-headers.ts';

function reason(headers: Record<string, string>): string {
  try {
    readPushHeaders(headers);
  } catch (err) {
    if (err instanceof PushError && err.status === 400) return err.reason;
    throw err;
  }
  throw new Error('expected a 400');
}

describe('readPushHeaders', () => {
  it('reads TTL, Urgency and Topic, with urgency normal and no topic by default', () => {
    expect(readPushHeaders({ ttl: '0' })).toEqual({ ttl: 0, urgency: 'normal', topic: null });
    expect(readPushHeaders({ ttl: '86400', urgency: 'very-low', topic: 'agent-waiting_1' })).toEqual({
      ttl: 86400,
      urgency: 'very-low',
      topic: 'agent-waiting_1',
    });
    expect(readPushHeaders({ ttl: '60', topic: 'a'.repeat(32) }).topic).toBe('a'.repeat(32));
  });

  it('requires TTL as a non-negative integer', () => {
    expect(reason({})).toBe('TTL header is required');
    for (const ttl of ['-1', '1.5', 'soon', '1e3']) expect(reason({ ttl })).toMatch(/non-negative integer/);
  });

  it('refuses an unknown urgency and a topic that is too long or outside base64url', () => {
    expect(reason({ ttl: '1', urgency: 'urgent' })).toMatch(/Urgency/);
    expect(reason({ ttl: '1', urgency: 'HIGH' })).toMatch(/Urgency/);
    expect(reason({ ttl: '1', topic: 'a'.repeat(33) })).toMatch(/Topic/);
    expect(reason({ ttl: '1', topic: 'new message' })).toMatch(/Topic/);
    expect(reason({ ttl: '1', topic: 'a+b/c=' })).toMatch(/Topic/);
  });
});
