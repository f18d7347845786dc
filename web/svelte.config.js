/**
 * SvelteKit on Cloudflare. The adapter writes `build/worker.js` + `build/client/` as named in its own build-only
 * config (`wrangler.adapter.toml`); the deployed Worker is the root `wrangler.toml`, whose entry
 * (`worker/src/index.ts`) imports that worker for every path that is not an API path.
 */
import adapter from '@sveltejs/adapter-cloudflare';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter({ config: 'wrangler.adapter.toml' }),
  },
};
