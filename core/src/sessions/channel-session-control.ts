/**
 * Core's `SessionControl` for the channels: what the web's routes do to a session, by the same ownership check
 * (another user's session reads as not found) and through the same hub, with errors as values a chat can answer
 * with. Input goes only to a running session: one that exited, stopped or ended has no program to read it, and
 * neither has it a prompt to answer.
 */

import { validateApiRequest } from '@vibecode/schemas';
import { and, asc, eq, ne } from 'drizzle-orm';
import { parseAnswer } from '../attention/answer-body.ts';
import { answerOwnedSession, continueOwnedSession } from '../attention/answer-session.ts';
import { asControlResult } from '../control-result.ts';
import type { Db } from '../db/client.ts';
import { sessions, vps } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { findOwnedSessionGateway, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { findOwnedVps } from '../ownership.ts';
import { parseChannelCreate } from './create-body.ts';
import { createOwnedSession } from './create-session.ts';
import { endOwnedSession } from './end-session.ts';
import type { OwnedSession, SessionControl } from './session-control.ts';
import type { SessionRow } from './session-json.ts';

/** The protocol's bound on one `session.input`. */
const MAX_INPUT_CHARS = 65536;

function ownedSession(session: SessionRow, vpsName: string): OwnedSession {
  return {
    userId: session.userId,
    vpsId: session.vpsId,
    vpsName,
    sessionId: session.id,
    sessionNumber: session.number,
    title: session.title,
    agentType: session.agentType,
    status: session.status,
  };
}

/** `workspaceRoot`: where workdirs are made (`Config.vpsWorkspaceRoot`), as for the web's create. */
export function channelSessionControl(env: Env, db: Db, workspaceRoot: string): SessionControl {
  const owned = (userId: string, sessionId: string) => findOwnedSessionGateway(db, userId, sessionId);
  const liveHub = (gatewayId: string | null) => {
    if (gatewayId === null) throw new ApiError(503, 'gateway.offline', 'this VPS has no gateway connected yet');
    return hubStub(env, gatewayId);
  };

  return {
    session: (userId, sessionId) =>
      asControlResult(async (): Promise<OwnedSession> => {
        const { session } = await owned(userId, sessionId);
        const [server] = await db.select({ name: vps.name }).from(vps).where(eq(vps.id, session.vpsId));
        return ownedSession(session, server?.name ?? '');
      }),

    create: (userId, vpsId, request) =>
      asControlResult(async () => {
        const create = parseChannelCreate(request);
        const server = await findOwnedVps(db, userId, vpsId);
        const created = await createOwnedSession(env, db, server, workspaceRoot, create);
        return ownedSession(created.session, server.name);
      }),

    list: async (userId) => {
      const rows = await db
        .select({ session: sessions, vpsName: vps.name })
        .from(sessions)
        .innerJoin(vps, eq(vps.id, sessions.vpsId))
        .where(and(eq(sessions.userId, userId), ne(sessions.status, 'ended')))
        .orderBy(asc(vps.name), asc(sessions.number));
      return rows.map((row) => ownedSession(row.session, row.vpsName));
    },

    input: (userId, sessionId, data) =>
      asControlResult(async () => {
        if (data.length === 0 || data.length > MAX_INPUT_CHARS) {
          throw new ApiError(400, 'session.input_invalid', `input must be 1 to ${MAX_INPUT_CHARS} characters`);
        }
        const { session, gatewayId } = await owned(userId, sessionId);
        if (session.status !== 'running') {
          throw new ApiError(409, 'session.not_running', `this session is ${session.status}; it takes no input`);
        }
        return unwrapHub(await liveHub(gatewayId).sessionInput(session.number, data));
      }),

    end: (userId, sessionId) =>
      asControlResult(async () => {
        const { session } = await owned(userId, sessionId);
        await endOwnedSession(env, db, session, Date.now());
        return null;
      }),

    answer: (userId, sessionId, reply) =>
      asControlResult(async () => {
        // A chat's reply has not passed the route's schema: the same schema checks it here.
        const checked = validateApiRequest('POST /api/sessions/:id/answer', reply);
        if (!checked.ok) throw new ApiError(400, checked.error.code, checked.error.message);
        const { session } = await owned(userId, sessionId);
        await answerOwnedSession(env, db, session, parseAnswer(checked.value));
        return null;
      }),

    continueAtReset: (userId, sessionId, enabled) =>
      asControlResult(async () => {
        const { session } = await owned(userId, sessionId);
        return continueOwnedSession(env, db, session, enabled);
      }),

    redraw: (userId, sessionId) =>
      asControlResult(async () => {
        const { session, gatewayId } = await owned(userId, sessionId);
        return unwrapHub(await liveHub(gatewayId).redrawSession(session.number));
      }),
  };
}
