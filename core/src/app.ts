/**
 * The hono app behind `/api/*`, `/ws/*` and `/auth/*` (the Worker entry sends `/telegram/*` and `/api/telegram*` to
 * the bot's own app). Feature routers mount here; errors are mapped to `{error: {code, message}}` once, in `onError`.
 */

import { createLogger, type Logger } from '@vibecode/schemas/log';
import { Hono } from 'hono';
import type { AppEnv } from './app-env.ts';
import { authRoutes } from './auth/routes.ts';
import { signOutEverywhereRoutes } from './auth/sign-out.ts';
import { verifyRoutes } from './auth/verify-routes.ts';
import { cloudApiError } from './cloud/cloud-api-error.ts';
import { isCloudError } from './cloud/cloud-error.ts';
import { cloudRoutes } from './cloud/routes.ts';
import { requireConfig } from './config/require-config.ts';
import { devOutboxRoutes } from './email/outbox-routes.ts';
import { gatewayRoutes } from './gateways/routes.ts';
import { accessLog } from './http/access-log.ts';
import { ApiError } from './http/api-error.ts';
import { hubRoutes } from './hub/routes.ts';
import type { Notifier } from './notify/notification.ts';
import { notificationRoutes } from './notify/routes.ts';
import { pushRoutes } from './push/routes.ts';
import { vpsLifecycleRoutes } from './vps/lifecycle-routes.ts';
import { vpsListRoutes } from './vps/list-routes.ts';

export interface AppDeps {
  /** The channels' notifier, told when a route answers a notice (Power Off, Retry, Keep running, a closed banner). */
  notifier: (env: Env, log: Logger) => Notifier;
}

/** An app without channels (a test's bare app): an answered notice is then only dismissed in core's store. */
const noChannels: AppDeps = {
  notifier: () => ({ notify: async () => {}, answered: async () => {} }),
};

export function createApp(deps: AppDeps = noChannels): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
    const log = createLogger({ request_id: requestId });
    c.set('requestId', requestId);
    c.set('log', log);
    c.set('answers', { notifier: () => deps.notifier(c.env, log), log });
    await next();
  });
  app.use(accessLog);
  app.use(requireConfig);

  app.route('/', authRoutes());
  app.route('/', signOutEverywhereRoutes());
  app.route('/', verifyRoutes());
  app.route('/', devOutboxRoutes());
  app.route('/', gatewayRoutes());
  app.route('/', cloudRoutes());
  app.route('/', vpsLifecycleRoutes());
  app.route('/', notificationRoutes());
  app.route('/', vpsListRoutes());
  app.route('/', hubRoutes);
  app.route('/', pushRoutes);

  app.notFound((c) => new ApiError(404, 'http.not_found', `no route for ${c.req.method} ${c.req.path}`).toResponse());

  app.onError((error, c) => {
    if (error instanceof ApiError) return error.toResponse();
    if (isCloudError(error)) {
      c.get('log').warn('cloud error', { code: error.code, status: error.details.status });
      return cloudApiError(error).toResponse();
    }
    c.get('log').error('unhandled error', { error: String(error), stack: (error as Error).stack });
    return new ApiError(500, 'internal', 'internal error').toResponse();
  });

  return app;
}
