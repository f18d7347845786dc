/**
 * The attention feed's HTTP side: `GET /api/attention` lists what the user's agents want of them;
 * `POST /api/sessions/:id/answer` (same Origin) types an answer into a session, through its hub to its gateway, which
 * types it only while the screen still shows the prompt it was made for: 202, or 409 `session.prompt_changed`;
 * `POST /api/sessions/:id/continue-at-reset` (same Origin) sets whether its hub continues the agent once its usage
 * limit resets (`hub/continue-at-reset.ts`).
 */
import type { ApiResponse } from '@vibecode/schemas';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { requireUser } from '../auth/require-user.ts';
import { openDb } from '../db/client.ts';
import { readApiBody } from '../http/json-body.ts';
import { addLogFields } from '../http/log-fields.ts';
import { sameOrigin } from '../http/same-origin.ts';
import { findOwnedSession } from '../ownership.ts';
import { parseAnswer } from './answer-body.ts';
import { answerOwnedSession, continueOwnedSession } from './answer-session.ts';
import { attentionItems } from './attention-items.ts';

export const attentionRoutes = new Hono<AppEnv>()
  .get('/api/attention', requireUser, async (c) => {
    const items = await attentionItems(openDb(c.env.DB), c.get('user').id);
    return c.json({ items } satisfies ApiResponse<'GET /api/attention'>);
  })
  .post('/api/sessions/:id/answer', sameOrigin(), requireUser, async (c) => {
    const answer = parseAnswer(await readApiBody(c, 'POST /api/sessions/:id/answer'));
    const db = openDb(c.env.DB);
    const session = await findOwnedSession(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
    await answerOwnedSession(c.env, db, session, answer);
    return c.json({ answered: true } satisfies ApiResponse<'POST /api/sessions/:id/answer'>, 202);
  })
  .post('/api/sessions/:id/continue-at-reset', sameOrigin(), requireUser, async (c) => {
    const { enabled } = await readApiBody(c, 'POST /api/sessions/:id/continue-at-reset');
    const db = openDb(c.env.DB);
    const session = await findOwnedSession(db, c.get('user').id, c.req.param('id'));
    addLogFields(c, { session_id: session.id, vps_id: session.vpsId });
    const at = await continueOwnedSession(c.env, db, session, enabled);
    return c.json({
      continue_at_reset: enabled,
      continues_at: at === null ? null : new Date(at).toISOString(),
    } satisfies ApiResponse<'POST /api/sessions/:id/continue-at-reset'>);
  });
