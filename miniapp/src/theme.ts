/**
 * Telegram's theme (`WebApp.themeParams`, `colorScheme`) as the page's colours: the CSS variables the web app's
 * styles read (app.css: `--bg`, `--text`…; the terminal's chrome: `--vt-*`) and the xterm.js theme. A key Telegram
 * did not send, or a value that is not a hex colour, takes the fallback of the scheme (the web app's own colours),
 * so nothing the client sends reaches CSS or xterm unchecked.
 */
import type { ColorScheme, ThemeKey } from './webapp.ts';

/** The xterm.js `ITheme` fields the Mini App sets (a structural subset, so this package needs no xterm). */
export interface TerminalTheme {
  background: string;
  foreground: string;
  cursor: string;
  cursorAccent: string;
  selectionBackground: string;
}

export interface PageTheme {
  colorScheme: ColorScheme;
  /** CSS custom properties for the document's root element, names with their leading `--`. */
  vars: Record<string, string>;
  terminal: TerminalTheme;
}

type Slot =
  | 'bg'
  | 'surface'
  | 'text'
  | 'muted'
  | 'border'
  | 'accent'
  | 'accent-text'
  | 'accent-strong'
  | 'danger'
  | 'vt-bg'
  | 'vt-fg'
  | 'vt-bar-bg'
  | 'vt-key-bg'
  | 'vt-key-border'
  | 'vt-cursor';

/** The web app's colours per scheme: light is app.css's, dark is the terminal's. */
const FALLBACK: Record<ColorScheme, Record<Slot, string>> = {
  light: {
    bg: '#f8fafc',
    surface: '#ffffff',
    text: '#0f172a',
    muted: '#475569',
    border: '#e2e8f0',
    accent: '#047857',
    'accent-text': '#ffffff',
    'accent-strong': '#065f46',
    danger: '#b91c1c',
    'vt-bg': '#ffffff',
    'vt-fg': '#0f172a',
    'vt-bar-bg': '#f1f5f9',
    'vt-key-bg': '#e2e8f0',
    'vt-key-border': '#cbd5e1',
    'vt-cursor': '#047857',
  },
  dark: {
    bg: '#0b1020',
    surface: '#111827',
    text: '#e5e7eb',
    muted: '#9ca3af',
    border: '#374151',
    accent: '#047857',
    'accent-text': '#ffffff',
    'accent-strong': '#6ee7b7',
    danger: '#f87171',
    'vt-bg': '#0b1020',
    'vt-fg': '#e5e7eb',
    'vt-bar-bg': '#111827',
    'vt-key-bg': '#1f2937',
    'vt-key-border': '#4b5563',
    'vt-cursor': '#34d399',
  },
};

/** Where each slot reads Telegram's theme, first key present wins. */
const SOURCES: Record<Slot, readonly ThemeKey[]> = {
  bg: ['bg_color'],
  surface: ['section_bg_color', 'secondary_bg_color'],
  text: ['text_color'],
  muted: ['hint_color', 'subtitle_text_color'],
  border: ['section_separator_color'],
  accent: ['button_color'],
  'accent-text': ['button_text_color'],
  'accent-strong': ['link_color', 'accent_text_color'],
  danger: ['destructive_text_color'],
  'vt-bg': ['bg_color'],
  'vt-fg': ['text_color'],
  'vt-bar-bg': ['secondary_bg_color', 'header_bg_color'],
  'vt-key-bg': ['section_bg_color', 'secondary_bg_color'],
  'vt-key-border': ['section_separator_color', 'hint_color'],
  'vt-cursor': ['button_color'],
};

/** The terminal's selection highlight without a hint colour from Telegram. */
const SELECTION_FALLBACK: Record<ColorScheme, string> = { light: '#cbd5e1', dark: '#334155' };

/** `#rgb` or `#rrggbb` (any case) as lowercase `#rrggbb`; anything else null. */
export function hexColor(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(value.trim());
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  const long = /^#[0-9a-f]{6}$/i.exec(value.trim());
  return long ? long[0].toLowerCase() : null;
}

/** The colour scheme Telegram names; Telegram's own default (light) for anything else. */
export function colorSchemeOf(value: unknown): ColorScheme {
  return value === 'dark' ? 'dark' : 'light';
}

/** A selection highlight from Telegram's hint colour: the colour at 40 % opacity (`#rrggbbaa`, which xterm reads). */
function selectionOf(params: Record<string, unknown>): string | null {
  const hint = hexColor(params.hint_color);
  return hint ? `${hint}66` : null;
}

export function pageTheme(themeParams: unknown, colorScheme: unknown): PageTheme {
  const scheme = colorSchemeOf(colorScheme);
  const params =
    typeof themeParams === 'object' && themeParams !== null ? (themeParams as Record<string, unknown>) : {};
  const slot = (name: Slot): string => {
    for (const key of SOURCES[name]) {
      const color = hexColor(params[key]);
      if (color) return color;
    }
    return FALLBACK[scheme][name];
  };
  const vars: Record<string, string> = {};
  for (const name of Object.keys(SOURCES) as Slot[]) {
    // The cursor colour is the terminal's alone: xterm draws it, no style reads it.
    if (name !== 'vt-cursor') vars[`--${name}`] = slot(name);
  }
  return {
    colorScheme: scheme,
    vars,
    terminal: {
      background: slot('vt-bg'),
      foreground: slot('vt-fg'),
      cursor: slot('vt-cursor'),
      cursorAccent: slot('vt-bg'),
      selectionBackground: selectionOf(params) ?? SELECTION_FALLBACK[scheme],
    },
  };
}
