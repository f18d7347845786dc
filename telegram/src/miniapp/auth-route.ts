/**
 * `POST /api/miniapp/auth`: the Mini App page signs in with `{init_data}`, the raw `Telegram.WebApp.initData`.
 * Same origin and JSON (core's rule) or 403 `http.cross_origin` / 415; at most 16 KiB (413 `http.body_too_large`);
 * JSON (400 `http.invalid_json`) of exactly `{init_data: <string of at most 8192>}` by its schema in routes.json (400
 * `http.invalid_body`). initData that fails Telegram's check
 * (`init-data.ts`) is 401 `telegram.init_data_invalid`, whatever the reason (the reason is logged); a Telegram account
 * linked to no user is 403 `telegram.not_linked`, saying how to link. Otherwise core starts the user's Mini App web
 * session (`MiniAppSessions`) and the answer carries its cookie: 200 `{expires_at}` (ms since the epoch).
 */
import type { Logger } from '@vibecode/core/ports';
import { type ApiResponse, validateApiRequest } from '@vibecode/schemas';
import { Hono } from 'hono';
import { readBoundedText } from '../bounded-body.ts';
import { openTelegramDb } from '../db/client.ts';
import { d1LinkStore } from '../db/link-store.ts';
import type { TelegramBindings, TelegramEnv } from '../env.ts';
import type { TelegramPorts } from '../ports.ts';
import { replies } from '../replies.ts';
import { RouteError } from '../route-error.ts';
import { requireSameOriginJson } from '../same-origin-json.ts';
import { checkInitData } from './init-data.ts';

const ROUTE = 'POST /api/miniapp/auth';
/** Core's bound on a JSON body (core/src/http/json-body.ts); initData is far smaller. */
const MAX_BODY_BYTES = 16 * 1024;

type Ports<E extends TelegramBindings> = (env: E, log: Logger) => TelegramPorts;

async function initDataOf(request: Request): Promise<string> {
  const text = await readBoundedText(request, MAX_BODY_BYTES);
  if (text === 'too_large') throw new RouteError(413, 'http.body_too_large', `body exceeds ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RouteError(400, 'http.invalid_json', 'body is not valid JSON');
  }
  const checked = validateApiRequest(ROUTE, body);
  if (!checked.ok) throw new RouteError(400, 'http.invalid_body', checked.error.message);
  return checked.value.init_data;
}

export function miniAppRoutes<E extends TelegramBindings>(portsOf: Ports<E>): Hono<TelegramEnv<E>> {
  const routes = new Hono<TelegramEnv<E>>();

  routes.post('/api/miniapp/auth', async (c) => {
    const log = c.get('log');
    const ports = portsOf(c.env, log);
    requireSameOriginJson(c, ports.requests);
    const initData = await initDataOf(c.req.raw);
    const config = c.get('config');
    const checked = await checkInitData(initData, {
      botToken: config.token,
      maxAgeSeconds: config.miniAppAuthMaxAgeSeconds,
      now: Date.now(),
    });
    if (!checked.ok) {
      log.warn('mini app initData refused', { problem: checked.problem });
      throw new RouteError(401, 'telegram.init_data_invalid', replies.miniApp.invalid);
    }
    const link = await d1LinkStore(openTelegramDb(c.env.DB)).linkOfTelegram(checked.value.user.id);
    const session = link === null ? null : await ports.miniAppSessions.start(link.userId, c.req.url);
    if (session === null) throw new RouteError(403, 'telegram.not_linked', replies.miniApp.notLinked);
    c.header('Set-Cookie', session.setCookie);
    c.header('Cache-Control', 'no-store');
    return c.json({ expires_at: session.expiresAt } satisfies ApiResponse<typeof ROUTE>);
  });

  return routes;
}
