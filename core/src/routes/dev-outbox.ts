/**
 * `GET /api/dev/outbox`: the local sign-in mails, newest first. It exists only while the outbox sender is
 * the configured one (local mode); with a real email sender it is the same 404 as any unknown path.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { listOutbox } from '../email/outbox-sender.ts';
import { ApiError } from '../http/api-error.ts';

export function devOutboxRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/dev/outbox', async (c) => {
    if (c.get('config').email.mode !== 'outbox') {
      throw new ApiError(404, 'http.not_found', `no route for ${c.req.method} ${c.req.path}`);
    }
    return c.json((await listOutbox(c.env.KV)) satisfies ApiResponse<'GET /api/dev/outbox'>);
  });

  return routes;
}
