/**
 * The record of a session's agent state keeps the newest by `seq` (session.state): a state the hub takes after a
 * newer one is not recorded over it and answers null, whatever their arrival order; a gateway that sends no seq is
 * recorded as it comes.
 */
import { env } from 'cloudflare:workers';
import type { SessionState } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { hubRecords } from '../../src/hub/records.ts';
import { signIn } from '../helpers/auth.ts';
import { sql } from '../helpers/d1-rows.ts';
import { insertVps } from '../helpers/fixtures.ts';

const stateOf = (id: string) =>
  env.DB.prepare(
    'SELECT agent_state AS state, agent_detail AS detail, agent_state_seq AS seq FROM sessions WHERE id = ?',
  )
    .bind(id)
    .first<{ state: string; detail: string | null; seq: number | null }>();

async function runningSession() {
  const { userId } = await signIn();
  const { vpsId } = await insertVps(userId);
  const id = crypto.randomUUID();
  await sql(
    "INSERT INTO sessions (id, user_id, vps_id, number, title, agent_type, tmux_name, workdir, status, created_at) VALUES (?, ?, ?, 1, 't', 'claude', 'vibe-1', '/w/t-1', 'running', ?)",
    id,
    userId,
    vpsId,
    Date.now(),
  );
  return { id, vpsId };
}

const state = (over: Partial<SessionState>): SessionState =>
  ({ type: 'session.state', schema_version: 1, session_id: 1, state: 'working', ...over }) as SessionState;

describe('sessionState and seq', () => {
  it('keeps the highest seq: a late older state is refused with null, an equal one too', async () => {
    const { id, vpsId } = await runningSession();
    const records = hubRecords(env.DB);
    const now = Date.now();
    expect(
      await records.sessionState(vpsId, state({ state: 'done', detail: 'newest', seq: 30 }), false, now, 0),
    ).not.toBeNull();
    expect(
      await records.sessionState(vpsId, state({ state: 'needs_input', detail: 'late', seq: 20 }), false, now, 0),
    ).toBeNull();
    expect(
      await records.sessionState(vpsId, state({ state: 'working', detail: 'again', seq: 30 }), false, now, 0),
    ).toBeNull();
    expect(await stateOf(id)).toEqual({ state: 'done', detail: 'newest', seq: 30 });
    expect(await records.sessionState(vpsId, state({ state: 'working', seq: 31 }), false, now, 0)).not.toBeNull();
    expect(await stateOf(id)).toEqual({ state: 'working', detail: null, seq: 31 });
  });

  it('records a state without seq as it comes (a gateway from before seq)', async () => {
    const { id, vpsId } = await runningSession();
    const records = hubRecords(env.DB);
    await records.sessionState(vpsId, state({ state: 'done', seq: 50 }), false, Date.now(), 0);
    expect(
      await records.sessionState(vpsId, state({ state: 'needs_input', detail: 'q' }), false, Date.now(), 0),
    ).not.toBeNull();
    expect(await stateOf(id)).toEqual({ state: 'needs_input', detail: 'q', seq: null });
  });
});
