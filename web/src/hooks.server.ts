/**
 * The Telegram Mini App's page (`/miniapp`) has its own Content-Security-Policy: the one every page gets from
 * svelte.config.js, with `frame-ancestors` opened to Telegram's web client and `script-src` to the origin of
 * Telegram's script (`@vibecode/miniapp`'s `miniAppPolicy`). Every other response passes through untouched.
 */
import type { Handle } from '@sveltejs/kit';
import { isLocal, miniAppPolicy, webAppScript } from '@vibecode/miniapp';

const MINIAPP_PATH = '/miniapp';

export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  if (event.url.pathname !== MINIAPP_PATH) return response;
  const policy = response.headers.get('content-security-policy');
  if (policy === null) return response;
  const env = event.platform?.env;
  const script = webAppScript(env);
  response.headers.set(
    'content-security-policy',
    miniAppPolicy(policy, { scriptOrigin: script.ok ? script.origin : null, local: isLocal(env) }),
  );
  return response;
};
