/**
 * Answering a session's prompt and choosing to continue it at its usage limit's reset: what the web's routes
 * (`routes.ts`) and a channel's `SessionControl` (`sessions/channel-session-control.ts`) both do once they know the
 * session is the user's, so the two keep one set of rules and error codes.
 */
import type { Db } from '../db/client.ts';
import type { sessions } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';
import type { PromptAnswer } from '../hub/gateway-commands.ts';
import { gatewayForVps, hubStub, unwrapHub } from '../hub/hub-client.ts';
import { clearAttention, setContinueAtReset } from './attention-items.ts';

type SessionRow = typeof sessions.$inferSelect;

/**
 * Types `answer` through the session's hub, which the gateway does only while the screen still shows the prompt it
 * was made for (409 `session.prompt_changed` otherwise); the item is then cleared in the feed, and the hub clears it
 * on the session's surfaces.
 */
export async function answerOwnedSession(env: Env, db: Db, session: SessionRow, answer: PromptAnswer): Promise<void> {
  if (session.status !== 'running') {
    throw new ApiError(409, 'session.not_running', 'this session has no program running to answer');
  }
  const gateway = await gatewayForVps(db, session.vpsId);
  unwrapHub(await hubStub(env, gateway.id).answerPrompt(session.number, answer));
  await clearAttention(db, session.id, Date.now());
}

/** Stores the person's choice and has the hub schedule by it: when the continue will be typed (ms), or null. */
export async function continueOwnedSession(
  env: Env,
  db: Db,
  session: SessionRow,
  enabled: boolean,
): Promise<number | null> {
  if (session.status !== 'running') {
    throw new ApiError(409, 'session.not_running', 'this session has no program running to continue');
  }
  await setContinueAtReset(db, session.id, enabled);
  const gateway = await gatewayForVps(db, session.vpsId);
  return unwrapHub(await hubStub(env, gateway.id).continueAtReset(session.number));
}
