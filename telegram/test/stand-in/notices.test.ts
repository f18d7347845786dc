/**
 * Notices in the main chat through the real bot and the Bot API stand-in, over a recording `NoticeControl` that, as
 * core does, tells the channel when a notice is answered: a delivery shows its buttons; Power off… asks with the
 * billing copy and Cancel takes the question back; a press answers the notice and the message says so without
 * buttons; a refusal is an alert; an answer from elsewhere (the web) edits the message once.
 */
import type { AnsweredNotices, Notification } from '@vibecode/core/ports';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { noticeData } from '../../src/notices/notice-text.ts';
import { harness, USER, USER_ID } from './harness.ts';

type H = Awaited<ReturnType<typeof harness>>;
type Call = { method: string; params: unknown; result: unknown };

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const idle = (id = ID, userId = USER_ID): Notification => ({
  id,
  kind: 'vps.idle',
  userId,
  vpsId: 'vps-1',
  vpsName: 'api',
  since: Date.parse('2026-11-24T10:00:00.000Z'),
  actions: ['power_off', 'keep_running'],
});
const NOTICE_TEXT =
  'api has been idle for 24 hours\n\nNothing has happened on api since 2026-11-24T10:00:00.000Z. Power it off to ' +
  'stop paying for it, or keep it running:\n\nhttps://vibecode.example/vps/vps-1';
const BILLING =
  'Compute billing stops. Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.';

/** The channel delivers `notification`; the message it sent. */
async function deliver(h: H, notification: Notification = idle()): Promise<Message> {
  const from = h.fake.calls().length;
  await h.noticeChannel.deliver(notification);
  const [sent] = h.sentSince(from);
  if (sent === undefined) throw new Error('the notice was not sent');
  return sent;
}

/** Ada presses `verb` under `message`; the Bot API calls the press caused. */
async function tap(h: H, message: Message, verb: Parameters<typeof noticeData>[0], id = ID): Promise<Call[]> {
  const from = h.fake.calls().length;
  await h.press(message, noticeData(verb, id));
  return h.callsSince(from);
}

const buttonsOf = (markup: Message['reply_markup']) =>
  markup?.inline_keyboard
    .flat()
    .map((b) => [b.text, 'callback_data' in b ? b.callback_data : 'url' in b ? b.url : null]);
const of = (calls: Call[], method: string) => calls.filter((c) => c.method === method);
const alerts = (calls: Call[]) =>
  of(calls, 'answerCallbackQuery').map((c) => c.params as { text?: string; show_alert?: boolean });
const edits = (calls: Call[]) => of(calls, 'editMessageText').map((c) => c.result as Message);

describe('delivery', () => {
  it("sends the notice to the linked user's chat with its actions as buttons and keeps the message", async () => {
    const h = await harness();
    expect(await h.noticeChannel.linked(USER_ID)).toBe(true);
    const sent = await deliver(h);
    expect(sent.chat.id).toBe(USER.id);
    expect(sent.message_thread_id).toBeUndefined();
    expect(sent.text).toBe(NOTICE_TEXT);
    expect(buttonsOf(sent.reply_markup)).toEqual([
      ['Power off…', noticeData('ask-off', ID)],
      ['Keep running', noticeData('keep_running', ID)],
    ]);
    expect(h.noticeMessages.rows.get(ID)).toMatchObject({
      userId: USER_ID,
      chatId: USER.id,
      messageId: sent.message_id,
      text: NOTICE_TEXT,
    });
  });

  it('links the server page and the console as URL buttons', async () => {
    const h = await harness();
    const offline = await deliver(h, { ...idle('n-off'), kind: 'vps.offline', actions: ['open_vps'] });
    expect(buttonsOf(offline.reply_markup)).toEqual([['Open server', 'https://vibecode.example/vps/vps-1']]);
    const timeout = await deliver(h, {
      ...idle('n-to'),
      kind: 'vps.provisioning_timeout',
      actions: ['retry', 'open_console'],
    });
    expect(buttonsOf(timeout.reply_markup)).toEqual([
      ['Retry setup', noticeData('retry', 'n-to')],
      ['Open console', 'https://vibecode.example/vps/vps-1'],
    ]);
  });

  it('sends no mail-only reminder of a waiting session: its topic showed the question as it came', async () => {
    const h = await harness();
    const from = h.fake.calls().length;
    await h.noticeChannel.deliver({
      ...idle('n-wait'),
      kind: 'session.waiting',
      actions: [],
      sessions: [{ id: 's1', title: 'refactor', detail: 'Continue? [Y/n]' }],
    });
    expect(h.callsSince(from)).toEqual([]);
    expect(h.noticeMessages.rows.size).toBe(0);
  });

  it('sends nothing to a user who has not linked Telegram', async () => {
    const h = await harness();
    expect(await h.noticeChannel.linked('user-bob')).toBe(false);
    const from = h.fake.calls().length;
    await h.noticeChannel.deliver(idle('n-bob', 'user-bob'));
    expect(h.callsSince(from)).toEqual([]);
    expect(h.noticeMessages.rows.size).toBe(0);
  });
});

