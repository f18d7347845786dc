/**
 * The control-plane Worker (wrangler.toml `main`), the composition root: the only module that knows every part.
 * `/telegram/*`, `/api/telegram`, `/api/telegram/*` and `/api/miniapp/*` go to the Telegram bot's app; the rest of
 * `/api/*`, `/ws/*` and `/auth/*` go to core's hono app; everything else goes to the SvelteKit worker that
 * `npm run build -w web` writes (static files are served by the `[assets]` binding before this Worker runs). It
 * exports the Durable Object classes wrangler.toml binds (GatewayHub and RateLimiter) and the `TELEGRAM_UPDATES`
 * Queue's consumer.
 *
 * It plugs the channels into core (dependency injection): the GatewayHub's provisioning-timeout alarm and the cron's
 * lifecycle sweep (idle, offline) notify through `@vibecode/channels`, and the bot reaches core through the same
 * ports (`channelPorts`).
 */
import { channelRegistry, surfaceRegistry, webEmailChannel } from '@vibecode/channels';
import { GatewayHub as CoreGatewayHub, channelPorts, createApp, createLogger, runCron } from '@vibecode/core';
import type { Logger, Notifier, SessionSurfaces } from '@vibecode/core/ports';
import { createTelegram, isTelegramPath, telegramChannel, telegramSurface } from '@vibecode/telegram';
import sveltekit from '@vibecode/web/worker';

// Durable Objects core exports as they are.
export { RateLimiter } from '@vibecode/core';

const app = createApp({ notifier: notifierFor });
// A chat's answer to a notice (a button) tells every channel, the chat's own included, through the same registry.
const telegram = createTelegram<Env>({ ports: (env, log) => channelPorts(env, log, () => notifierFor(env, log)) });
const apiPrefixes = ['/api/', '/ws/', '/auth/', '/telegram/'];

/** The user's channels: the web banner + email, and Telegram. Throws `ConfigError` on a misconfigured Worker. */
function notifierFor(env: Env, log: Logger): Notifier {
  const ports = channelPorts(env, log, () => notifierFor(env, log));
  return channelRegistry([webEmailChannel(ports), telegramChannel(env, log, ports.appUrl)], log);
}

export class GatewayHub extends CoreGatewayHub {
  protected override notifier(): Notifier {
    return notifierFor(this.env, createLogger({ component: 'notify' }));
  }

  protected override surfaces(): SessionSurfaces {
    const log = createLogger({ component: 'surfaces' });
    // The screen messages' "Open terminal" buttons open the Mini App under core's PUBLIC_URL.
    const { appUrl } = channelPorts(this.env, log);
    return surfaceRegistry([telegramSurface(this.env, log, appUrl)], log);
  }
}

export default {
  fetch(request, env, ctx) {
    const { pathname } = new URL(request.url);
    if (isTelegramPath(pathname)) return telegram.fetch(request, env, ctx);
    if (apiPrefixes.some((prefix) => pathname.startsWith(prefix))) return app.fetch(request, env, ctx);
    return sveltekit.fetch(request, env, ctx);
  },
  scheduled(controller, env, ctx) {
    runCron(controller, env, ctx, (log) => notifierFor(env, log));
  },
  queue(batch, env) {
    return telegram.queue(batch, env);
  },
} satisfies ExportedHandler<Env>;
