/**
 * The Content-Security-Policy of `/miniapp`: the web app's policy (web/svelte.config.js, SvelteKit's header with
 * its nonce) with two directives changed and nothing else. `frame-ancestors` lets Telegram's web client frame the
 * page (instead of 'none'; a local Worker also lets the stand-in's chat page on loopback frame it), and
 * `script-src` also allows the origin of `telegram-web-app.js`. Telegram's apps open Mini Apps in their own
 * webviews, not frames, so web.telegram.org is the only ancestor in production.
 */

export const TELEGRAM_WEB_ORIGIN = 'https://web.telegram.org';
export const LOCAL_ANCESTORS = ['http://127.0.0.1:*', 'http://localhost:*'] as const;

export interface MiniAppPolicyOptions {
  /** The origin of Telegram's script; null when its URL is misconfigured (the page then shows an error only). */
  scriptOrigin: string | null;
  local: boolean;
}

type Directive = [name: string, values: string[]];

function parse(policy: string): Directive[] {
  return policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .filter(([name]) => name !== undefined && name !== '')
    .map(([name, ...values]) => [(name as string).toLowerCase(), values]);
}

function set(directives: Directive[], name: string, values: string[]): void {
  const found = directives.find(([existing]) => existing === name);
  if (found) found[1] = values;
  else directives.push([name, values]);
}

export function miniAppPolicy(policy: string, options: MiniAppPolicyOptions): string {
  const directives = parse(policy);
  set(directives, 'frame-ancestors', [TELEGRAM_WEB_ORIGIN, ...(options.local ? LOCAL_ANCESTORS : [])]);
  if (options.scriptOrigin !== null) {
    // Without its own script-src the page's scripts follow default-src: keep those and add the one origin.
    const scripts = directives.find(([name]) => name === 'script-src')?.[1] ??
      directives.find(([name]) => name === 'default-src')?.[1] ?? ["'self'"];
    if (!scripts.includes(options.scriptOrigin)) set(directives, 'script-src', [...scripts, options.scriptOrigin]);
  }
  return directives.map(([name, values]) => [name, ...values].join(' ')).join('; ');
}
