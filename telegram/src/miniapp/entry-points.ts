/**
 * Where the Mini App opens from in the chat: an "Open terminal" `web_app` button on each session's screen message
 * (its topic's, or the pinned one where topics fail), opening `<PUBLIC_URL>/miniapp?session=<id>`; and the chat's
 * menu button, opening the picker at `<PUBLIC_URL>/miniapp`, set while the chat is linked (`setChatMenuButton`).
 * Telegram opens a `web_app` URL only over https (the Bot API stand-in takes http on loopback hosts too); without a
 * public app URL there are no Mini App buttons, which is said once per isolate in the log, not as an error.
 */
import type { Logger } from '@vibecode/core/ports';
import { type Api, GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup, MenuButton } from 'grammy/types';

const OPEN_TERMINAL_TEXT = 'Open terminal';
const MENU_BUTTON_TEXT = 'Terminal';

function miniAppUrl(appUrl: string, sessionId?: string): string {
  const page = `${appUrl}/miniapp`;
  return sessionId === undefined ? page : `${page}?session=${encodeURIComponent(sessionId)}`;
}

let toldNoAppUrl = false;

/** The app URL to build Mini App buttons on; null (logged once) without one. */
export function miniAppBase(appUrl: string | null, log: Logger): string | null {
  if (appUrl === null && !toldNoAppUrl) {
    toldNoAppUrl = true;
    log.info('no PUBLIC_URL: Telegram messages carry no Mini App buttons');
  }
  return appUrl;
}

/** The screen message's keyboard: the session's "Open terminal" button, or none without an app URL. */
export function openTerminalMarkup(appUrl: string | null, sessionId: string): InlineKeyboardMarkup | undefined {
  if (appUrl === null) return undefined;
  return { inline_keyboard: [[{ text: OPEN_TERMINAL_TEXT, web_app: { url: miniAppUrl(appUrl, sessionId) } }]] };
}

/** A linked chat's menu button opens the picker; an unlinked chat (or one without an app URL) gets Telegram's own. */
function chatMenuButton(appUrl: string | null): MenuButton {
  if (appUrl === null) return { type: 'default' };
  return { type: 'web_app', text: MENU_BUTTON_TEXT, web_app: { url: miniAppUrl(appUrl) } };
}

/**
 * Sets the chat's menu button (`chatMenuButton`). Best effort: the chat works without it (/sessions, the screen
 * messages' buttons), so a Bot API failure is logged and never fails what linked or unlinked the chat.
 */
export async function setMenuButton(api: Api, chatId: number, appUrl: string | null, log: Logger): Promise<void> {
  try {
    await api.setChatMenuButton({ chat_id: chatId, menu_button: chatMenuButton(appUrl) });
  } catch (error) {
    if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
    log.warn('telegram menu button not set', { chat_id: chatId, error: String(error) });
  }
}
