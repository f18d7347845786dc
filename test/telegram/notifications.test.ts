/**
 * Notices in Telegram (issue 15 item 7), through the real system: the Worker's cron (`wrangler dev --test-scheduled`)
 * finds a server idle for a day and its notifier reaches the linked user's chat as well as the web banner; Power off…
 * asks with the billing copy and Cancel takes the question back (the message as kept in D1); Keep running pressed in
 * the chat answers the notice on the web too (the banner is gone) and the message says so without buttons;
 * a newer idle period's notice closed on the web edits its chat message the same way.
 *
 * The server is a `ready` row without a droplet or a gateway: the idle sweep reads only the VPS's last change while no
 * gateway reports activity, so its `updated_at` moved back a day is the one seam (as in test/e2e/lifecycle.test.ts).
 * Power off needs a cloud; core's workerd tests (core/test/provisioning/notice-control.test.ts) cover its path.
 */
import { randomInt } from 'node:crypto';
import type { RecordedCall } from '@vibecode/fakes/telegram';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll } from '../system/client.ts';
import { startTelegramStack, type TelegramStack, textFrom } from './telegram-stack.ts';

const chat = randomInt(7_300_000, 7_399_999);
const SERVER = 'tg-idle-box';
const HOUR = 3_600_000;

let stack: TelegramStack;
let userId: string;
const vpsId = crypto.randomUUID();

beforeAll(async () => {
  stack = await startTelegramStack({}, { testScheduled: true });
});
afterAll(async () => {
  await stack?.stop();
});

type Banner = { id: string; kind: string; vps_id: string };
const banners = async () =>
  (await stack.browser.json<{ notifications: Banner[] }>('GET', '/api/notifications')).notifications.filter(
    (n) => n.vps_id === vpsId,
  );
const lastActivityHoursAgo = (hours: number) =>
  stack.system.sql(`UPDATE vps SET updated_at = ${Math.round(Date.now() - hours * HOUR)} WHERE id = '${vpsId}'`);
const refused = (call: RecordedCall) => (call.result as { ok?: boolean } | null)?.ok === false;

/** The bot's sent notices in the chat (messages with buttons), oldest first. */
const noticesSent = () =>
  stack
    .sentTo(chat)
    .map((call) => call.result as Message)
    .filter((m) => m.reply_markup !== undefined);
/** The bot's edits of message `id` that Telegram took, oldest first. */
const editsOf = (id: number) =>
  stack.telegram
    .calls()
    .filter((c) => c.method === 'editMessageText' && Number(c.params.message_id) === id && !refused(c))
    .map((c) => c.result as Message);

/** The user presses the button with `data` under `message`, as Telegram delivers the press. */
const press = (message: Message, data: string) =>
  stack.telegram.deliver({
    callback_query: {
      id: `cb-${randomInt(1, 1_000_000)}`,
      from: { id: chat, is_bot: false, first_name: `User ${chat}` },
      chat_instance: 'ci',
      message,
      data,
    },
  });
/** Waits for the bot's `count`th edit of `message`; answers it. */
const edit = (message: Message, count: number) =>
  poll(`edit ${count} of the notice`, async () => editsOf(message.message_id)[count - 1]);
const buttons = (m: Message) =>
  m.reply_markup?.inline_keyboard.flat().map((b) => [b.text, 'callback_data' in b ? b.callback_data : null]);

/** A new idle notice: the cron's sweep sends one, which reaches the chat with its buttons. */
async function idleNotice(): Promise<{ message: Message; banner: Banner }> {
  const before = noticesSent().length;
  expect(await stack.system.scheduled()).toBe(1);
  const message = await poll('the idle notice in the chat', async () => noticesSent()[before]);
  const banner = await poll('the idle banner', async () => (await banners()).find((n) => n.kind === 'vps.idle'));
  return { message, banner };
}

describe('notices in Telegram', () => {
  it('links the account; the user has a server that is ready', async () => {
    const { code } = await stack.browser.json<{ code: string }>('POST', '/api/telegram/link', undefined, 201);
    await stack.telegram.deliver(textFrom(chat, `/start ${code}`));
    expect(await stack.nextReply(chat, 0)).toContain('***@');
    ({
      user: { id: userId },
    } = await stack.browser.json<{ user: { id: string } }>('GET', '/api/me'));
    const now = Date.now();
    stack.system.sql(
      `INSERT INTO vps (id, user_id, name, region, size, status, created_at, updated_at) VALUES ('${vpsId}', '${userId}', '${SERVER}', 'ams3', 's-1vcpu-2gb', 'ready', ${now}, ${now});`,
    );
  });

  it('a day without activity: the notice reaches the chat with Power off… and Keep running', async () => {
    lastActivityHoursAgo(25);
    const { message, banner } = await idleNotice();
    expect(message.chat.id).toBe(chat);
    expect(message.text).toContain(`${SERVER} has been idle for 24 hours`);
    expect(buttons(message)).toEqual([
      ['Power off…', `notice:ask-off:${banner.id}`],
      ['Keep running', `notice:keep_running:${banner.id}`],
    ]);
  });

  it('Power off… asks with the billing copy; Cancel puts the notice back as it was', async () => {
    const [message] = noticesSent();
    if (message === undefined) throw new Error('no notice in the chat');
    const id = (await banners())[0]?.id;
    await press(message, `notice:ask-off:${id}`);
    const question = await edit(message, 1);
    expect(question.text).toContain('Power off? Running sessions stop until you power it on again.');
    expect(question.text).toContain('Storage and reserved IP continue to be billed.');
    expect(buttons(question)).toEqual([
      ['Power off', `notice:power_off:${id}`],
      ['Cancel', `notice:back:${id}`],
    ]);
    await press(question, `notice:back:${id}`);
    const restored = await edit(message, 2);
    expect(restored.text).toBe(message.text);
    expect(buttons(restored)).toEqual(buttons(message));
    expect(await banners()).toHaveLength(1);
  });

  it('Keep running in the chat: the web banner is gone and the message says so, without buttons', async () => {
    const [message] = noticesSent();
    if (message === undefined) throw new Error('no notice in the chat');
    const shown = editsOf(message.message_id).at(-1) ?? message;
    await press(shown, `notice:keep_running:${(await banners())[0]?.id}`);
    const edited = await edit(message, 3);
    expect(edited.text).toBe(`${message.text}\n\n✓ Kept running.`);
    expect(edited.reply_markup).toBeUndefined();
    expect(await banners()).toEqual([]);
    const answered = await poll('the press answered', async () =>
      stack.telegram.calls().find((c) => c.method === 'answerCallbackQuery' && c.params.text !== undefined),
    );
    expect(answered.params.text).toBe('✓ Kept running.');
    // The same idle period is never announced again.
    expect(await stack.system.scheduled()).toBe(0);
  });

  it('a newer idle period closed on the web: its chat message is edited the same way', async () => {
    // Used again after the first period began, and that too over a day ago: a newer period.
    lastActivityHoursAgo(24.5);
    const { message, banner } = await idleNotice();
    await stack.browser.json('POST', `/api/notifications/${banner.id}/dismiss`, undefined, 204);
    const edited = await edit(message, 1);
    expect(edited.text).toBe(`${message.text}\n\n✓ Kept running.`);
    expect(edited.reply_markup).toBeUndefined();
    // A second close (another tab) edits nothing more.
    await stack.browser.json('POST', `/api/notifications/${banner.id}/dismiss`, undefined, 204);
    await new Promise((ok) => setTimeout(ok, 500));
    expect(editsOf(message.message_id)).toHaveLength(1);
  });
});
