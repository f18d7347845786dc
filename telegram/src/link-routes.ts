/**
 * The link API the web app's "Connect Telegram" card uses; the signed-in user and the same-origin rule are core's
 * (`RequestChecks`), so these routes refuse exactly what core's own routes refuse:
 *   - `GET /api/telegram` → `{configured, linked, username?, topics}`; on a Worker without Telegram it still answers,
 *     `{configured: false, …}` (`unconfiguredStatus`), so the dashboard learns to hide its card without an error;
 *   - `POST /api/telegram/link` (same origin, JSON; no body, like core's body-less POSTs) → 201 `{code, url,
 *     expires_at}`: a single-use code for 10 minutes (`link-codes.ts`) replacing the user's unused one; `url` opens
 *     the bot with `/start <code>`;
 *   - `DELETE /api/telegram/link` (same origin, JSON) → `{linked: false}`, linked or not; the chat that was linked gets
 *     Telegram's default menu button back (after the answer, best effort: `miniapp/entry-points.ts`).
 */
import type { Logger } from '@vibecode/core/ports';
import type { ApiResponse } from '@vibecode/schemas';
import { type Context, Hono } from 'hono';
import { botInfo, topicsEnabled } from './bot-info.ts';
import { openTelegramDb } from './db/client.ts';
import { d1LinkStore } from './db/link-store.ts';
import type { TelegramBindings, TelegramEnv } from './env.ts';
import { linkCodeExpiry, linkCodeHash, newLinkCode, startUrl } from './link-codes.ts';
import { setMenuButton } from './miniapp/entry-points.ts';
import type { TelegramPorts } from './ports.ts';
import { RouteError } from './route-error.ts';
import { requireSameOriginJson } from './same-origin-json.ts';
import { surfaceApi } from './topics/surface.ts';

type Ports<E extends TelegramBindings> = (env: E, log: Logger) => TelegramPorts;

/** The signed-in user's id; a renewed session cookie rides on the answer, as with core's `requireUser`. */
async function requireUserId(c: Context, ports: TelegramPorts): Promise<string> {
  const found = await ports.requests.signedInUser(c.req.raw);
  if (found === null) throw new RouteError(401, 'auth.required', 'sign in first');
  if (found.setCookie !== null) c.header('Set-Cookie', found.setCookie, { append: true });
  return found.user.id;
}

/** `GET /api/telegram` on a Worker without Telegram: still only for a signed-in user, and nothing is linked. */
export async function unconfiguredStatus(c: Context, ports: TelegramPorts): Promise<Response> {
  await requireUserId(c, ports);
  return c.json({ configured: false, linked: false, topics: false } satisfies ApiResponse<'GET /api/telegram'>);
}

export function linkRoutes<E extends TelegramBindings>(portsOf: Ports<E>): Hono<TelegramEnv<E>> {
  const routes = new Hono<TelegramEnv<E>>();
  const storeOf = (env: E) => d1LinkStore(openTelegramDb(env.DB));

  routes.get('/api/telegram', async (c) => {
    const userId = await requireUserId(c, portsOf(c.env, c.get('log')));
    const [link, topics] = await Promise.all([storeOf(c.env).linkOfUser(userId), topicsEnabled(c.get('config'))]);
    const answer: ApiResponse<'GET /api/telegram'> =
      link === null
        ? { configured: true, linked: false, topics }
        : { configured: true, linked: true, ...(link.username === null ? {} : { username: link.username }), topics };
    return c.json(answer);
  });

  routes.post('/api/telegram/link', async (c) => {
    const ports = portsOf(c.env, c.get('log'));
    requireSameOriginJson(c, ports.requests);
    const userId = await requireUserId(c, ports);
    const config = c.get('config');
    let username = config.botUsername;
    if (username === null) {
      try {
        username = (await botInfo(config)).username;
      } catch (error) {
        c.get('log').warn('getMe failed', { error: String(error) });
        throw new RouteError(502, 'telegram.unavailable', 'could not reach Telegram; try again');
      }
    }
    const now = Date.now();
    const code = newLinkCode();
    const expiresAt = linkCodeExpiry(now);
    await storeOf(c.env).createCode(userId, await linkCodeHash(code), expiresAt, now);
    return c.json(
      {
        code,
        url: startUrl(username, code),
        expires_at: new Date(expiresAt).toISOString(),
      } satisfies ApiResponse<'POST /api/telegram/link'>,
      201,
    );
  });

  routes.delete('/api/telegram/link', async (c) => {
    const ports = portsOf(c.env, c.get('log'));
    requireSameOriginJson(c, ports.requests);
    const userId = await requireUserId(c, ports);
    const store = storeOf(c.env);
    const link = await store.linkOfUser(userId);
    await store.unlinkUser(userId);
    if (link !== null) {
      c.executionCtx.waitUntil(setMenuButton(surfaceApi(c.get('config')), link.chatId, null, c.get('log')));
    }
    return c.json({ linked: false } satisfies ApiResponse<'DELETE /api/telegram/link'>);
  });

  return routes;
}
