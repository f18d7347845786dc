/**
 * The web banner's API: `GET /api/notifications` (the user's undismissed notifications, newest first, at most 50;
 * `payload` is what the web channel stored) and `POST /api/notifications/:id/dismiss` ("Keep running" on an idle
 * notice, or closing any banner). Another user's id is a 404, like one that does not exist.
 */
import type { ApiResponse, NoticePayload } from '@vibecode/schemas';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { notifications } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { dismissNotice } from './answered-notices.ts';

export const MAX_LISTED_NOTIFICATIONS = 50;

/** Written by `d1NotificationStore` (d1-notification-store.ts), for the channel that renders the title. */
function payloadOf(text: string): NoticePayload | null {
  try {
    return JSON.parse(text) as NoticePayload;
  } catch {
    return null;
  }
}

export function notificationRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/api/notifications', requireUser, async (c) => {
    const rows = await openDb(c.env.DB)
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, c.get('user').id), isNull(notifications.dismissedAt)))
      .orderBy(desc(notifications.createdAt), notifications.id)
      .limit(MAX_LISTED_NOTIFICATIONS);
    return c.json({
      notifications: rows.map((n) => ({
        id: n.id,
        kind: n.kind,
        vps_id: n.vpsId,
        created_at: new Date(n.createdAt).toISOString(),
        payload: payloadOf(n.payloadJson),
      })),
    } satisfies ApiResponse<'GET /api/notifications'>);
  });

  routes.post('/api/notifications/:id/dismiss', sameOrigin(), requireUser, async (c) => {
    const db = openDb(c.env.DB);
    if (!(await dismissNotice(db, c.get('answers'), c.get('user').id, c.req.param('id'), Date.now()))) {
      throw new ApiError(404, 'notification.not_found', 'no such notification');
    }
    return c.body(null, 204);
  });

  return routes;
}
