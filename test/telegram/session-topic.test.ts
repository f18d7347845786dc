/**
 * A session in its Telegram topic (issue 15), through the real system: the Worker's bot (webhook → Queue → grammY)
 * and its GatewayHub with a gateway from this repo on this machine (real tmux), the Bot API stand-in playing
 * Telegram. A linked user's new session gets a topic named after its server and title; text typed in the topic runs
 * in the session and the screen message follows the output; the quiet notice comes when work that ran a while
 * stops; `/key` sends a named key; a storm of 429s costs renders, never the final screen; `/end` asks, then ends the
 * session, and the topic says so and takes no more input. When topics fail, a session is one pinned message in the
 * chat, and replies to it are its input.
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

const dir = mkdtempSync(join(tmpdir(), 'vibe-tg-session-'));
const workspaceRoot = join(dir, 'workspace');
const chat = randomInt(7_200_000, 7_299_999);
const SERVER = 'tg-box';

let stack: TelegramStack;
let gateway: LocalGateway | undefined;
let vpsId: string;
let sessionId: string;
let threadId: number;

beforeAll(async () => {
  stack = await startTelegramStack({ VPS_WORKSPACE_ROOT: workspaceRoot, SESSION_QUIET_SECONDS: '3' });
});
afterAll(async () => {
  await gateway?.stop();
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const callsOf = (method: string) => stack.telegram.calls().filter((call) => call.method === method);
const inTopic = (call: RecordedCall) => Number(call.params.message_thread_id) === threadId;
const messageIdOf = (call: RecordedCall) => (call.result as { message_id?: number } | null)?.message_id ?? 0;

/**
 * A text message in topic `thread` of the user's private chat, as Telegram sends it: its id follows the chat's
 * newest message, as Telegram numbers them (the bot tells a message written below its screen by the id).
 */
function topicText(thread: number, text: string) {
  const newest = Math.max(...stack.telegram.calls().map(messageIdOf));
  const update = textFrom(chat, text, newest + 1);
  return { message: { ...update.message, message_thread_id: thread, is_topic_message: true } };
}

/** A call Telegram refused (a 429 in a storm): the stand-in records its `{ok:false,…}` answer as the result. */
const refused = (call: RecordedCall) => (call.result as { ok?: boolean } | null)?.ok === false;

/**
 * The texts the bot got shown in the topic (or, for a pinned session, as replies to `pinnedId`), and its edits of
 * them, oldest first (an edit names no thread); refused calls showed nothing.
 */