describe('buttons', () => {
  it('Power off… asks with the billing copy; Cancel puts the notice and its buttons back', async () => {
    const h = await harness();
    const sent = await deliver(h);
    const asked = await tap(h, sent, 'ask-off');
    const [question] = edits(asked);
    expect(question?.text).toBe(
      `${NOTICE_TEXT}\n\nPower off? Running sessions stop until you power it on again. ${BILLING}`,
    );
    expect(buttonsOf(question?.reply_markup)).toEqual([
      ['Power off', noticeData('power_off', ID)],
      ['Cancel', noticeData('back', ID)],
    ]);
    expect(h.notices.calls).toEqual([]);

    // Pressed under the message as the chat shows it now (the stand-in takes a pressed message as the chat's).
    const back = await tap(h, question as Message, 'back');
    const [restored] = edits(back);
    expect(restored?.text).toBe(NOTICE_TEXT);
    expect(restored?.reply_markup).toEqual(sent.reply_markup);
    expect(alerts(back)).toEqual([{ callback_query_id: expect.any(String) }]);
    expect(h.notices.calls).toEqual([]);

    // A second Cancel from a client that had not caught up yet: nothing to change, no failure.
    const again = await tap(h, restored as Message, 'back');
    expect(of(again, 'editMessageText').map((c) => (c.result as { ok?: boolean }).ok)).toEqual([false]);
    expect(alerts(again)).toHaveLength(1);
  });

  it('Power off answers the notice through core; the message says so, without buttons, and is let go', async () => {
    const h = await harness();
    const sent = await deliver(h);
    await tap(h, sent, 'ask-off');
    const pressed = await tap(h, sent, 'power_off');
    expect(h.notices.calls).toEqual([{ userId: USER_ID, noticeId: ID, action: 'power_off' }]);
    const [done] = edits(pressed);
    expect(done?.message_id).toBe(sent.message_id);
    expect(done?.text).toBe(`${NOTICE_TEXT}\n\n✓ Powered off. Compute billing stops.`);
    expect(done?.reply_markup).toBeUndefined();
    expect(alerts(pressed)).toMatchObject([{ text: '✓ Powered off. Compute billing stops.' }]);
    expect(h.noticeMessages.rows.has(ID)).toBe(false);
  });

  it('Keep running answers at once', async () => {
    const h = await harness();
    const sent = await deliver(h);
    const pressed = await tap(h, sent, 'keep_running');
    expect(h.notices.calls).toEqual([{ userId: USER_ID, noticeId: ID, action: 'keep_running' }]);
    expect(edits(pressed).map((m) => [m.text, m.reply_markup])).toEqual([
      [`${NOTICE_TEXT}\n\n✓ Kept running.`, undefined],
    ]);
  });

  it('a refusal is an alert and leaves the message and its buttons', async () => {
    const h = await harness();
    const sent = await deliver(h);
    h.notices.refuse = { code: 'cloud.not_connected', message: 'Connect DigitalOcean first.' };
    const pressed = await tap(h, sent, 'keep_running');
    expect(alerts(pressed)).toMatchObject([{ text: 'Connect DigitalOcean first.', show_alert: true }]);
    expect(of(pressed, 'editMessageText')).toEqual([]);
    expect(of(pressed, 'editMessageReplyMarkup')).toEqual([]);
    expect(h.noticeMessages.rows.has(ID)).toBe(true);
  });

  it('a notice answered elsewhere already: the alert says so and the buttons go', async () => {
    const h = await harness();
    const sent = await deliver(h);
    h.notices.refuse = { code: 'notification.answered', message: 'This notice was answered already.' };
    const pressed = await tap(h, sent, 'keep_running');
    expect(alerts(pressed)).toMatchObject([{ text: 'This notice was answered already.', show_alert: true }]);
    const [bare] = of(pressed, 'editMessageReplyMarkup').map((c) => c.result as Message);
    expect(bare?.text).toBe(NOTICE_TEXT);
    expect(bare?.reply_markup).toBeUndefined();

    // A second device's press of the same stale button: the alert again, the buttons gone already, no failure.
    const again = await tap(h, bare as Message, 'keep_running');
    expect(alerts(again)).toMatchObject([{ show_alert: true }]);
    expect(of(again, 'editMessageReplyMarkup').map((c) => (c.result as { ok?: boolean }).ok)).toEqual([false]);
  });

  it("someone else's notice: Power off… asks nothing and takes the buttons away", async () => {
    const h = await harness();
    // Bob's notice: a message row Ada's chat has no business with (a forged or stale callback).
    const sent = await deliver(h);
    const ada = h.noticeMessages.rows.get(ID);
    if (ada === undefined) throw new Error('the notice was not kept');
    h.noticeMessages.rows.set('n-bob', { ...ada, noticeId: 'n-bob', userId: 'user-bob' });
    const pressed = await tap(h, sent, 'ask-off', 'n-bob');
    expect(edits(pressed)).toEqual([]);
    expect(of(pressed, 'editMessageReplyMarkup')).toHaveLength(1);
    expect(h.notices.calls).toEqual([]);
  });

  it('an unknown notice: Cancel takes the buttons away', async () => {
    const h = await harness();
    const sent = await deliver(h);
    const pressed = await tap(h, sent, 'back', 'n-unknown');
    expect(edits(pressed)).toEqual([]);
    expect(of(pressed, 'editMessageReplyMarkup')).toHaveLength(1);
  });
});

