/**
 * Ending a session, as the web's End (`DELETE /api/sessions/:id`) and a channel's /end both do: the gateway ends it
 * (a stopped session has nothing there to end), then the row is marked ended.
 */
import type { Db } from '../db/client.ts';
import type { sessions } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { markSessionEnded } from './store.ts';

type SessionRow = typeof sessions.$inferSelect;

export async function endOwnedSession(env: Env, db: Db, session: SessionRow, now: number): Promise<SessionRow> {
  if (session.status === 'ended') throw new ApiError(409, 'session.ended', 'this session has already ended');
  if (session.status !== 'stopped') {
    const gateway = await gatewayForVps(db, session.vpsId);
    unwrapHub(await hubStub(env, gateway.id).endSession(session.number));
  }
  return (await markSessionEnded(db, session.id, now)) ?? session;
}
