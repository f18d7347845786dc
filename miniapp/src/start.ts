/**
 * What the Mini App tells Telegram once its script has loaded: it is ready (Telegram drops its placeholder), it wants
 * the full height (a terminal in a half-open sheet shows a few rows), and vertical swipes are the page's (Bot API
 * 7.7+: a swipe down to scroll the terminal's history would otherwise minimize or close the Mini App).
 */
import type { TelegramWebApp } from './webapp.ts';

export function startWebApp(
  app: Pick<TelegramWebApp, 'ready' | 'expand' | 'isVersionAtLeast' | 'disableVerticalSwipes'>,
): void {
  app.ready();
  app.expand();
  if (app.isVersionAtLeast('7.7') && typeof app.disableVerticalSwipes === 'function') app.disableVerticalSwipes();
}
