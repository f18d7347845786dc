/**
 * Issue 17 in Telegram, through the real system: the Worker's bot and its GatewayHub with a gateway from this repo on
 * this machine (real tmux), the Bot API stand-in playing Telegram. A shell session in its topic asks a real y/n
 * question (bash's `read -p`, typed in the topic: no terminal watches it); the gateway reports it `needs_input`, and
 * it reaches both the topic, as one message with Yes/No buttons, and the web's feed (`GET /api/attention`). The Yes
 * button answers it through core (the pane shows answer=y), the message says what was answered without its buttons,
 * and the web's feed no longer lists it.
 */
import { randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCall } from '@vibecode/fakes/telegram';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalGateway } from '../e2e/gateway.ts';
import { poll } from '../system/client.ts';
import { linkChat, localServer, startTelegramStack, type TelegramStack, textFrom } from './telegram-stack.ts';

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-attention-'));
const workspaceRoot = join(dir, 'workspace');
const chat = randomInt(7_300_000, 7_399_999);

let stack: TelegramStack;
let gateway: LocalGateway | undefined;

beforeAll(async () => {
  stack = await startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot });
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Item = { session_id: string; state: string; choices?: { key: string; label: string }[] };
type Button = { text: string; callback_data?: string };

const callsOf = (method: string) => stack.telegram.calls().filter((call) => call.method === method);
const messageIdOf = (call: RecordedCall) => (call.result as { message_id?: number } | null)?.message_id ?? 0;
const buttonsOf = (call: RecordedCall) =>
  ((call.params.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat();
const feed = async () => (await stack.browser.json<{ items: Item[] }>('GET', '/api/attention')).items;

describe('a question in a Telegram topic, answered there', () => {
  it('reaches the topic with its choices as buttons and the web’s feed, and one tap answers it', async () => {
    await linkChat(stack, chat);
    const server = await localServer(stack, { name: 'tg-ask', dir, workspaceRoot });
    gateway = server.gateway;
    const { session } = await stack.browser.json<{ session: { id: string } }>(
      'POST',
      `/api/vps/${server.vpsId}/sessions`,
      { title: 'asks', agent_type: 'shell' },
      201,
    );
    const created = await poll('a topic', async () => callsOf('createForumTopic')[0]);
    const threadId = (created.result as { message_thread_id: number }).message_thread_id;
    const inTopic = (call: RecordedCall) => Number(call.params.message_thread_id) === threadId;
    await poll('the first screen', async () => callsOf('sendMessage').find(inTopic));

    const newest = Math.max(...stack.telegram.calls().map(messageIdOf));
    const typed = textFrom(chat, 'read -p "Do you want to continue? [Y/n] " a; echo "answer=$a"', newest + 1);
    await stack.telegram.deliver({
      message: { ...typed.message, message_thread_id: threadId, is_topic_message: true },
    });

    const isQuestion = (call: RecordedCall) => buttonsOf(call).some((b) => b.callback_data?.startsWith('att:'));
    const asked = await poll('the question in the topic', async () =>
      callsOf('sendMessage').find((call) => inTopic(call) && isQuestion(call)),
    );
    expect(String(asked.params.text)).toContain('Do you want to continue? [Y/n]');
    const buttons = buttonsOf(asked);
    expect(buttons.map((b) => b.callback_data)).toEqual([
      expect.stringMatching(/^att:\d+:0$/),
      expect.stringMatching(/^att:\d+:1$/),
    ]);
    // The web's feed lists it too (polled: the gateway may see the prompt flicker while the screen settles).
    const item = await poll('the question in the web’s feed', async () => (await feed())[0]);
    expect(item).toMatchObject({ session_id: session.id, state: 'needs_input' });
    expect(item.choices?.map((c) => c.key)).toEqual(['y', 'n']);

    const yes = buttons[item.choices?.findIndex((c) => c.key === 'y') ?? -1];
    expect(yes).toBeDefined();
    await stack.telegram.deliver({
      callback_query: {
        id: String(randomInt(1, 1_000_000)),
        from: { id: chat, is_bot: false, first_name: `User ${chat}` },
        chat_instance: String(chat),
        message: asked.result as Message,
        data: yes?.callback_data,
      },
    });
    const settled = await poll('the question settled', async () =>
      callsOf('editMessageText').find((call) => Number(call.params.message_id) === messageIdOf(asked)),
    );
    expect(String(settled.params.text)).toMatch(/✓ Answered: /);
    expect(settled.params.reply_markup).toBeUndefined();
    await poll('answer=y on the topic’s screen', async () =>
      stack.telegram
        .calls()
        .some((call) => /^<pre>/.test(String(call.params.text)) && String(call.params.text).includes('answer=y'))
        ? true
        : undefined,
    );
    expect(await feed()).toEqual([]);
    // One message for the question, however its screen flickered.
    const questions = callsOf('sendMessage').filter((call) => inTopic(call) && isQuestion(call));
    expect(questions).toHaveLength(1);
  });
});
