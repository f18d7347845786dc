/**
 * Email for long waits (issue 17): a question (`needs_input`) nobody answered or opened for the configured time brings
 * one `session.waiting` notification with the session's title and question, once per question; a later question is
 * a new wait; one that was seen, answered or is not a question brings none. Driven time; observed at core's Notifier.
 */
import { env } from 'cloudflare:workers';
import { message } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { runWaitingEmails } from '../../src/attention/waiting-emails.ts';
import { openDb } from '../../src/db/client.ts';
import { eventually, type FakeGateway } from '../helpers/gateway-socket.ts';
import { quiet, recordingNotifier } from '../helpers/notifier.ts';
import { connectSubscriber, createSession, sessionOnGateway } from './subscriber.ts';

const AFTER_MS = 30 * 60_000;
const asked = (id: string) =>
  env.DB.prepare('SELECT agent_state_at AS at, agent_state AS state, agent_detail AS detail FROM sessions WHERE id = ?')
    .bind(id)
    .first<{ at: number | null; state: string | null; detail: string | null }>();

/** The gateway reports `question` on the session; resolves with when the hub recorded it. */
async function asks(gateway: FakeGateway, number: number, sessionId: string, question: string): Promise<number> {
  gateway.send(message('session.state', { session_id: number, state: 'needs_input', detail: question }));
  let at = 0;
  await eventually(async () => {
    const row = await asked(sessionId);
    expect(row).toMatchObject({ state: 'needs_input', detail: question });
    at = row?.at ?? 0;
  });
  return at;
}

describe('email for a question that waits', () => {
  it('sends one session.waiting once the wait is long enough, then a new one only for a new question', async () => {
    const { user, vps, gateway, session } = await sessionOnGateway('refactor');
    const at = await asks(gateway, session.number, session.id, 'Do you want to proceed?');
    const notifier = recordingNotifier();
    const mine = () => notifier.sent.filter((n) => n.userId === user.userId);
    const db = openDb(env.DB);
    await runWaitingEmails(db, notifier, at + AFTER_MS - 1, AFTER_MS, quiet);
    expect(mine()).toEqual([]);
    await runWaitingEmails(db, notifier, at + AFTER_MS, AFTER_MS, quiet);
    await runWaitingEmails(db, notifier, at + 2 * AFTER_MS, AFTER_MS, quiet);
    expect(mine()).toMatchObject([
      {
        kind: 'session.waiting',
        vpsId: vps.vpsId,
        since: at,
        sessions: [{ id: session.id, title: 'refactor', detail: 'Do you want to proceed?' }],
      },
    ]);

    gateway.send(message('session.state', { session_id: session.number, state: 'working' }));
    const next = await asks(gateway, session.number, session.id, 'Allow execution of: rm?');
    await runWaitingEmails(db, notifier, next + AFTER_MS, AFTER_MS, quiet);
    expect(mine().map((n) => n.sessions?.map((s) => s.detail))).toEqual([
      ['Do you want to proceed?'],
      ['Allow execution of: rm?'],
    ]);
  });

  it('sends the questions of one server that came due together in one notification', async () => {
    const { user, vps, gateway, session } = await sessionOnGateway('api');
    const second = await createSession(user.cookie, vps.vpsId, 'web');
    await asks(gateway, session.number, session.id, 'Do you want to proceed?');
    const at = await asks(gateway, second.number, second.id, 'Allow execution of: rm?');
    const notifier = recordingNotifier();
    await runWaitingEmails(openDb(env.DB), notifier, at + AFTER_MS, AFTER_MS, quiet);
    const mine = notifier.sent.filter((n) => n.userId === user.userId);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.sessions?.map((s) => s.title).sort()).toEqual(['api', 'web']);
  });

  it('sends nothing for a question its person has seen, nor for a limit or finished work', async () => {
    const { user, gateway, session } = await sessionOnGateway('seen');
    const at = await asks(gateway, session.number, session.id, 'Continue? [Y/n]');
    const viewer = await connectSubscriber(user.cookie, session.id);
    viewer.send(message('session.attach', { session_id: session.number, ref: 'open' }));
    await viewer.nextMessage('session.snapshot');
    await eventually(async () => {
      const row = await env.DB.prepare('SELECT attention_cleared_at AS c FROM sessions WHERE id = ?')
        .bind(session.id)
        .first<{ c: number | null }>();
      expect(row?.c).not.toBeNull();
    });
    const notifier = recordingNotifier();
    await runWaitingEmails(openDb(env.DB), notifier, at + 2 * AFTER_MS, AFTER_MS, quiet);
    expect(notifier.sent.filter((n) => n.userId === user.userId)).toEqual([]);

    const other = await sessionOnGateway('limited');
    other.gateway.send(
      message('session.state', { session_id: other.session.number, state: 'limited', detail: 'quota' }),
    );
    await eventually(async () => expect((await asked(other.session.id))?.state).toBe('limited'));
    await runWaitingEmails(openDb(env.DB), notifier, Date.now() + 2 * AFTER_MS, AFTER_MS, quiet);
    expect(notifier.sent.filter((n) => n.userId === other.user.userId)).toEqual([]);
  });
});
