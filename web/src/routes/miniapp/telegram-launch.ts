/**
 * The Mini App's start in the browser, once per page load: Telegram's script (loaded from the URL the server names,
 * which the page's CSP allows), Telegram told the page is ready (`startWebApp`), then the launch data traded for the
 * session cookie. Page loads that run again (`invalidate`) reuse the same start.
 */
import {
  authenticate,
  type LaunchFailure,
  launchFailure,
  startWebApp,
  type TelegramWebApp,
  webAppOf,
} from '@vibecode/miniapp';

export type Launch =
  | { ok: true; app: TelegramWebApp }
  | { ok: false; app: TelegramWebApp | null; failure: LaunchFailure };

let started: Promise<Launch> | undefined;

/** Resolves once the script ran (true) or could not load (false). */
function loadScript(src: string): Promise<boolean> {
  return new Promise((resolve) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve(true);
    script.onerror = () => resolve(false);
    document.head.append(script);
  });
}

async function start(scriptUrl: string): Promise<Launch> {
  const loaded = webAppOf(window) !== null || (await loadScript(scriptUrl));
  const app = loaded ? webAppOf(window) : null;
  if (!app) return { ok: false, app: null, failure: launchFailure('no_telegram') };
  startWebApp(app);
  const auth = await authenticate(app.initData, (path, init) => fetch(path, init));
  return auth.ok ? { ok: true, app } : { ok: false, app, failure: auth.failure };
}

export function launch(scriptUrl: string): Promise<Launch> {
  started ??= start(scriptUrl);
  return started;
}
