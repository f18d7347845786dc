import { describe, expect, it } from 'vitest';
import { webAppOf } from './webapp.ts';

const fn = () => undefined;
const webApp = () => ({
  initData: 'a=1',
  ready: fn,
  expand: fn,
  close: fn,
  isVersionAtLeast: fn,
  onEvent: fn,
  offEvent: fn,
  BackButton: {},
  MainButton: {},
  HapticFeedback: {},
});

describe('webAppOf', () => {
  it("returns Telegram's object when it has what the page uses", () => {
    const app = webApp();
    expect(webAppOf({ Telegram: { WebApp: app } })).toBe(app);
  });

  it('accepts empty launch data (the page decides what that means)', () => {
    expect(webAppOf({ Telegram: { WebApp: { ...webApp(), initData: '' } } })).not.toBeNull();
  });

  it('is null when the script did not load or something else has the name', () => {
    expect(webAppOf(undefined)).toBeNull();
    expect(webAppOf({})).toBeNull();
    expect(webAppOf({ Telegram: {} })).toBeNull();
    expect(webAppOf({ Telegram: { WebApp: 'x' } })).toBeNull();
    expect(webAppOf({ Telegram: { WebApp: { ...webApp(), initData: 1 } } })).toBeNull();
    expect(webAppOf({ Telegram: { WebApp: { ...webApp(), ready: 'no' } } })).toBeNull();
    expect(webAppOf({ Telegram: { WebApp: { ...webApp(), MainButton: null } } })).toBeNull();
  });
});
