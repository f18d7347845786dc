/**
 * The control-plane Worker (wrangler.toml `main`), the composition root: the only module that knows every part.
 * `/api/*`, `/ws/*`, `/auth/*` and `/telegram/*` go to core's hono app; everything else goes to the SvelteKit worker
 * that `npm run build -w web` writes (static files are served by the `[assets]` binding before this Worker runs).
 * It exports the Durable Object classes wrangler.toml binds: GatewayHub and RateLimiter.
 *
 * It plugs the notification channels into core (dependency injection): the GatewayHub's provisioning-timeout alarm
 * and the cron's lifecycle sweep (idle, offline) notify through `@vibecode/channels`, given core's ports.
 */
import { channelRegistry, webEmailChannel } from '@vibecode/channels';
import { GatewayHub as CoreGatewayHub, channelPorts, createApp, createLogger, runCron } from '@vibecode/core';
import type { Logger, Notifier } from '@vibecode/core/ports';
import sveltekit from '@vibecode/web/worker';

// Durable Objects core exports as they are.
export { RateLimiter } from '@vibecode/core';

const app = createApp();
const apiPrefixes = ['/api/', '/ws/', '/auth/', '/telegram/'];

/** The user's channels: today the web banner + email. Throws `ConfigError` on a misconfigured Worker. */
function notifierFor(env: Env, log: Logger): Notifier {
  return channelRegistry([webEmailChannel(channelPorts(env, log))], log);
}

export class GatewayHub extends CoreGatewayHub {
  protected override notifier(): Notifier {
    return notifierFor(this.env, createLogger({ component: 'notify' }));
  }
}

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (apiPrefixes.some((prefix) => pathname.startsWith(prefix))) return app.fetch(request, env, ctx);
    return sveltekit.fetch(request, env, ctx);
  },
  scheduled(controller, env, ctx) {
    runCron(controller, env, ctx, (log) => notifierFor(env, log));
  },
} satisfies ExportedHandler<Env>;
