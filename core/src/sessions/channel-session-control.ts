/**
 * Core's `SessionControl` for the channels: what the web's routes do to a session, by the same ownership check
 * (another user's session reads as not found) and through the same hub, with errors as values a chat can answer
 * with. Input goes only to a running session: one that exited, stopped or ended has no program to read it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { vps } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { findOwnedSessionGateway, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { endOwnedSession } from './end-session.ts';
import type { ControlResult, OwnedSession, SessionControl } from './session-control.ts';

/** The protocol's bound on one `session.input`. */
const MAX_INPUT_CHARS = 65536;

async function asControlResult<T>(body: () => Promise<T>): Promise<ControlResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
    throw error;
  }
}

export function channelSessionControl(env: Env, db: Db): SessionControl {
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
        return {
          userId: session.userId,
          vpsId: session.vpsId,
          vpsName: server?.name ?? '',
          sessionId: session.id,
          sessionNumber: session.number,
          title: session.title,
          agentType: session.agentType,
          status: session.status,
        };
      }),

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

    redraw: (userId, sessionId) =>
      asControlResult(async () => {
        const { session, gatewayId } = await owned(userId, sessionId);
        return unwrapHub(await liveHub(gatewayId).redrawSession(session.number));
      }),
  };
}
