/**
 * The control-plane Worker's entry: `/api/*`, `/ws/*`, `/auth/*` and `/telegram/*` go to the hono app;
 * everything else goes to the SvelteKit worker that `npm run build -w web` writes (static files are served by the
 * `[assets]` binding before this Worker runs).
 */
import sveltekit from '@vibecode/web/worker';
import { createApp } from './app.ts';

export { GatewayHub } from './hub/gateway-hub.ts';

const app = createApp();
const apiPrefixes = ['/api/', '/ws/', '/auth/', '/telegram/'];

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (apiPrefixes.some((prefix) => pathname.startsWith(prefix))) return app.fetch(request, env, ctx);
    return sveltekit.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
