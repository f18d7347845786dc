/** Message text and reply markup as Telegram reads them from a request, with Telegram's errors. */
import type { Chat, InlineKeyboardMarkup, MessageEntity } from 'grammy/types';
import { badRequest } from './errors.ts';
import { parseHtml } from './html.ts';
import type { Params } from './params.ts';
import { webAppUrlProblem } from './webapp/web-app-url.ts';

/** Telegram's limit on a text message, counted after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
/** `callback_data` is limited to 64 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

export interface FormattedText {
  text: string;
  entities?: MessageEntity[];
}

/** A message's caption is limited to 1024 characters. */
export const MAX_CAPTION_LENGTH = 1024;

function parse(raw: string, mode: string, entities: ReturnType<Params['json']>): FormattedText {
  if (mode === 'html') return parseHtml(raw);
  if (mode !== '' && mode !== 'markdown' && mode !== 'markdownv2') throw badRequest('unsupported parse_mode');
  const formatted: FormattedText = { text: raw };
  if (mode !== '' || entities === undefined) return formatted;
  if (entities === 'failed' || !Array.isArray(entities.value)) throw badRequest("can't parse entities JSON object");
  formatted.entities = entities.value as MessageEntity[];
  return formatted;
}

/**
 * `text` + `parse_mode` (or explicit `entities`). HTML is parsed into entities; Markdown and MarkdownV2 are accepted
 * but their text is kept as sent, without entities (not modelled here).
 */
export function readText(p: Params): FormattedText {
  const raw = p.str('text');
  if (raw.trim() === '') throw badRequest('message text is empty');
  const formatted = parse(raw, p.str('parse_mode').trim().toLowerCase(), p.json('entities'));
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (formatted.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  if (formatted.entities?.length === 0) delete formatted.entities;
  return formatted;
}

/** `caption` + `parse_mode` (or `caption_entities`) of a media message; no caption is fine. */
export function readCaption(p: Params): { caption?: string; caption_entities?: MessageEntity[] } {
  const raw = p.str('caption');
  if (raw.trim() === '') return {};
  const formatted = parse(raw, p.str('parse_mode').trim().toLowerCase(), p.json('caption_entities'));
  if (formatted.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return {
    caption: formatted.text,
    ...(formatted.entities?.length ? { caption_entities: formatted.entities } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `reply_markup`. Only inline keyboards are echoed back on the sent message (as Telegram does); reply keyboards,
 * `remove_keyboard` and `force_reply` are accepted and not shown.
 */
export function readReplyMarkup(p: Params): InlineKeyboardMarkup | undefined {
  const parsed = p.json('reply_markup');
  if (parsed === undefined) return undefined;
  if (parsed === 'failed' || !isObject(parsed.value)) throw badRequest("can't parse reply keyboard markup JSON object");
  const markup = parsed.value;
  if (!('inline_keyboard' in markup)) return undefined;
  const rows = markup.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every((row) => Array.isArray(row))) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const button of rows.flat()) {
    if (!isObject(button) || typeof button.text !== 'string') {
      throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
    }
    if (typeof button.callback_data === 'string' && Buffer.byteLength(button.callback_data) > MAX_CALLBACK_DATA_BYTES) {
      throw badRequest('BUTTON_DATA_INVALID');
    }
    if ('web_app' in button) readWebApp(button.web_app);
  }
  return rows.length > 0 ? { inline_keyboard: rows as InlineKeyboardMarkup['inline_keyboard'] } : undefined;
}

/** A `web_app` button's WebAppInfo: an object with an https URL (http on a loopback host, see web-app-url.ts). */
function readWebApp(webApp: unknown): void {
  if (!isObject(webApp) || typeof webApp.url !== 'string') {
    throw badRequest('can\'t parse inline keyboard button: Field "url" must be of type String');
  }
  const problem = webAppUrlProblem(webApp.url);
  if (problem) throw badRequest(`inline keyboard button Web App URL '${webApp.url}' is invalid: ${problem}`);
}

/** Telegram shows `web_app` inline buttons only in private chats; elsewhere the send fails with BUTTON_TYPE_INVALID. */
export function checkButtonsFor(chat: Chat, markup: InlineKeyboardMarkup | undefined): void {
  const hasWebApp = markup?.inline_keyboard.some((row) => row.some((button) => 'web_app' in button)) ?? false;
  if (hasWebApp && chat.type !== 'private') throw badRequest('BUTTON_TYPE_INVALID');
}
