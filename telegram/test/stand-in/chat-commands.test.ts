/**
 * The main chat's commands through the real bot and the Bot API stand-in, over recording doubles of core's
 * `SessionControl` and `ServerControl`: /new (the server asked only when there are several, the agent, a title typed
 * or the default), /sessions with a button per session, /power with its confirm and the billing copy, /keys; a
 * command leaves a waiting question, stale buttons and stray text are answered, and the conversation's state lives in
 * its store between updates.
 */
import type { ServerSummary } from '@vibecode/core/ports';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { SHOW_SESSION } from '../../src/chat/chat-commands.ts';
import { AGENT, CANCEL, DEFAULT_TITLE, POWER, SERVER, TITLE } from '../../src/chat/conversations.ts';
import { harness, USER, USER_ID } from './harness.ts';

const server = (vpsId: string, name: string, status: ServerSummary['status'] = 'ready'): ServerSummary => ({
  vpsId,
  name,
  status,
  region: 'nyc1',
  size: 's-1vcpu-1gb',
});

type H = Awaited<ReturnType<typeof harness>>;

/** Ada writes `text`; what the bot sent in answer. */
async function say(h: H, text: string): Promise<Message[]> {
  const from = h.fake.calls().length;
  await h.write(text);
  return h.sentSince(from);
}

/** Ada presses `data` under `message`; the Bot API calls the press caused. */
async function tap(h: H, message: Message | undefined, data: string) {
  if (message === undefined) throw new Error('no message to press a button of');
  const from = h.fake.calls().length;
  await h.press(message, data);
  return h.callsSince(from);
}

const buttonsOf = (message: Message | undefined) =>
  message?.reply_markup?.inline_keyboard.flat().map((b) => [b.text, 'callback_data' in b ? b.callback_data : null]);
const answered = (calls: { method: string; params: unknown }[]) =>
  calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => (c.params as { text?: string }).text ?? null);
const edited = (calls: { method: string; params: unknown }[]) =>
  calls.filter((c) => c.method === 'editMessageText').map((c) => (c.params as { text: string }).text);

