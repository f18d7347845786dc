/**
 * The control-plane Worker's entry: `/api/*`, `/ws/*`, `/auth/*` and `/telegram/*` go to the hono app;
 * everything else goes to the SvelteKit worker that `npm run build -w web` writes (static files are served by the
 * `[assets]` binding before this Worker runs).
 *
 * It is also where the notification channels are plugged into core (dependency injection): the GatewayHub's
 * provisioning-timeout alarm and the cron lifecycle sweep (idle, offline) notify through `@vibecode/channels`.
 */
import { channelRegistry, webEmailChannel } from '@vibecode/channels';
import sveltekit from '@vibecode/web/worker';
import { createApp } from './app.ts';
import { purgeExpiredAuthRows } from './auth/purge.ts';
import { parseConfig } from './config.ts';
import { openDb } from './db/client.ts';
import { createEmailSender } from './email/create-sender.ts';
import { GatewayHub as GatewayHubBase } from './hub/gateway-hub.ts';
import { createLogger, type Logger } from './log.ts';
import type { Notifier } from './notify/notification.ts';
import { runLifecycleSweep } from './notify/run-sweep.ts';

const app = createApp();
const apiPrefixes = ['/api/', '/ws/', '/auth/', '/telegram/'];

/** The user's channels: today the web banner + email. Throws `ConfigError` on a misconfigured Worker. */
function notifierFor(env: Env, log: Logger): Notifier {
  const config = parseConfig(env as unknown as Record<string, unknown>);
  const email = createEmailSender(config.email, { kv: env.KV, log });
  return channelRegistry([webEmailChannel({ db: openDb(env.DB), email, appUrl: config.publicUrl })], log);
}

export class GatewayHub extends GatewayHubBase {
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
    const log = createLogger({ component: 'lifecycle-sweep', cron: controller.cron });
    ctx.waitUntil(
      Promise.resolve()
        .then(() => runLifecycleSweep(openDb(env.DB), notifierFor(env, log), controller.scheduledTime, log))
        .then(
          (sent) => log.info('lifecycle sweep done', { sent }),
          (error) => log.error('lifecycle sweep failed', { error: String(error) }),
        ),
    );
    ctx.waitUntil(
      purgeExpiredAuthRows(openDb(env.DB), controller.scheduledTime).catch((error) =>
        log.error('auth purge failed', { error: String(error) }),
      ),
    );
  },
} satisfies ExportedHandler<Env>;
