/**
 * Session numbers are per VPS, so two tenants each have a session 1. A gateway's `session.started`, `session.ended`
 * and activity (its output) for number N must write only its own VPS's session N: the hub's records filter on the
 * VPS as well as the number, and this is the test that fails without that filter.
 */
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { signIn } from '../helpers/auth.ts';
import { createVpsWithGateway } from '../helpers/fixtures.ts';
import { connectGateway, eventually } from '../helpers/gateway-socket.ts';
import { createSession } from './subscriber.ts';

type Row = { status: string; ended_at: number | null; last_activity_at: number | null };

const row = async (id: string): Promise<Row> => {
  const found = await env.DB.prepare('SELECT status, ended_at, last_activity_at FROM sessions WHERE id = ?')
    .bind(id)
    .first<Row>();
  if (!found) throw new Error(`no session row ${id}`);
  return found;
};

const setRow = (id: string, status: string, lastActivityAt: number | null) =>
  env.DB.prepare('UPDATE sessions SET status = ?, last_activity_at = ? WHERE id = ?')
    .bind(status, lastActivityAt, id)
    .run();

/** A signed-in user with a VPS whose gateway is connected, and that VPS's session number 1. */
async function tenant() {
  const user = await signIn();
  const vps = await createVpsWithGateway(user.userId);
  const gateway = await connectGateway(vps.credential, vps.gatewayId);
  const session = await createSession(user.cookie, vps.vpsId, 'same number');
  expect(session.number).toBe(1);
  return { gateway, session };
}

describe('two tenants with the same session number', () => {
  it("one gateway's started, activity and ended for session 1 never touch the other VPS's session 1", async () => {
    const a = await tenant();
    const b = await tenant();
    // Both rows in the state each write acts on, so a write that leaked across would change B's row.
    const bActivity = 1_000;
    await setRow(a.session.id, 'starting', null);
    await setRow(b.session.id, 'starting', bActivity);
    const before = await row(b.session.id);

    a.gateway.send(message('session.started', { session_id: 1 }));
    await eventually(async () => expect((await row(a.session.id)).status).toBe('running'));
    expect(await row(b.session.id)).toEqual(before);

    await setRow(b.session.id, 'running', bActivity);
    const running = await row(b.session.id);
    a.gateway.output(1, new TextEncoder().encode('output of A'));
    await eventually(async () => expect((await row(a.session.id)).last_activity_at).not.toBeNull());
    expect(await row(b.session.id)).toEqual(running);

    a.gateway.send(message('session.ended', { session_id: 1, reason: 'exited' }));
    await eventually(async () => expect((await row(a.session.id)).status).toBe('ended'));
    expect(await row(b.session.id)).toEqual(running);

    // B's gateway still owns its session 1: its own end is recorded.
    b.gateway.send(message('session.ended', { session_id: 1, reason: 'exited' }));
    await eventually(async () => expect((await row(b.session.id)).status).toBe('ended'));
  });
});
