/**
 * The bot's conversations through the real system (issue 15, item 5): the Worker's bot (webhook → Queue → grammY, its
 * conversation state in D1 between updates) against the Bot API stand-in, and a real VPS: localcloud's droplet runs
 * the gateway release, as `npm start` has it. A linked user with one server starts a session with /new (no server
 * question, an agent button, a typed title) and its topic appears; /power asks with the billing copy and powers the
 * server off on the confirm button, through the user's cloud.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCall } from '@vibecode/fakes/telegram';
import { answerConsent } from '@vibecode/localcloud';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eCloud, startCloud } from '../e2e/cloud.ts';
import { poll } from '../system/client.ts';
import { startTelegramStack, type TelegramStack, textFrom } from './telegram-stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-conversations-'));
const chat = randomInt(7_300_000, 7_399_999);
const SERVER = 'tg-convo';
const BILLING =
  'Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.';

let cloud: E2eCloud;
let stack: TelegramStack;
let vpsId: string;

beforeAll(async () => {
  cloud = await startCloud(dir);
  stack = await startTelegramStack(cloud.vars);
});
afterAll(async () => {
  await stack?.stop();
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

const callsOf = (method: string) => stack.telegram.calls().filter((call) => call.method === method);
const vpsStatus = async () =>
  (await stack.browser.json<{ vps: { status: string } }>('GET', `/api/vps/${vpsId}`)).vps.status;

/** The bot's messages in the main chat (not in a session's topic, where the screen goes). */
const mainChat = () => stack.sentTo(chat).filter((call) => call.params.message_thread_id === undefined);
/** The bot's next message in the main chat after the first `before`, once it has sent it. */
const nextMessage = (before: number) =>
  poll('the bot’s next message', async () => mainChat()[before] as RecordedCall | undefined);

/** The user presses the button whose callback data is `data` under the bot's message `call` sent. */
async function press(call: RecordedCall, data: string): Promise<void> {
  const buttons = (call.params.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
  expect(buttons.flat().map((b) => b.callback_data)).toContain(data);
  await stack.telegram.deliver({
    callback_query: {
      id: String(randomInt(1, 1_000_000)),
      from: { id: chat, is_bot: false, first_name: `User ${chat}` },
      chat_instance: String(chat),
      message: call.result as Message,
      data,
    },
  });
}

describe('the bot’s conversations', () => {
  it('links the account, connects the cloud and brings a server up', async () => {
    const { code } = await stack.browser.json<{ code: string }>('POST', '/api/telegram/link', undefined, 201);
    await stack.telegram.deliver(textFrom(chat, `/start ${code}`));
    expect(await stack.nextReply(chat, 0)).toContain('***@');

    const connect = await stack.browser.request('GET', '/api/cloud/connect');
    const back = await answerConsent(connect.headers.get('location') ?? '', 'approve');
    expect((await stack.browser.request('GET', `${back.pathname}${back.search}`)).status).toBe(303);
    const created = await stack.browser.json<{ vps: { id: string } }>(
      'POST',
      '/api/vps',
      { size: 's-1vcpu-1gb', name: SERVER },
      201,
    );
    vpsId = created.vps.id;
    await poll('the server ready', async () => ((await vpsStatus()) === 'ready' ? true : undefined), 90_000);
  });

  it('/new: one server asks no server question; an agent button and a typed title start the session and its topic', async () => {
    let before = mainChat().length;
    await stack.telegram.deliver(textFrom(chat, '/new'));
    const agents = await nextMessage(before);
    expect(agents.params.text).toBe('Which agent should the session run?');

    before = mainChat().length;
    await press(agents, 'agent:shell');
    const titleQuestion = await nextMessage(before);
    expect(String(titleQuestion.params.text)).toMatch(/^Send a title for the session/);

    before = mainChat().length;
    await stack.telegram.deliver(textFrom(chat, 'convo build'));
    const started = await nextMessage(before);
    expect(started.params.text).toBe(
      `Started "convo build" on ${SERVER}. Its topic "${SERVER} · convo build" shows the screen and takes your input.`,
    );
    const topic = await poll('the session’s topic', async () => callsOf('createForumTopic')[0]);
    expect(topic.params).toMatchObject({ chat_id: chat, name: `${SERVER} · convo build` });
    const { sessions } = await stack.browser.json<{
      sessions: { title: string; agent_type: string; status: string }[];
    }>('GET', `/api/vps/${vpsId}/sessions`);
    expect(sessions).toMatchObject([{ title: 'convo build', agent_type: 'shell', status: 'running' }]);
  });

  it('/power: asks with the billing copy, and the confirm button powers the server off', async () => {
    const before = mainChat().length;
    await stack.telegram.deliver(textFrom(chat, '/power'));
    const ask = await nextMessage(before);
    expect(ask.params.text).toBe(`Power off ${SERVER}? Running sessions stop until you power it on again. ${BILLING}`);
    expect(await vpsStatus()).toBe('ready');

    await press(ask, 'power:off');
    // The session's screen in its topic is edited meanwhile too: the answer is the edit of the question itself.
    const done = await poll('the question answered', async () =>
      callsOf('editMessageText').find((call) => Number(call.params.message_id) === (ask.result as Message).message_id),
    );
    expect(done.params.text).toBe(`${SERVER} is powered off. ${BILLING}`);
    expect(await vpsStatus()).toBe('powered_off');
    // The cloud did it: localcloud was asked to power the droplet off.
    const powerOffs = cloud.cloud
      .requests()
      .filter((r) => r.method === 'POST' && (r.body as { type?: string } | null)?.type === 'power_off');
    expect(powerOffs).toHaveLength(1);
  });
});
