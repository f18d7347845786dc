/**
 * Web Push's HTTP side: `GET /api/push/key` hands the browser the VAPID key to subscribe with (null when this server
 * sends no push); `POST /api/push/subscriptions` (same Origin) keeps the browser's subscription for the signed-in
 * user, once its push service is one we send to and its key is a real P-256 point; `DELETE
 * /api/push/subscriptions/:id` (same Origin) forgets it. What is pushed: `attention-push.ts`.
 */
import type { ApiResponse } from '@vibecode/schemas';
import { base64ToBytes } from '@vibecode/schemas/encoding';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { allowedEndpoint, pushSettings } from './push-config.ts';
import { removeSubscription, saveSubscription } from './subscriptions.ts';

export const pushRoutes = new Hono<AppEnv>()
  .get('/api/push/key', requireUser, (c) => {
    const settings = pushSettings(c.env, c.get('log'));
    return c.json({
      public_key: settings.ok ? settings.value.publicKey : null,
    } satisfies ApiResponse<'GET /api/push/key'>);
  })
  .post('/api/push/subscriptions', sameOrigin(), requireUser, async (c) => {
    const body = await readApiBody(c, 'POST /api/push/subscriptions');
    const settings = pushSettings(c.env, c.get('log'));
    if (!settings.ok) throw new ApiError(503, 'push.not_configured', 'this server sends no push notifications');
    if (!allowedEndpoint(settings.value, body.endpoint)) {
      throw new ApiError(400, 'push.endpoint_refused', 'this server does not send to that push service');
    }
    if (!(await onCurve(body.keys.p256dh))) {
      throw new ApiError(400, 'push.invalid_keys', 'keys.p256dh is not a P-256 public key');
    }
    const id = await saveSubscription(
      openDb(c.env.DB),
      c.get('user').id,
      { endpoint: body.endpoint, ...body.keys },
      Date.now(),
    );
    return c.json({ subscription: { id } } satisfies ApiResponse<'POST /api/push/subscriptions'>, 201);
  })
  .delete('/api/push/subscriptions/:id', sameOrigin(), requireUser, async (c) => {
    await removeSubscription(openDb(c.env.DB), c.get('user').id, c.req.param('id'));
    return c.json({ subscribed: false } satisfies ApiResponse<'DELETE /api/push/subscriptions/:id'>);
  });

/** The schema checked the shape; only importing it tells a point on the curve from 65 bytes that are not. */
async function onCurve(p256dh: string): Promise<boolean> {
  const bytes = base64ToBytes(p256dh);
  if (bytes === null) return false;
  try {
    await crypto.subtle.importKey('raw', bytes, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    return true;
  } catch {
    return false;
  }
}
