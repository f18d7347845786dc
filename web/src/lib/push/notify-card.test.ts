import { describe, expect, it } from 'vitest';
import { notifyCard } from './notify-card.ts';

describe('notifyCard', () => {
  it('asks first, from the tap, and offers nothing where the browser cannot or will not', () => {
    expect(notifyCard('default', 'off').action).toBe('ask');
    expect(notifyCard('denied', 'off')).toEqual({
      text: "Notifications are blocked for this site in the browser's settings.",
      action: null,
    });
    expect(notifyCard('unsupported', 'off').action).toBeNull();
  });

  it('once allowed, says whether a closed browser is told, and offers the way to change it', () => {
    expect(notifyCard('granted', 'on')).toEqual({
      text: 'On: this browser is told when a session needs you, even with VibeCode closed.',
      action: 'turn_off',
    });
    expect(notifyCard('granted', 'off')).toEqual({ text: 'On while a VibeCode tab is open.', action: 'turn_on' });
    expect(notifyCard('granted', 'failed').action).toBe('retry');
    expect(notifyCard('granted', 'unavailable').text).toMatch(/server sends no push/);
    expect(notifyCard('granted', 'unsupported').action).toBeNull();
  });
});
