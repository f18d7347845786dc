/**
 * Creating a session on a user's VPS (found by the caller with `findOwnedVps`), as `POST /api/vps/:id/sessions` and a
 * channel's /new both do: its gateway must be online (`gateway.offline`); the row is reserved (`starting`, next number,
 * `session.limit`) and then the gateway asked; if it refuses (an agent that is not installed…) or cannot be reached,
 * the row is removed again, so a failed create changes nothing.
 */
import { MAX_SESSIONS } from '@vibecode/schemas';
import type { Db } from '../db/client.ts';
import type { vps as vpsTable } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import type { CreateSession } from './create-body.ts';
import { slugify } from './naming.ts';
import type { SessionRow } from './session-json.ts';
import { deleteStartingSession, insertSession, markSessionRunning } from './store.ts';

export interface CreatedSession {
  session: SessionRow;
  gatewayId: string;
}

export async function createOwnedSession(
  env: Env,
  db: Db,
  vps: typeof vpsTable.$inferSelect,
  workspaceRoot: string,
  create: CreateSession,
): Promise<CreatedSession> {
  const gateway = await gatewayForVps(db, vps.id);
  const hub = hubStub(env, gateway.id);
  if (!(await hub.status()).online) throw new ApiError(503, 'gateway.offline', 'the gateway is offline');
  const row = await insertSession(db, {
    id: crypto.randomUUID(),
    userId: vps.userId,
    vpsId: vps.id,
    title: create.title,
    agentType: create.agentType,
    slug: slugify(create.title),
    workspaceRoot,
    now: Date.now(),
  });
  if (row === null) throw new ApiError(409, 'session.limit', `at most ${MAX_SESSIONS} live sessions per VPS`);
  const result = await hub.createSession({
    number: row.number,
    tmuxName: row.tmuxName,
    agentType: row.agentType,
    workdir: row.workdir,
    agentConfig: create.agentConfig,
  });
  if (!result.ok) await deleteStartingSession(db, row.id);
  unwrapHub(result);
  return { session: (await markSessionRunning(db, row.id)) ?? row, gatewayId: gateway.id };
}
