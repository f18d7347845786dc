import { describe, expect, it } from 'vitest';
import { INACTIVE_AFTER_MS, isInactive } from './session-json.ts';

describe('isInactive', () => {
  const now = 100 * INACTIVE_AFTER_MS;
  it('counts from the last activity, or from creation when there was none', () => {
    expect(isInactive({ lastActivityAt: now - INACTIVE_AFTER_MS, createdAt: 0 }, now)).toBe(false);
    expect(isInactive({ lastActivityAt: now - INACTIVE_AFTER_MS - 1, createdAt: now }, now)).toBe(true);
    expect(isInactive({ lastActivityAt: null, createdAt: now - INACTIVE_AFTER_MS - 1 }, now)).toBe(true);
    expect(isInactive({ lastActivityAt: null, createdAt: now - 1 }, now)).toBe(false);
  });
});
