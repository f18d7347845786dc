/**
 * The bot's HTTP side, one hono app the Worker entry sends `/telegram/*`, `/api/telegram`, `/api/telegram/*` and
 * `/api/miniapp/*` to: the webhook (`webhook.ts`), the link API (`link-routes.ts`) and the Mini App's sign-in
 * (`miniapp/auth-route.ts`). All answer 503 `telegram.not_configured` while the Worker has no bot token or webhook
 * secret (but for `GET /api/telegram`, which says `configured: false`), and 500 `telegram.config_invalid` (problems
 * logged by name) while a setting is malformed. Errors leave as `{error: {code, message}}`, mapped once in `onError`.
 */
import type { Logger } from '@vibecode/core/ports';
import { createLogger } from '@vibecode/schemas/log';
import { Hono } from 'hono';
import { telegramSettings } from './config.ts';
import type { TelegramBindings, TelegramEnv } from './env.ts';
import { linkRoutes, unconfiguredStatus } from './link-routes.ts';
import { miniAppRoutes } from './miniapp/auth-route.ts';
import type { TelegramPorts } from './ports.ts';
import { RouteError } from './route-error.ts';
import { webhookRoutes } from './webhook.ts';
import type { TimingSafeEqual } from './webhook-secret.ts';

/** Paths the Worker entry sends here. */
export function isTelegramPath(pathname: string): boolean {
  return (
    pathname.startsWith('/telegram/') ||
    pathname === '/api/telegram' ||
    pathname.startsWith('/api/telegram/') ||
    pathname.startsWith('/api/miniapp/')
  );
}

export type RouteDeps<E extends TelegramBindings> = {
  ports: (env: E, log: Logger) => TelegramPorts;
  timingSafeEqual: TimingSafeEqual;
};

export function telegramApp<E extends TelegramBindings>(deps: RouteDeps<E>): Hono<TelegramEnv<E>> {
  const app = new Hono<TelegramEnv<E>>();

  app.use(async (c, next) => {
    const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
    c.set('log', createLogger({ request_id: requestId, component: 'telegram' }));
    const settings = telegramSettings(c.env);
    if (settings.status === 'not_configured') {
      if (c.req.method === 'GET' && c.req.path === '/api/telegram') {
        return unconfiguredStatus(c, deps.ports(c.env, c.get('log')));
      }
      throw new RouteError(503, 'telegram.not_configured', 'Telegram is not configured on this server');
    }
    if (settings.status === 'invalid') {
      c.get('log').error('telegram configuration invalid: refusing requests', { problems: settings.problems });
      throw new RouteError(500, 'telegram.config_invalid', 'Telegram is misconfigured on this server');
    }
    c.set('config', settings.config);
    await next();
  });

  app.route('/', webhookRoutes<E>(deps.timingSafeEqual));
  app.route('/', linkRoutes<E>(deps.ports));
  app.route('/', miniAppRoutes<E>(deps.ports));

  app.notFound((c) => new RouteError(404, 'http.not_found', `no route for ${c.req.method} ${c.req.path}`).toResponse());
  app.onError((error, c) => {
    if (error instanceof RouteError) return error.toResponse();
    c.get('log').error('unhandled error', { error: String(error), stack: (error as Error).stack });
    return new RouteError(500, 'internal', 'internal error').toResponse();
  });
  return app;
}