describe('answered elsewhere', () => {
  it('edits the message once, however often it is told', async () => {
    const h = await harness();
    const sent = await deliver(h);
    const from = h.fake.calls().length;
    const web: AnsweredNotices = {
      ids: [ID],
      userId: USER_ID,
      vpsId: 'vps-1',
      kind: 'vps.idle',
      answer: 'kept_running',
    };
    await h.noticeChannel.answered?.(web);
    await h.noticeChannel.answered?.(web);
    const calls = h.callsSince(from);
    expect(calls.map((c) => c.method)).toEqual(['editMessageText']);
    expect(edits(calls).map((m) => [m.message_id, m.text, m.reply_markup])).toEqual([
      [sent.message_id, `${NOTICE_TEXT}\n\n✓ Kept running.`, undefined],
    ]);
  });

  it('a message the user deleted is no failure; ids it never sent are skipped', async () => {
    const h = await harness();
    const sent = await deliver(h);
    // Deleted through the Bot API: to a later edit, the same as the user deleting it.
    const res = await fetch(`${h.fake.url}/bot${h.config.token}/deleteMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: USER.id, message_id: sent.message_id }),
    });
    expect(res.status).toBe(200);
    const from = h.fake.calls().length;
    await expect(
      h.noticeChannel.answered?.({
        ids: ['n-never', ID],
        userId: USER_ID,
        vpsId: 'vps-1',
        kind: 'vps.idle',
        answer: 'powered_off',
      }),
    ).resolves.toBeUndefined();
    expect(h.callsSince(from).map((c) => c.method)).toEqual(['editMessageText']);
    expect(h.noticeMessages.rows.size).toBe(0);
  });
});
