import { describe, expect, it } from 'vitest';
import { clickPath, FEED_CHANGED, isFeedChanged, notificationOfPush } from './push-event.ts';

describe('notificationOfPush', () => {
  it('shows the message under the attention tag, remembering where a click goes', () => {
    const message = { title: 'api needs you', body: 'Proceed? [y/n]', path: '/vps/v1/sessions/s1' };
    expect(notificationOfPush(JSON.stringify(message))).toEqual({
      title: 'api needs you',
      options: { body: 'Proceed? [y/n]', tag: 'vibecode-attention', data: { path: '/vps/v1/sessions/s1' } },
    });
  });

  it('shows a plain notice for a push that is not a message: empty, not JSON, another shape, another origin', () => {
    const plain = {
      title: 'A session needs you',
      options: { body: 'Open VibeCode to see it.', tag: 'vibecode-attention', data: { path: '/dashboard' } },
    };
    for (const text of [
      null,
      'not json',
      '{"title":"x"}',
      JSON.stringify({ title: 'x', body: 'y', path: 'https://evil.example/' }),
      JSON.stringify({ title: 'x', body: 'y', path: '//evil.example/' }),
      JSON.stringify({ title: '', body: 'y', path: '/dashboard' }),
    ]) {
      expect(notificationOfPush(text), String(text)).toEqual(plain);
    }
  });
});

describe('clickPath', () => {
  it("opens the notification's path, only within the app", () => {
    expect(clickPath({ path: '/vps/v1/sessions/s1' })).toBe('/vps/v1/sessions/s1');
    expect(clickPath({ path: '//evil.example/x' })).toBe('/dashboard');
    expect(clickPath({ path: '/\\evil.example' })).toBe('/dashboard');
    expect(clickPath({ path: 'https://evil.example/' })).toBe('/dashboard');
    expect(clickPath(null)).toBe('/dashboard');
    expect(clickPath(undefined)).toBe('/dashboard');
  });
});

describe('isFeedChanged', () => {
  it("reads the worker's word that the feed changed, and nothing else a tab may be sent", () => {
    expect(isFeedChanged(FEED_CHANGED)).toBe(true);
    expect(isFeedChanged(structuredClone(FEED_CHANGED))).toBe(true);
    for (const data of [null, undefined, 'vibecode.attention-changed', {}, { type: 'other' }, [FEED_CHANGED.type]]) {
      expect(isFeedChanged(data), JSON.stringify(data)).toBe(false);
    }
  });
});
