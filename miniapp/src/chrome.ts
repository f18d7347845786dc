/**
 * Telegram's own controls for each view of the Mini App: the picker offers "New session" as the MainButton and no
 * way back; a session or the new-session form shows the BackButton (to the picker) and no MainButton. Clients
 * before Bot API 6.1 have no BackButton: the session's menu keeps a link back to the picker for them.
 */
import type { TelegramWebApp } from './webapp.ts';

export type MiniAppView = 'picker' | 'session' | 'new';

export const NEW_SESSION_TEXT = 'New session';

export function showChrome(
  app: Pick<TelegramWebApp, 'isVersionAtLeast' | 'BackButton' | 'MainButton'>,
  view: MiniAppView,
): void {
  if (view === 'picker') {
    app.MainButton.setText(NEW_SESSION_TEXT).enable().show();
  } else {
    app.MainButton.hide();
  }
  if (!app.isVersionAtLeast('6.1')) return;
  if (view === 'picker') app.BackButton.hide();
  else app.BackButton.show();
}
