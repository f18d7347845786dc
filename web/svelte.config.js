/**
 * SvelteKit on Cloudflare. The adapter writes `build/worker.js` + `build/client/` as named in its own build-only
 * config (`wrangler.adapter.toml`); the deployed Worker is the root `wrangler.toml`, whose entry
 * (`worker/src/index.ts`) imports that worker for every path that is not an API path.
 */
import adapter from '@sveltejs/adapter-cloudflare';

// A build with the Terminal's test hook (VITE_TERMINAL_TEST_HOOK=1, the e2e suite's) goes to build/e2e/, its server
// output included, so it can never replace build/, which `npm start` and every deploy serve.
const testBuild = process.env.VITE_TERMINAL_TEST_HOOK === '1';

/**
 * The Content-Security-Policy of every page. `mode: 'auto'`: SvelteKit puts a fresh nonce on its own inline start
 * script of each rendered page (every page here is rendered by the Worker, so the policy goes out as an HTTP header,
 * `frame-ancestors` included). A prerendered page would get hashes in a `<meta>`, which cannot carry
 * `frame-ancestors`, and would be served by `[assets]` without the Worker: it would need a `_headers` rule for that
 * directive. No other inline script runs. `/auth/verify` is served by core's hono app with a policy of its own.
 * The Telegram Mini App's page (`/miniapp`) gets this policy with two directives changed by src/hooks.server.ts:
 * `frame-ancestors` names Telegram's web client (plus loopback on a local Worker) instead of 'none', and `script-src`
 * adds the origin of Telegram's script (`TELEGRAM_WEBAPP_SCRIPT_URL`).
 *
 * @type {import('@sveltejs/kit').CspDirectives}
 */
const directives = {
  'default-src': ['self'],
  'script-src': ['self'],
  // xterm.js writes its theme colours and cell sizes into `<style>` elements it creates at run time (DOM renderer,
  // no nonce option in 6.0), and app.html has a `style` attribute: inline styles must be allowed. A nonce here
  // would switch 'unsafe-inline' off, so SvelteKit adds none. Styles cannot run code, and with images and fonts
  // held to 'self' injected CSS cannot send what it reads to another origin.
  'style-src': ['self', 'unsafe-inline'],
  // 'self' also covers ws: and wss: to this origin (CSP 3), which the terminal's WebSocket needs.
  'connect-src': ['self'],
  'img-src': ['self'],
  'object-src': ['none'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
};

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    outDir: testBuild ? 'build/e2e/.svelte-kit' : '.svelte-kit',
    adapter: adapter({ config: testBuild ? 'wrangler.adapter.e2e.toml' : 'wrangler.adapter.toml' }),
    csp: { mode: 'auto', directives },
    // Registered by the page once its person allows notifications (src/lib/push/service-worker.ts), not on every load.
    serviceWorker: { register: false },
  },
};
