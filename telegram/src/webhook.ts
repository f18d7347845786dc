/**
 * `POST /telegram/webhook`, where Telegram delivers updates. The secret header is checked first (401
 * `telegram.unauthorized`, nothing else runs); then the body (400 `telegram.bad_update`, see `update-body.ts`); then
 * the update goes on the `TELEGRAM_UPDATES` Queue and Telegram gets its 200 at once: the bot's work happens in the
 * consumer (`update-queue.ts`), so a slow Bot API never makes Telegram re-send. The 200 has an empty body: a JSON body
 * with a `method` would be run by Telegram as a Bot API call.
 */
import { Hono } from 'hono';
import { readBoundedText } from './bounded-body.ts';
import type { TelegramBindings, TelegramEnv } from './env.ts';
import { RouteError } from './route-error.ts';
import { MAX_UPDATE_BYTES, parseUpdateBody } from './update-body.ts';
import { SECRET_HEADER, secretMatches, type TimingSafeEqual } from './webhook-secret.ts';

export function webhookRoutes<E extends TelegramBindings>(timingSafeEqual: TimingSafeEqual): Hono<TelegramEnv<E>> {
  const routes = new Hono<TelegramEnv<E>>();

  routes.post('/telegram/webhook', async (c) => {
    if (!secretMatches(c.req.header(SECRET_HEADER), c.get('config').webhookSecret, timingSafeEqual)) {
      c.get('log').warn('telegram webhook refused: wrong or missing secret');
      throw new RouteError(401, 'telegram.unauthorized', 'wrong or missing secret token');
    }
    const text = await readBoundedText(c.req.raw, MAX_UPDATE_BYTES);
    if (text === 'too_large') {
      throw new RouteError(400, 'telegram.bad_update', `update exceeds ${MAX_UPDATE_BYTES} bytes`);
    }
    const parsed = parseUpdateBody(text);
    if (!parsed.ok) throw new RouteError(400, 'telegram.bad_update', parsed.message);
    await c.env.TELEGRAM_UPDATES.send(parsed.update, { contentType: 'json' });
    return c.body(null, 200);
  });

  return routes;
}
