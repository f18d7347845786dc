/**
 * The control-plane Worker's entry: `/api/*`, `/ws/*`, `/auth/*` and `/telegram/*` go to the hono app;
 * the web app will serve everything else from this same origin.
 */
import { createApp } from './app.ts';
import { ApiError } from './http/api-error.ts';

const app = createApp();
const apiPrefixes = ['/api/', '/ws/', '/auth/', '/telegram/'];

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (apiPrefixes.some((prefix) => pathname.startsWith(prefix))) return app.fetch(request, env, ctx);
    return new ApiError(404, 'http.not_found', `no route for ${request.method} ${pathname}`).toResponse();
  },
} satisfies ExportedHandler<Env>;
