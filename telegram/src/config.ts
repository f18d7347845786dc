/**
 * The bot's settings, read from the Worker's env once per env object and validated as a whole (names, never values,
 * in problems). Secrets `TELEGRAM_BOT_TOKEN`, `TELEGRAM_WEBHOOK_SECRET`; vars `TELEGRAM_BOT_USERNAME`,
 * `TELEGRAM_API_ROOT`, `MINIAPP_AUTH_MAX_AGE_S`. Without the token or the secret the bot is not configured (its routes answer 503): a webhook
 * without a secret would take updates from anyone, so it never runs.
 */

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

export type TelegramConfig = {
  token: string;
  /** What Telegram sends in `X-Telegram-Bot-Api-Secret-Token` (setWebhook's `secret_token`). */
  webhookSecret: string;
  /** The bot's @username without the @, for t.me links; null to ask getMe. */
  botUsername: string | null;
  /** Bot API root without a trailing slash (grammY's `client.apiRoot`). */
  apiRoot: string;
  /** How old a Mini App's initData (`auth_date`) may be when it signs in (`MINIAPP_AUTH_MAX_AGE_S`). */
  miniAppAuthMaxAgeSeconds: number;
};

export type TelegramSettings =
  | { status: 'ready'; config: TelegramConfig }
  | { status: 'not_configured' }
  | { status: 'invalid'; problems: string[] };

/** A bot token goes into the API's URL path (`/bot<token>/<method>`): it must not carry `/`, `?`, `%`… */
const TOKEN = /^[A-Za-z0-9:_-]{1,256}$/;
/** setWebhook's `secret_token`: 1-256 of these characters. */
const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
const USERNAME = /^[A-Za-z0-9_]{5,32}$/;

const text = (raw: Record<string, unknown>, name: string): string | undefined => {
  const value = raw[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** http only for a local Worker (the Bot API stand-in on 127.0.0.1): elsewhere the token would travel in the clear. */
function apiRootOf(value: string | undefined, local: boolean, problems: string[]): string {
  if (value === undefined) return DEFAULT_API_ROOT;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('TELEGRAM_API_ROOT must be a URL');
    return DEFAULT_API_ROOT;
  }
  const allowed = url.protocol === 'https:' || (local && url.protocol === 'http:');
  if (!allowed) problems.push(local ? 'TELEGRAM_API_ROOT must be http(s)' : 'TELEGRAM_API_ROOT must be https');
  if (url.search !== '' || url.hash !== '') problems.push('TELEGRAM_API_ROOT must have no query or fragment');
  return value.replace(/\/+$/, '');
}

const MINIAPP_AUTH_MAX_AGE_DEFAULT_S = 3600;
/** A minute covers a slow launch; past a day, initData copied from a log or a screen share would still open a session. */
const MINIAPP_AUTH_MAX_AGE_RANGE_S = { min: 60, max: 86_400 } as const;

function miniAppMaxAgeOf(value: string | undefined, problems: string[]): number {
  if (value === undefined) return MINIAPP_AUTH_MAX_AGE_DEFAULT_S;
  const { min, max } = MINIAPP_AUTH_MAX_AGE_RANGE_S;
  const seconds = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (seconds >= min && seconds <= max) return seconds;
  problems.push(`MINIAPP_AUTH_MAX_AGE_S must be a whole number of seconds from ${min} to ${max}`);
  return MINIAPP_AUTH_MAX_AGE_DEFAULT_S;
}

export function parseTelegramConfig(raw: Record<string, unknown>): TelegramSettings {
  const token = text(raw, 'TELEGRAM_BOT_TOKEN');
  const webhookSecret = text(raw, 'TELEGRAM_WEBHOOK_SECRET');
  if (token === undefined || webhookSecret === undefined) return { status: 'not_configured' };

  const problems: string[] = [];
  if (!TOKEN.test(token)) problems.push('TELEGRAM_BOT_TOKEN is malformed');
  if (!SECRET.test(webhookSecret)) problems.push('TELEGRAM_WEBHOOK_SECRET must be 1-256 of A-Z a-z 0-9 _ -');
  const username = text(raw, 'TELEGRAM_BOT_USERNAME')?.replace(/^@/, '');
  if (username !== undefined && !USERNAME.test(username)) {
    problems.push('TELEGRAM_BOT_USERNAME must be 5-32 of A-Z a-z 0-9 _');
  }
  const apiRoot = apiRootOf(text(raw, 'TELEGRAM_API_ROOT'), text(raw, 'APP_ENV') === 'local', problems);
  const miniAppAuthMaxAgeSeconds = miniAppMaxAgeOf(text(raw, 'MINIAPP_AUTH_MAX_AGE_S'), problems);
  if (problems.length > 0) return { status: 'invalid', problems };
  return {
    status: 'ready',
    config: { token, webhookSecret, botUsername: username ?? null, apiRoot, miniAppAuthMaxAgeSeconds },
  };
}

const parsed = new WeakMap<object, TelegramSettings>();

/** `parseTelegramConfig`, once per env object (the Worker's env is the same object for the isolate's life). */
export function telegramSettings(env: object): TelegramSettings {
  let settings = parsed.get(env);
  if (!settings) {
    settings = parseTelegramConfig(env as Record<string, unknown>);
    parsed.set(env, settings);
  }
  return settings;
}