const shownTexts = (pinnedId?: number) => {
  const here = (call: RecordedCall) =>
    pinnedId === undefined
      ? inTopic(call)
      : messageIdOf(call) === pinnedId ||
        (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id === pinnedId;
  const sent = new Set(callsOf('sendMessage').filter(here).map(messageIdOf));
  return stack.telegram
    .calls()
    .filter((call) => !refused(call))
    .filter(
      (call) =>
        (call.method === 'sendMessage' && here(call)) ||
        (call.method === 'editMessageText' && sent.has(Number(call.params.message_id))),
    )
    .map((call) => String(call.params.text));
};
const topicTexts = () => shownTexts();
const QUIET_NOTICE = /may be waiting for your input/;
const screenShows = (needle: string) =>
  poll(`the topic's screen shows ${needle}`, async () =>
    topicTexts().some((t) => t.includes(needle)) ? true : undefined,
  );

describe('a session in its Telegram topic', () => {
  it('links the account and brings a local server online', async () => {
    await linkChat(stack, chat);
    ({ vpsId, gateway } = await localServer(stack, { name: SERVER, dir, workspaceRoot }));
  });

  it('opens a topic named after the server and the session when the session is created on the web', async () => {
    const { session } = await stack.browser.json<{ session: { id: string } }>(
      'POST',
      `/api/vps/${vpsId}/sessions`,
      { title: 'build bot', agent_type: 'shell' },
      201,
    );
    sessionId = session.id;
    const created = await poll('a topic', async () => callsOf('createForumTopic')[0]);
    expect(created.params).toMatchObject({ chat_id: chat, name: `${SERVER} · build bot` });
    threadId = (created.result as { message_thread_id: number }).message_thread_id;
    const screen = await poll('the first screen in the topic', async () => callsOf('sendMessage').find(inTopic));
    expect(screen.params.parse_mode).toBe('HTML');
  });

  it('runs text typed in the topic and shows the output on the screen message', async () => {
    // The typed line reads `tg-$((6*7))`; only the shell's output reads `tg-42`.
    const typed = topicText(threadId, 'echo "tg-$((6*7))"');
    await stack.telegram.deliver(typed);
    await screenShows('tg-42');
    // Shown below the user's message: in a screen message posted after it, not in the one above it.
    const shown = stack.telegram
      .calls()
      .find((call) => !refused(call) && String(call.params.text).includes('tg-42')) as RecordedCall;
    const shownIn = shown.method === 'editMessageText' ? Number(shown.params.message_id) : messageIdOf(shown);
    expect(shownIn).toBeGreaterThan(typed.message.message_id);
    expect(String(shown.params.text)).toMatch(/^<pre>/);
  });

  it('says the session may be waiting for input once work that ran a while stops, and only then', async () => {
    await stack.telegram.deliver(topicText(threadId, 'for i in 1 2 3 4 5; do echo "tick-$((i*10))"; sleep 1; done'));
    await screenShows('tick-50');
    await poll('the quiet notice', async () => topicTexts().find((text) => QUIET_NOTICE.test(text)));
    // The quick echo before it (and the shell's first prompt) earned none: it would have come first.
    expect(topicTexts().filter((text) => QUIET_NOTICE.test(text))).toHaveLength(1);
  });

  it('sends a named key: Ctrl-C stops a running command', async () => {
    await stack.telegram.deliver(topicText(threadId, 'sleep 600; echo "after-$((40+2))"'));
    await stack.telegram.deliver(topicText(threadId, '/key ctrl-c'));
    await stack.telegram.deliver(topicText(threadId, 'echo "stopped-$((40+2))"'));
    await screenShows('stopped-42');
    expect(topicTexts().some((text) => text.includes('after-42'))).toBe(false);
  });

  it('loses no final screen in a storm of 429s', async () => {
    const before = stack.telegram.calls().length;
    // Every render in the next few is refused with a retry_after longer than the bot waits itself.
    stack.telegram.switches.set({ rateLimit: { count: 3, retryAfter: 4 } });
    await stack.telegram.deliver(topicText(threadId, 'for i in 1 2 3 4 5; do echo "storm-$((i*11))"; sleep 1; done'));
    await screenShows('storm-55');
    const storm = stack.telegram.calls().slice(before).filter(refused);
    expect(storm.map((call) => (call.result as { error_code: number }).error_code)).toEqual([429, 429, 429]);
  });

  it('asks before /end, ends the session on the confirm button, and the topic says so', async () => {
    const before = callsOf('sendMessage').length;
    await stack.telegram.deliver(topicText(threadId, '/end'));
    // A screen message posted meanwhile has buttons too (Open terminal, a web_app button): the question's have callback data.
    const asksToConfirm = (call: { params: Record<string, unknown> }) =>
      (call.params.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard
        ?.flat()
        .some((button) => button.callback_data !== undefined) ?? false;
    const ask = await poll('the confirm question', async () =>
      callsOf('sendMessage')
        .slice(before)
        .find((call) => inTopic(call) && asksToConfirm(call)),
    );
    const markup = ask.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const buttons = markup.inline_keyboard.flat();
    const confirm = buttons.find((b) => /end/i.test(b.text));
    expect(confirm, JSON.stringify(buttons)).toBeDefined();
    await stack.telegram.deliver({
      callback_query: {
        id: String(randomInt(1, 1_000_000)),
        from: { id: chat, is_bot: false, first_name: `User ${chat}` },
        chat_instance: String(chat),
        message: ask.result as Message,
        data: confirm?.callback_data,
      },
    });
    const renamed = await poll('the topic renamed', async () =>
      callsOf('editForumTopic').find((call) => Number(call.params.message_thread_id) === threadId),
    );
    expect(String(renamed.params.name)).toBe(`${SERVER} · build bot (ended)`);
    // The end brings two more texts to the topic, in no set order with the rename: the ended notice and the
    // question's edit. Both are in before the next test counts what the topic shows.
    await poll('the ended notice in the topic', async () =>
      topicTexts().find((text) => text.startsWith('This session has ended')),
    );
    await poll('the question answered', async () =>
      callsOf('editMessageText').find((call) => Number(call.params.message_id) === messageIdOf(ask)),
    );
    const { sessions } = await stack.browser.json<{ sessions: { id: string }[] }>('GET', `/api/vps/${vpsId}/sessions`);
    expect(sessions.map((s) => s.id)).not.toContain(sessionId);
  });

  it('takes no more input in the ended topic and says why', async () => {
    const before = topicTexts().length;
    await stack.telegram.deliver(topicText(threadId, 'echo "late-$((40+2))"'));
    const answer = await poll('the answer in the ended topic', async () => topicTexts()[before]);
    expect(answer).toMatch(/ended/i);
    expect(topicTexts().some((text) => text.includes('late-42'))).toBe(false);
  });

  it('shows a session as one pinned message when topics fail, and takes replies to it as input', async () => {
    // Telegram stops taking topics in private chats (as after an API change): creating one now fails.
    stack.telegram.switches.set({ topicsEnabled: false });
    const pins = callsOf('pinChatMessage').length;
    await stack.browser.json('POST', `/api/vps/${vpsId}/sessions`, { title: 'pinned one', agent_type: 'shell' }, 201);
    const pin = await poll('the pinned screen', async () => callsOf('pinChatMessage')[pins]);
    const pinnedId = Number(pin.params.message_id);
    const screen = callsOf('sendMessage').find((call) => messageIdOf(call) === pinnedId);
    expect(String(screen?.params.text)).toMatch(/^<b>tg-box · pinned one<\/b>/);
    // The reason follows the pin, once for the chat.
    const told = await poll('why the session is pinned', async () => {
      const calls = callsOf('sendMessage').filter((call) =>
        String(call.params.text).startsWith('Topics are not available'),
      );
      return calls.length > 0 ? calls : undefined;
    });
    expect(told).toHaveLength(1);

    const reply = textFrom(chat, 'echo "pin-$((6*7))"', Math.max(...stack.telegram.calls().map(messageIdOf)) + 1);
    const repliedTo = { ...(screen?.result as Message), reply_to_message: undefined };
    await stack.telegram.deliver({ message: { ...reply.message, reply_to_message: repliedTo } });
    await poll('the pinned screen shows pin-42', async () =>
      shownTexts(pinnedId).some((text) => text.includes('pin-42')) ? true : undefined,
    );
  });
});
