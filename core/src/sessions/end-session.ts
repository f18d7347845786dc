/**
 * Ending a session, as the web's End (`DELETE /api/sessions/:id`) and a channel's /end both do: the gateway ends it,
 * then the row is marked ended. A stopped session has nothing on the gateway to end; its hub still forgets it, so the
 * chats showing it hear that it ended.
 */
import type { Db } from '../db/client.ts';
import type { sessions } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { markSessionEnded } from './store.ts';

type SessionRow = typeof sessions.$inferSelect;

export async function endOwnedSession(env: Env, db: Db, session: SessionRow, now: number): Promise<SessionRow> {
  if (session.status === 'ended') throw new ApiError(409, 'session.ended', 'this session has already ended');
  const gateway = await gatewayForVps(db, session.vpsId);
  const hub = hubStub(env, gateway.id);
  if (session.status === 'stopped') await hub.forgetSession(session.number);
  else unwrapHub(await hub.endSession(session.number));
  return (await markSessionEnded(db, session.id, now)) ?? session;
}
