import { describe, expect, it } from 'vitest';
import { NEW_SESSION_TEXT, showChrome } from './chrome.ts';
import type { BackButton, MainButton } from './webapp.ts';

/** Telegram's two buttons as plain state, with the chaining calls the real script has. */
function client(version: number) {
  const calls: string[] = [];
  const back = {
    isVisible: false,
    show() {
      calls.push('back.show');
      back.isVisible = true;
      return back as unknown as BackButton;
    },
    hide() {
      calls.push('back.hide');
      back.isVisible = false;
      return back as unknown as BackButton;
    },
  };
  const main = {
    text: 'Continue',
    isVisible: false,
    isActive: false,
    setText(text: string) {
      main.text = text;
      return main as unknown as MainButton;
    },
    show() {
      main.isVisible = true;
      return main as unknown as MainButton;
    },
    hide() {
      main.isVisible = false;
      return main as unknown as MainButton;
    },
    enable() {
      main.isActive = true;
      return main as unknown as MainButton;
    },
  };
  const app = {
    isVersionAtLeast: (wanted: string) => version >= Number(wanted),
    BackButton: back as unknown as BackButton,
    MainButton: main as unknown as MainButton,
  };
  return { app, back, main, calls };
}

describe('showChrome', () => {
  it('offers New session on the picker, with no way back', () => {
    const { app, back, main } = client(8.0);
    back.isVisible = true;
    showChrome(app, 'picker');
    expect(main).toMatchObject({ text: NEW_SESSION_TEXT, isVisible: true, isActive: true });
    expect(back.isVisible).toBe(false);
  });

  it('shows only the BackButton in a session and in the new-session form', () => {
    for (const view of ['session', 'new'] as const) {
      const { app, back, main } = client(8.0);
      main.isVisible = true;
      showChrome(app, view);
      expect(main.isVisible).toBe(false);
      expect(back.isVisible).toBe(true);
    }
  });

  it('leaves the BackButton alone before Bot API 6.1', () => {
    const { app, calls, main } = client(6.0);
    showChrome(app, 'session');
    showChrome(app, 'picker');
    expect(calls).toEqual([]);
    expect(main.isVisible).toBe(true);
  });
});
