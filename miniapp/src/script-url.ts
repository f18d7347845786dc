/**
 * Where the page loads Telegram's `telegram-web-app.js` from: the Worker var `TELEGRAM_WEBAPP_SCRIPT_URL`, Telegram's
 * own URL when unset or empty. Locally `npm start` and the test stacks point it at the Telegram stand-in
 * (`http://127.0.0.1:<port>/js/telegram-web-app.js`), so http is accepted only with `APP_ENV=local` and only for a
 * loopback host; everywhere else it must be https. The CSP of `/miniapp` allows scripts from exactly this origin.
 */

export const DEFAULT_WEBAPP_SCRIPT_URL = 'https://telegram.org/js/telegram-web-app.js';

/** The Worker vars read here (the rest of the env is not this package's business). */
export interface MiniAppEnv {
  TELEGRAM_WEBAPP_SCRIPT_URL?: unknown;
  APP_ENV?: unknown;
}

export type WebAppScript = { ok: true; url: string; origin: string } | { ok: false; problem: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocal(env: MiniAppEnv | undefined): boolean {
  return env?.APP_ENV === 'local';
}

export function webAppScript(env: MiniAppEnv | undefined): WebAppScript {
  const raw = env?.TELEGRAM_WEBAPP_SCRIPT_URL;
  if (raw !== undefined && typeof raw !== 'string')
    return { ok: false, problem: 'TELEGRAM_WEBAPP_SCRIPT_URL must be a string' };
  const value = raw === undefined || raw.trim() === '' ? DEFAULT_WEBAPP_SCRIPT_URL : raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'TELEGRAM_WEBAPP_SCRIPT_URL must be a URL' };
  }
  if (url.username || url.password)
    return { ok: false, problem: 'TELEGRAM_WEBAPP_SCRIPT_URL must not carry credentials' };
  const localHttp = isLocal(env) && url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !localHttp) {
    return {
      ok: false,
      problem: isLocal(env)
        ? 'TELEGRAM_WEBAPP_SCRIPT_URL must be https, or http on a loopback host'
        : 'TELEGRAM_WEBAPP_SCRIPT_URL must be https',
    };
  }
  return { ok: true, url: url.href, origin: url.origin };
}
