import { describe, expect, it } from 'vitest';
import { colorSchemeOf, hexColor, pageTheme } from './theme.ts';

// Telegram's dark theme as its clients send it (core.telegram.org/bots/webapps#themeparams).
const telegramDark = {
  accent_text_color: '#6ab2f2',
  bg_color: '#17212b',
  button_color: '#5288c1',
  button_text_color: '#ffffff',
  bottom_bar_bg_color: '#ffffff',
  destructive_text_color: '#ec3942',
  header_bg_color: '#17212b',
  hint_color: '#708499',
  link_color: '#6ab3f3',
  secondary_bg_color: '#232e3c',
  section_bg_color: '#17212b',
  section_header_text_color: '#6ab3f3',
  section_separator_color: '#111921',
  subtitle_text_color: '#708499',
  text_color: '#f5f5f5',
};

describe('hexColor', () => {
  it('accepts #rgb and #rrggbb, lowercased and widened', () => {
    expect(hexColor('#ABCDEF')).toBe('#abcdef');
    expect(hexColor('#fA0')).toBe('#ffaa00');
    expect(hexColor(' #123456 ')).toBe('#123456');
  });

  it('refuses anything that could carry more than a colour into CSS', () => {
    for (const bad of ['red', '#12345', '#1234567', 'rgb(1,2,3)', '#123456;background:url(x)', '', 12, null, {}]) {
      expect(hexColor(bad)).toBeNull();
    }
  });
});

describe('colorSchemeOf', () => {
  it('is dark only when Telegram says dark, light (Telegram’s default) otherwise', () => {
    expect(colorSchemeOf('dark')).toBe('dark');
    expect(colorSchemeOf('light')).toBe('light');
    expect(colorSchemeOf('DARK')).toBe('light');
    expect(colorSchemeOf(undefined)).toBe('light');
  });
});

describe('pageTheme', () => {
  it("maps Telegram's colours to the page's variables and the terminal", () => {
    const theme = pageTheme(telegramDark, 'dark');
    expect(theme.colorScheme).toBe('dark');
    expect(theme.vars).toMatchObject({
      '--bg': '#17212b',
      '--surface': '#17212b',
      '--text': '#f5f5f5',
      '--muted': '#708499',
      '--border': '#111921',
      '--accent': '#5288c1',
      '--accent-text': '#ffffff',
      '--accent-strong': '#6ab3f3',
      '--danger': '#ec3942',
      '--vt-bg': '#17212b',
      '--vt-fg': '#f5f5f5',
      '--vt-bar-bg': '#232e3c',
      '--vt-key-bg': '#17212b',
      '--vt-key-border': '#111921',
    });
    expect(theme.terminal).toEqual({
      background: '#17212b',
      foreground: '#f5f5f5',
      cursor: '#5288c1',
      cursorAccent: '#17212b',
      selectionBackground: '#70849966',
    });
  });

  it('takes the next source when the first is missing', () => {
    const theme = pageTheme(
      { secondary_bg_color: '#222222', subtitle_text_color: '#333333', accent_text_color: '#444444' },
      'dark',
    );
    expect(theme.vars['--surface']).toBe('#222222');
    expect(theme.vars['--muted']).toBe('#333333');
    expect(theme.vars['--accent-strong']).toBe('#444444');
  });

  it("falls back to the web app's colours of the scheme for missing or malformed keys", () => {
    const dark = pageTheme({ bg_color: 'url(https://evil.example)', text_color: 42 }, 'dark');
    expect(dark.vars['--bg']).toBe('#0b1020');
    expect(dark.vars['--text']).toBe('#e5e7eb');
    expect(dark.terminal).toEqual({
      background: '#0b1020',
      foreground: '#e5e7eb',
      cursor: '#34d399',
      cursorAccent: '#0b1020',
      selectionBackground: '#334155',
    });
    const light = pageTheme({}, 'light');
    expect(light.vars['--bg']).toBe('#f8fafc');
    expect(light.vars['--text']).toBe('#0f172a');
    expect(light.terminal.background).toBe('#ffffff');
  });

  it('survives no theme at all', () => {
    for (const params of [undefined, null, 'x', []]) {
      const theme = pageTheme(params, undefined);
      expect(theme.colorScheme).toBe('light');
      expect(theme.vars['--bg']).toBe('#f8fafc');
    }
  });

  it('writes only variables, every value a colour', () => {
    const theme = pageTheme(telegramDark, 'dark');
    for (const [name, value] of Object.entries(theme.vars)) {
      expect(name).toMatch(/^--[a-z-]+$/);
      expect(value).toMatch(/^#[0-9a-f]{6}$/);
    }
  });
});
