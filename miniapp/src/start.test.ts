import { describe, expect, it } from 'vitest';
import { startWebApp } from './start.ts';

function client(version: number, withSwipes = true) {
  const calls: string[] = [];
  const app = {
    ready: () => void calls.push('ready'),
    expand: () => void calls.push('expand'),
    isVersionAtLeast: (wanted: string) => version >= Number(wanted),
    ...(withSwipes ? { disableVerticalSwipes: () => void calls.push('disableVerticalSwipes') } : {}),
  };
  return { app, calls };
}

describe('startWebApp', () => {
  it('says ready, expands, and keeps vertical swipes for the page on 7.7 and later', () => {
    const { app, calls } = client(8.0);
    startWebApp(app);
    expect(calls).toEqual(['ready', 'expand', 'disableVerticalSwipes']);
  });

  it('leaves swipes alone before 7.7 (the call only warns there) or where the client lacks it', () => {
    for (const { app, calls } of [client(7.6), client(8.0, false)]) {
      startWebApp(app);
      expect(calls).toEqual(['ready', 'expand']);
    }
  });
});
