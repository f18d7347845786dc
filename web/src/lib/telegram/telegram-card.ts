/**
 * What the dashboard's Telegram card shows, from the link API's answers. Nothing at all where this VibeCode has no
 * bot (`GET /api/telegram` says `configured: false`; a later call answers 503 `telegram.not_configured` if the bot
 * was removed meanwhile) or its control plane has no Telegram routes (404 `http.not_found`): there is nothing to
 * offer. While a link code waits to be used in Telegram the card polls `GET /api/telegram`; it stops
 * when the account is linked, when the user cancels, or when the code's 10 minutes are over, so the poll is bounded.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { ApiError } from '../api/api-error.ts';

type TelegramStatus = ApiResponse<'GET /api/telegram'>;
type TelegramLink = ApiResponse<'POST /api/telegram/link'>;

/** How often the card asks whether the code was used: the bot answers `/start` within a second or two. */
export const LINK_POLL_MS = 2000;

export type TelegramCard =
  /** Before the first answer: nothing shown, so a VibeCode without a bot never flashes the card. */
  | { kind: 'loading' }
  | { kind: 'hidden' }
  /** The first read failed for another reason: the card says so and offers to try again. */
  | { kind: 'unavailable' }
  /** `expired`: the last code ran out unused, which the card says above its Connect button. */
  | { kind: 'unlinked'; expired: boolean }
  /**
   * `url`: the t.me link, null unless it is https (it becomes a link's href: deny anything else by default);
   * `bot`: the bot's name read from it, for the manual `/start <code>` fallback.
   */
  | { kind: 'waiting'; code: string; url: string | null; expiresAt: string; bot: string | null }
  /** `username` is null for a Telegram account without one. */
  | { kind: 'linked'; username: string | null };

export const loadingCard: TelegramCard = { kind: 'loading' };

/** The errors that mean "no Telegram here" rather than "something failed". */
export function hidesCard(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    ((error.status === 503 && error.code === 'telegram.not_configured') ||
      (error.status === 404 && error.code === 'http.not_found'))
  );
}

/** A waiting card whose code is past its expiry goes back to Connect, saying the code expired. */
function expire(card: TelegramCard, now: number): TelegramCard {
  if (card.kind === 'waiting' && !(Date.parse(card.expiresAt) > now)) return { kind: 'unlinked', expired: true };
  return card;
}

/** After `GET /api/telegram` or `DELETE /api/telegram/link` (which says only `linked`) answered. */
export function cardFromStatus(
  card: TelegramCard,
  status: Pick<TelegramStatus, 'linked' | 'username'> & Partial<Pick<TelegramStatus, 'configured'>>,
  now: number,
): TelegramCard {
  if (status.configured === false) return { kind: 'hidden' };
  if (status.linked) return { kind: 'linked', username: status.username ?? null };
  if (card.kind === 'waiting') return expire(card, now);
  return { kind: 'unlinked', expired: false };
}

/** After `POST /api/telegram/link` answered with a fresh code. */
export function cardFromLink(link: TelegramLink): TelegramCard {
  const url = httpsUrl(link.url);
  return { kind: 'waiting', code: link.code, url: url?.href ?? null, expiresAt: link.expires_at, bot: botName(url) };
}

function httpsUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** `https://t.me/vibecode_bot?start=…` → `vibecode_bot`; null for any other address. */
function botName(url: URL | null): string | null {
  const name = url?.hostname === 't.me' ? /^\/([A-Za-z][A-Za-z0-9_]{3,31})$/.exec(url.pathname)?.[1] : undefined;
  return name ?? null;
}

/**
 * After a call failed. "No Telegram here" hides the card whatever it showed; a failed first read leaves nothing to
 * show but the failure; otherwise the card keeps what it showed (the page shows the error beside it).
 */
export function cardFromError(card: TelegramCard, error: unknown, now: number): TelegramCard {
  if (hidesCard(error)) return { kind: 'hidden' };
  if (card.kind === 'loading') return { kind: 'unavailable' };
  return expire(card, now);
}

/** "Connected as @name", or without a name when the Telegram account has none. */
export function connectedText(username: string | null): string {
  return username ? `Connected as @${username}.` : 'Connected to your Telegram account.';
}
