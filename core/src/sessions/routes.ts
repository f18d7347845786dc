/**
 * Sessions: list and create under a VPS, restart and end by id. Creating is `createOwnedSession` (shared with the
 * channels' /new): the row is reserved and then the gateway asked, and a failed create changes nothing.
 */

import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { ApiError } from '../http/api-error.ts';
import { readApiBody } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { findOwnedSession, findOwnedVps } from '../ownership.ts';
import { CREATE_SESSION_MAX_BYTES, parseCreateSession } from './create-body.ts';
import { createOwnedSession } from './create-session.ts';
import { endOwnedSession } from './end-session.ts';
import { restartOnGateway, restartRefusal } from './restart.ts';
import { sessionJson } from './session-json.ts';
import { listOpenSessions, markSessionRunning } from './store.ts';

export const sessionRoutes = new Hono<AppEnv>()
  .get('/api/vps/:id/sessions', requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const vps = await findOwnedVps(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { vps_id: vps.id });
    const now = Date.now();
    return c.json({
      sessions: (await listOpenSessions(db, vps.id)).map((row) => sessionJson(row, now)),
    } satisfies ApiResponse<'GET /api/vps/:id/sessions'>);
  })
  .post('/api/vps/:id/sessions', sameOrigin(), requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const vps = await findOwnedVps(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { vps_id: vps.id });
    const create = parseCreateSession(await readApiBody(c, 'POST /api/vps/:id/sessions', {}, CREATE_SESSION_MAX_BYTES));
    const created = await createOwnedSession(c.env, db, vps, c.get('config').vpsWorkspaceRoot, create);
    addLogFields(c, { session_id: created.session.id, gateway_id: created.gatewayId });
    return c.json(
      { session: sessionJson(created.session, Date.now()) } satisfies ApiResponse<'POST /api/vps/:id/sessions'>,
      201,
    );
  })
  .post('/api/sessions/:id/restart', sameOrigin(), requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const session = await findOwnedSession(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
    const refusal = restartRefusal(session.status);
    if (refusal) throw refusal;
    const gateway = await gatewayForVps(db, session.vpsId);
    const hub = hubStub(c.env, gateway.id);
    if (!(await hub.status()).online) throw new ApiError(503, 'gateway.offline', 'the gateway is offline');
    unwrapHub(await restartOnGateway(hub, session));
    const running = (await markSessionRunning(db, session.id)) ?? session;
    return c.json({
      session: sessionJson(running, Date.now()),
    } satisfies ApiResponse<'POST /api/sessions/:id/restart'>);
  })
  .delete('/api/sessions/:id', sameOrigin(), requireUser, async (c) => {
    const db = openDb(c.env.DB);
    const session = await findOwnedSession(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
    const ended = await endOwnedSession(c.env, db, session, Date.now());
    return c.json({ session: sessionJson(ended, Date.now()) } satisfies ApiResponse<'DELETE /api/sessions/:id'>);
  });
