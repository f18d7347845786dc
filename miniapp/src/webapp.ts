/**
 * The part of Telegram's `window.Telegram.WebApp` (core.telegram.org/bots/webapps) the Mini App uses, typed as
 * Telegram documents it. The object comes from a script we do not control (telegram-web-app.js, or the local
 * stand-in's copy), so `webAppOf` checks what it reads before the page relies on it, and the values it carries
 * (colours, sizes) are checked again where they are used (theme.ts, viewport.ts).
 */

export type ColorScheme = 'light' | 'dark';

/** Telegram's theme keys (Bot API 7.x/8.x); each is optional and arrives as `#rrggbb`. */
export type ThemeKey =
  | 'bg_color'
  | 'text_color'
  | 'hint_color'
  | 'link_color'
  | 'button_color'
  | 'button_text_color'
  | 'secondary_bg_color'
  | 'header_bg_color'
  | 'bottom_bar_bg_color'
  | 'accent_text_color'
  | 'section_bg_color'
  | 'section_header_text_color'
  | 'section_separator_color'
  | 'subtitle_text_color'
  | 'destructive_text_color';

export type ThemeParams = Partial<Record<ThemeKey, string>>;

export interface SafeAreaInset {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The events the Mini App listens to (`WebApp.onEvent`). */
export type WebAppEvent =
  | 'themeChanged'
  | 'viewportChanged'
  | 'safeAreaChanged'
  | 'contentSafeAreaChanged'
  | 'backButtonClicked'
  | 'mainButtonClicked';

/** The back button in the Mini App's header (Bot API 6.1+). */
export interface BackButton {
  readonly isVisible: boolean;
  show(): BackButton;
  hide(): BackButton;
  onClick(callback: () => void): BackButton;
  offClick(callback: () => void): BackButton;
}

/** The button at the bottom of the Mini App. */
export interface MainButton {
  readonly text: string;
  readonly isVisible: boolean;
  readonly isActive: boolean;
  setText(text: string): MainButton;
  show(): MainButton;
  hide(): MainButton;
  enable(): MainButton;
  disable(): MainButton;
  onClick(callback: () => void): MainButton;
  offClick(callback: () => void): MainButton;
}

/** Bot API 6.1+. */
export interface HapticFeedback {
  impactOccurred(style: 'light' | 'medium' | 'heavy' | 'rigid' | 'soft'): HapticFeedback;
  notificationOccurred(type: 'error' | 'success' | 'warning'): HapticFeedback;
  selectionChanged(): HapticFeedback;
}

export interface TelegramWebApp {
  /** The raw launch data (a query string), what `POST /api/miniapp/auth` validates. Empty outside Telegram. */
  readonly initData: string;
  readonly initDataUnsafe: Record<string, unknown>;
  readonly version: string;
  readonly platform: string;
  readonly colorScheme: ColorScheme;
  readonly themeParams: ThemeParams;
  readonly viewportHeight: number;
  readonly viewportStableHeight: number;
  readonly isExpanded: boolean;
  /** Bot API 8.0+: undefined on older clients. */
  readonly safeAreaInset?: SafeAreaInset;
  readonly contentSafeAreaInset?: SafeAreaInset;
  readonly BackButton: BackButton;
  readonly MainButton: MainButton;
  readonly HapticFeedback: HapticFeedback;
  ready(): void;
  expand(): void;
  close(): void;
  /** Bot API 7.7+: swipes then scroll the page instead of minimizing or closing the Mini App. */
  disableVerticalSwipes?(): void;
  isVersionAtLeast(version: string): boolean;
  onEvent(event: WebAppEvent, callback: () => void): void;
  offEvent(event: WebAppEvent, callback: () => void): void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const METHODS = ['ready', 'expand', 'close', 'isVersionAtLeast', 'onEvent', 'offEvent'] as const;
const BUTTONS = ['BackButton', 'MainButton', 'HapticFeedback'] as const;

/**
 * `scope.Telegram.WebApp` when it looks like Telegram's object (its launch data a string, its methods and buttons
 * there), else null: the script did not load, or something else took the name.
 */
export function webAppOf(scope: unknown): TelegramWebApp | null {
  if (!isObject(scope) || !isObject(scope.Telegram)) return null;
  const app = scope.Telegram.WebApp;
  if (!isObject(app) || typeof app.initData !== 'string') return null;
  if (!METHODS.every((name) => typeof app[name] === 'function')) return null;
  if (!BUTTONS.every((name) => isObject(app[name]))) return null;
  return app as unknown as TelegramWebApp;
}
