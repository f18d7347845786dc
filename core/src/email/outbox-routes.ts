/**
 * `GET /api/dev/outbox`: the local sign-in mails, newest first. It answers only in local mode (the outbox sender is
 * the configured one) and only to a request addressed to loopback: the outbox hands out every sign-in link, so a
 * public host name reaching a local Worker gets the same 404 as any unknown path.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ApiError } from '../http/api-error.ts';
import { isLoopbackRequest } from '../http/loopback.ts';
import { listOutbox } from './outbox-sender.ts';

export function devOutboxRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/dev/outbox', async (c) => {
    const config = c.get('config');
    if (config.appEnv !== 'local' || config.email.mode !== 'outbox' || !isLoopbackRequest(c.req.raw)) {
      throw new ApiError(404, 'http.not_found', `no route for ${c.req.method} ${c.req.path}`);
    }
    return c.json((await listOutbox(c.env.KV)) satisfies ApiResponse<'GET /api/dev/outbox'>);
  });

  return routes;
}
