/**
 * One access-log line per request (method, path, status, duration), written with the request's logger as
 * it is at the end, so it carries whatever ids the route added (user_id, vps_id, gateway_id, session_id).
 * The query string is left out: sign-in links carry their token there.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';

export const accessLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  await next();
  c.get('log').info('request', {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    duration_ms: Date.now() - started,
  });
};