describe('/new', () => {
  it('skips the server question with one server, takes the agent from a button and the title as text', async () => {
    const h = await harness({ servers: [server('vps-1', 'api')] });
    const [agentQuestion] = await say(h, '/new');
    expect(agentQuestion?.text).toBe('Which agent should the session run?');
    expect(buttonsOf(agentQuestion)).toEqual([
      ['claude', `${AGENT}claude`],
      ['codex', `${AGENT}codex`],
      ['gemini', `${AGENT}gemini`],
      ['shell', `${AGENT}shell`],
    ]);
    expect(h.conversations.rows.has(String(USER.id))).toBe(true);

    const pressed = await tap(h, agentQuestion, `${AGENT}claude`);
    expect(edited(pressed)).toEqual(['Agent: claude']);
    const titleQuestion = h.sentSince(0).at(-1);
    expect(titleQuestion?.text).toBe('Send a title for the session, or tap the button to call it "claude".');
    expect(buttonsOf(titleQuestion)).toEqual([['Use "claude"', `${TITLE}${DEFAULT_TITLE}`]]);

    const [started] = await say(h, 'Fix the tests');
    expect(h.sessions.created).toEqual([
      { userId: USER_ID, vpsId: 'vps-1', request: { title: 'Fix the tests', agentType: 'claude' } },
    ]);
    expect(started?.text).toBe(
      'Started "Fix the tests" on api. Its topic "api · Fix the tests" shows the screen and takes your input.',
    );
    expect(h.conversations.rows.has(String(USER.id))).toBe(false);
  });

  it('asks for the server when there are several, and takes the default title from its button', async () => {
    const h = await harness({ servers: [server('vps-1', 'api'), server('vps-2', 'web', 'offline')] });
    const [serverQuestion] = await say(h, '/new');
    expect(serverQuestion?.text).toBe('Which server?');
    expect(buttonsOf(serverQuestion)).toEqual([
      ['api (ready)', `${SERVER}0`],
      ['web (offline)', `${SERVER}1`],
    ]);
    expect(edited(await tap(h, serverQuestion, `${SERVER}1`))).toEqual(['Server: web']);
    await tap(h, h.sentSince(0).at(-1), `${AGENT}shell`);
    await tap(h, h.sentSince(0).at(-1), `${TITLE}${DEFAULT_TITLE}`);
    expect(h.sessions.created).toEqual([
      { userId: USER_ID, vpsId: 'vps-2', request: { title: 'shell', agentType: 'shell' } },
    ]);
  });

  it('asks again for a title core refuses, and answers any other refusal with core’s message', async () => {
    const h = await harness({ servers: [server('vps-1', 'api')] });
    await say(h, '/new');
    await tap(h, h.sentSince(0).at(-1), `${AGENT}codex`);
    const [again] = await say(h, '   ');
    expect(again?.text).toBe(
      'title must be printable text, not only spaces. A title is 1 to 100 characters of text. Send another, or tap the button.',
    );
    h.sessions.refuse = { code: 'gateway.offline', message: 'the gateway is offline' };
    expect((await say(h, 'second try')).map((m) => m.text)).toEqual(['the gateway is offline']);
    expect(h.sessions.created.map((c) => c.request.title)).toEqual(['   ', 'second try']);
    expect(h.conversations.rows.size).toBe(0);
  });

  it('tells a user without servers to create one, and keeps no conversation', async () => {
    const h = await harness();
    expect((await say(h, '/new')).map((m) => m.text)).toEqual([
      'You have no servers yet. Create one on the VibeCode dashboard, then come back.',
    ]);
    expect(h.conversations.rows.size).toBe(0);
  });

  it('answers stray text and other buttons with a hint while it waits, and leaves for a command', async () => {
    const h = await harness({ servers: [server('vps-1', 'api'), server('vps-2', 'web')] });
    const [serverQuestion] = await say(h, '/new');
    expect((await say(h, 'api please')).map((m) => m.text)).toEqual([
      'Tap one of the buttons above, or send a command to leave.',
    ]);
    expect(answered(await tap(h, serverQuestion, `${SERVER}7`))).toEqual([
      'Tap one of the buttons above, or send a command to leave.',
    ]);
    expect(answered(await tap(h, serverQuestion, `${AGENT}claude`))).toEqual([
      'Tap one of the buttons above, or send a command to leave.',
    ]);
    // /sessions runs beside the question; /keys leaves it and starts its own.
    expect((await say(h, '/sessions')).map((m) => m.text)).toEqual(['No open sessions. /new starts one.']);
    const [keysQuestion] = await say(h, '/keys');
    expect(keysQuestion?.text).toBe('Which server?');
    expect(answered(await tap(h, serverQuestion, `${SERVER}0`))).toEqual([null]);
    expect(h.servers.calls).toEqual([{ method: 'keys', userId: USER_ID, vpsId: 'vps-1' }]);
    expect(h.sessions.created).toEqual([]);
    // The /new question is gone with its conversation: its button now says so.
    expect(answered(await tap(h, serverQuestion, `${SERVER}1`))).toEqual([
      'That question has expired. Send the command again.',
    ]);
  });
});

describe('/sessions', () => {
  it('lists the open sessions with a button each that posts the screen again in its topic', async () => {
    const h = await harness({ servers: [server('vps-1', 'api')] });
    h.sessions.open.push(
      { ...sessionOf('sess-1', 'Fix the tests'), status: 'running' },
      { ...sessionOf('sess-2', 'Docs'), status: 'exited' },
    );
    const [list] = await say(h, '/sessions');
    expect(list?.text).toBe('Your open sessions. Tap one to show its screen again in its topic:');
    expect(buttonsOf(list)).toEqual([
      ['api · Fix the tests', `${SHOW_SESSION}sess-1`],
      ['api · Docs (exited)', `${SHOW_SESSION}sess-2`],
    ]);
    expect(answered(await tap(h, list, `${SHOW_SESSION}sess-2`))).toEqual(['The screen is posted again in its topic.']);
    expect(h.sessions.calls).toEqual([{ method: 'redraw', userId: USER_ID, sessionId: 'sess-2' }]);

    h.sessions.refuse = { code: 'session.not_found', message: 'no such session' };
    const refused = await tap(h, list, `${SHOW_SESSION}sess-1`);
    expect(refused.find((c) => c.method === 'answerCallbackQuery')?.params).toMatchObject({
      text: 'no such session',
      show_alert: true,
    });
  });
});

describe('/power', () => {
  it('asks before powering off, with the billing copy, and says what was done', async () => {
    const h = await harness({ servers: [server('vps-1', 'api')] });
    const [question] = await say(h, '/power');
    expect(question?.text).toBe(
      'Power off api? Running sessions stop until you power it on again. Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.',
    );
    expect(buttonsOf(question)).toEqual([
      ['Power off', `${POWER}off`],
      ['Cancel', `${POWER}${CANCEL}`],
    ]);
    expect(h.servers.calls).toEqual([]);
    const pressed = await tap(h, question, `${POWER}off`);
    expect(h.servers.calls).toEqual([{ method: 'power', userId: USER_ID, vpsId: 'vps-1', action: 'off' }]);
    expect(edited(pressed)).toEqual([
      'api is powered off. Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.',
    ]);
    expect(pressed.find((c) => c.method === 'editMessageText')?.result).not.toHaveProperty('reply_markup');

    // Now powered off: the same command offers Power on.
    const [on] = await say(h, '/power');
    expect(on?.text).toBe('api is powered off. Power it on?');
    expect(edited(await tap(h, on, `${POWER}on`))).toEqual([
      'Powering on api. Its sessions can start again once it is ready.',
    ]);
  });

  it('changes nothing on Cancel, answers core’s refusal, and offers nothing for a server in between', async () => {
    const h = await harness({ servers: [server('vps-1', 'api'), server('vps-2', 'new', 'provisioning')] });
    await say(h, '/power');
    await tap(h, h.sentSince(0).at(-1), `${SERVER}0`);
    expect(edited(await tap(h, h.sentSince(0).at(-1), `${POWER}${CANCEL}`))).toEqual(['Cancelled: nothing changed.']);
    expect(h.servers.calls).toEqual([]);

    await say(h, '/power');
    await tap(h, h.sentSince(0).at(-1), `${SERVER}0`);
    h.servers.refuse = { code: 'cloud.not_connected', message: 'connect a cloud account first' };
    expect(edited(await tap(h, h.sentSince(0).at(-1), `${POWER}off`))).toEqual(['connect a cloud account first']);

    await say(h, '/power');
    const from = h.fake.calls().length;
    await tap(h, h.sentSince(0).at(-1), `${SERVER}1`);
    expect(h.sentSince(from).map((m) => m.text)).toEqual(['new is provisioning: there is nothing to power now.']);
  });
});

describe('/keys', () => {
  it('lists the server’s SSH keys, or says there are none', async () => {
    const h = await harness({ servers: [server('vps-1', 'api')] });
    expect((await say(h, '/keys')).map((m) => m.text)).toEqual([
      "No SSH keys on api. Add one on the server's page in VibeCode.",
    ]);
    h.servers.keysOf.set('vps-1', [
      {
        fingerprint: 'SHA256:abc',
        label: 'laptop',
        type: 'user',
        public_key: 'ssh-ed25519 AAAA laptop',
        expires_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
      },
      {
        fingerprint: 'SHA256:def',
        label: 'VibeCode support',
        type: 'support',
        public_key: 'ssh-ed25519 AAAA support',
        expires_at: '2026-01-02T00:00:00.000Z',
        created_at: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect((await say(h, '/keys')).map((m) => m.text)).toEqual([
      'SSH keys on api:\n• laptop (user)\n  SHA256:abc\n• VibeCode support (support, until 2026-01-02T00:00:00.000Z)\n  SHA256:def',
    ]);
    h.servers.refuse = { code: 'vps.not_found', message: 'no such VPS' };
    expect((await say(h, '/keys')).map((m) => m.text)).toEqual(['no such VPS']);
  });
});

describe('the command list', () => {
  it('lists the new commands in /help', async () => {
    const h = await harness();
    const [help] = await say(h, '/help');
    expect(help?.text).toContain('/new: Start a session: server, agent, title');
    expect(help?.text).toContain('/sessions: Your open sessions, each with its topic');
    expect(help?.text).toContain('/power: Power a server off or on');
    expect(help?.text).toContain('/keys: The SSH keys on a server');
  });
});

function sessionOf(sessionId: string, title: string) {
  return {
    userId: USER_ID,
    vpsId: 'vps-1',
    vpsName: 'api',
    sessionId,
    sessionNumber: 1,
    title,
    agentType: 'shell' as const,
  };
}
