/**
 * Attention items in a session's topic through the real bot and the Bot API stand-in, over a recording
 * `SessionControl`: a question is one message with its choices as buttons; a press answers through core with the
 * item's fingerprint and the message says what was answered, without buttons; a double tap answers once; a changed
 * prompt and a passing refusal are told apart; a limit's "Continue at reset"; a clear from elsewhere edits the message
 * once; forged or stale callback data reaches nothing; a long 429 goes back to the hub as `retry`.
 */
import type { BoundSession, SessionAttention } from '@vibecode/core/ports';
import type { Message } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { harness, session, USER, USER_ID } from './harness.ts';

type H = Awaited<ReturnType<typeof harness>>;
type Call = { method: string; params: unknown; result: unknown };

const FINGERPRINT = '0123456789abcdef';
const question: SessionAttention = {
  state: 'needs_input',
  detail: 'Do you want to continue? [Y/n]',
  choices: [
    { key: 'y', label: 'Yes' },
    { key: 'n', label: 'No' },
  ],
  promptFingerprint: FINGERPRINT,
  resetsAt: null,
  continueAtReset: false,
};
const QUESTION_TEXT = 'The session asks:\nDo you want to continue? [Y/n]';

async function opened(h: H, sessionId = 'sess-1'): Promise<BoundSession> {
  const summary = session(sessionId);
  const [binding] = await h.surface.opened(summary);
  if (!binding) throw new Error('no binding');
  return { binding, session: summary };
}

/** The surface tells `item`; the message it posted. */
async function told(h: H, bound: BoundSession, item: SessionAttention = question): Promise<Message> {
  const from = h.fake.calls().length;
  expect(await h.surface.attention(bound, item)).toEqual({ kind: 'shown' });
  const [sent] = h.sentSince(from);
  if (sent === undefined) throw new Error('nothing was posted');
  return sent;
}

/** Ada presses the button with `data` under `message`; the Bot API calls the press caused. */
async function tap(h: H, message: Message, data: string): Promise<Call[]> {
  const from = h.fake.calls().length;
  await h.press(message, data);
  return h.callsSince(from);
}

const buttonsOf = (message: Message | undefined) =>
  message?.reply_markup?.inline_keyboard.flat().map((b) => [b.text, 'callback_data' in b ? b.callback_data : null]);
const dataOf = (message: Message, n: number) => buttonsOf(message)?.[n]?.[1] ?? '';
const of = (calls: Call[], method: string) => calls.filter((c) => c.method === method);
const toasts = (calls: Call[]) =>
  of(calls, 'answerCallbackQuery').map((c) => c.params as { text?: string; show_alert?: boolean });
const edits = (calls: Call[]) => of(calls, 'editMessageText').map((c) => c.result as Message);

describe('an attention item in a topic', () => {
  it('posts the question in the session’s topic, ringing, with a button per choice', async () => {
    const h = await harness();
    const bound = await opened(h);
    const threadId = JSON.parse(bound.binding.conversation).thread_id;
    const from = h.fake.calls().length;
    const sent = await told(h, bound);
    expect(sent.message_thread_id).toBe(threadId);
    expect(sent.text).toBe(`❓ ${QUESTION_TEXT}`);
    const id = [...h.attentionMessages.rows.keys()][0];
    expect(buttonsOf(sent)).toEqual([
      ['Yes', `att:${id}:0`],
      ['No', `att:${id}:1`],
    ]);
    expect(h.callsSince(from)[0]?.params).not.toHaveProperty('disable_notification');
    expect(h.attentionMessages.rows.get(id as number)).toMatchObject({
      sessionId: 'sess-1',
      userId: USER_ID,
      chatId: USER.id,
      messageId: sent.message_id,
      promptFingerprint: FINGERPRINT,
    });
  });

  it('answers a press through core with the item’s fingerprint and says what was answered, once', async () => {
    const h = await harness();
    const sent = await told(h, await opened(h));
    const calls = await tap(h, sent, dataOf(sent, 0));
    expect(h.sessions.calls).toEqual([
      {
        method: 'answer',
        userId: USER_ID,
        sessionId: 'sess-1',
        reply: { prompt_fingerprint: FINGERPRINT, choice: 'y' },
      },
    ]);
    expect(toasts(calls)).toEqual([expect.objectContaining({ text: 'Answered: Yes' })]);
    const [edited] = edits(calls);
    expect(edited?.text).toBe(`❓ ${QUESTION_TEXT}\n\n✓ Answered: Yes`);
    expect(edited?.reply_markup).toBeUndefined();

    // A double tap (a client that had not caught up): nothing more reaches core.
    const again = await tap(h, sent, dataOf(sent, 1));
    expect(h.sessions.calls).toHaveLength(1);
    expect(toasts(again)).toEqual([expect.objectContaining({ text: 'This question is no longer open.' })]);
    // The hub's clearing after the answer finds nothing left to edit.
    const from = h.fake.calls().length;
    await h.surface.attentionCleared(await opened(h, 'sess-1'), 'answered');
    expect(of(h.callsSince(from), 'editMessageText')).toEqual([]);
  });

  it('says the question changed when core finds another prompt on screen', async () => {
    const h = await harness();
    const sent = await told(h, await opened(h));
    h.sessions.refuse = { code: 'session.prompt_changed', message: 'the screen no longer shows that prompt' };
    const calls = await tap(h, sent, dataOf(sent, 0));
    expect(toasts(calls)).toEqual([expect.objectContaining({ text: 'The question changed' })]);
    expect(edits(calls)[0]?.text).toBe(
      `❓ ${QUESTION_TEXT}\n\nThe question changed: the screen no longer shows it, so nothing was typed.`,
    );
    expect(h.attentionMessages.rows.size).toBe(0);
  });

  it('keeps the question open after a passing refusal: an alert, and the button works again', async () => {
    const h = await harness();
    const sent = await told(h, await opened(h));
    h.sessions.refuse = { code: 'gateway.offline', message: 'the gateway is offline' };
    const calls = await tap(h, sent, dataOf(sent, 0));
    expect(toasts(calls)).toEqual([expect.objectContaining({ text: 'the gateway is offline', show_alert: true })]);
    expect(edits(calls)).toEqual([]);
    h.sessions.refuse = null;
    const retried = await tap(h, sent, dataOf(sent, 0));
    expect(edits(retried)[0]?.text).toMatch(/Answered: Yes$/);
    expect(h.sessions.calls.map((c) => c.method)).toEqual(['answer', 'answer']);
  });

  it('reaches nothing with forged, stale or someone else’s data', async () => {
    const h = await harness();
    const bound = await opened(h);
    const first = await told(h, bound);
    const id = Number(dataOf(first, 0).split(':')[1]);
    // A newer item replaces it: the older buttons are stale.
    const second = await told(h, bound);
    const newId = Number(dataOf(second, 0).split(':')[1]);
    h.attentionMessages.rows.set(newId + 1, {
      ...(h.attentionMessages.rows.get(newId) as NonNullable<ReturnType<typeof h.attentionMessages.rows.get>>),
      id: newId + 1,
      sessionId: 'sess-bob',
      userId: 'user-bob',
    });
    for (const data of [
      `att:${id}:0`,
      `att:${newId}:2`,
      `att:${newId}:c`,
      `att:${newId + 1}:0`,
      `att:${newId + 99}:0`,
      `att:${newId}:0x`,
      'att:../../0:0',
    ]) {
      const calls = await tap(h, first, data);
      expect(toasts(calls), data).toEqual([expect.objectContaining({ text: expect.any(String) })]);
      expect(edits(calls), data).toEqual([]);
    }
    expect(h.sessions.calls).toEqual([]);
    expect(h.attentionMessages.rows.has(newId)).toBe(true);

    // Made up under the session's screen message: its Open terminal button stays.
    const from = h.fake.calls().length;
    await h.surface.render(bound, { text: '$ ', cols: 80, rows: 24 }, { fresh: false });
    const [screen] = h.sentSince(from);
    const calls = await tap(h, screen as Message, `att:${newId + 99}:0`);
    expect(toasts(calls)).toEqual([expect.objectContaining({ text: 'This question is no longer open.' })]);
    expect(of(calls, 'editMessageReplyMarkup')).toEqual([]);
  });

  it('offers Continue at reset under a limit and says when it will continue', async () => {
    const h = await harness();
    const limit: SessionAttention = {
      ...question,
      state: 'limited',
      detail: 'Usage limit reached',
      choices: [],
      promptFingerprint: null,
      resetsAt: Date.parse('2026-12-06T14:00:00Z'),
    };
    const sent = await told(h, await opened(h), limit);
    expect(sent.text).toBe(
      '⏳ Stopped by a usage limit.\nUsage limit reached\nThe limit resets at 2026-12-06 14:00 UTC.',
    );
    h.sessions.continuesAt = Date.parse('2026-12-06T14:01:00Z');
    const calls = await tap(h, sent, dataOf(sent, 0));
    expect(h.sessions.calls).toEqual([
      { method: 'continueAtReset', userId: USER_ID, sessionId: 'sess-1', enabled: true },
    ]);
    expect(edits(calls)[0]?.text).toMatch(/\n\n✓ It will continue at 2026-12-06 14:01 UTC\.$/);
  });

  it('says finished work without buttons, and a clear from elsewhere edits the message once', async () => {
    const h = await harness();
    const bound = await opened(h);
    const done = { ...question, state: 'done' as const, detail: null, choices: [], promptFingerprint: null };
    const sent = await told(h, bound, done);
    expect(sent.text).toBe('✅ Finished: the session may be waiting for your input.');
    expect(sent.reply_markup).toBeUndefined();
    let from = h.fake.calls().length;
    await h.surface.attentionCleared(bound, 'seen');
    expect(edits(h.callsSince(from)).map((m) => m.text)).toEqual([
      '✅ Finished: the session may be waiting for your input.\n\n✓ Seen.',
    ]);
    from = h.fake.calls().length;
    await h.surface.attentionCleared(bound, 'answered');
    expect(h.callsSince(from)).toEqual([]);

    const asked = await told(h, bound);
    from = h.fake.calls().length;
    await h.surface.attentionCleared(bound, 'answered');
    const [edited] = edits(h.callsSince(from));
    expect(edited?.message_id).toBe(asked.message_id);
    expect(edited?.text).toMatch(/\n\n✓ Answered elsewhere\.$/);
    expect(edited?.reply_markup).toBeUndefined();
  });

  it('answers in the pinned fallback as a reply to the session’s message', async () => {
    const h = await harness({ topicsEnabled: false });
    const bound = await opened(h);
    const pinnedId = JSON.parse(bound.binding.conversation).pinned_message_id;
    const sent = await told(h, bound);
    expect(sent.reply_to_message?.message_id).toBe(pinnedId);
    const calls = await tap(h, sent, dataOf(sent, 1));
    expect(edits(calls)[0]?.text).toMatch(/Answered: No$/);
  });

  it('hands a long 429 back as retry, keeping no item; a deleted topic or an unlinked user is gone', async () => {
    const h = await harness();
    const bound = await opened(h);
    h.fake.switches.set({ rateLimit: { count: 1, retryAfter: 40 } });
    expect(await h.surface.attention(bound, question)).toEqual({ kind: 'retry', afterMs: 40_000 });
    expect(h.attentionMessages.rows.size).toBe(0);
    expect(await h.surface.attention(bound, question)).toEqual({ kind: 'shown' });
    h.links.links.clear();
    expect(await h.surface.attention(bound, question)).toEqual({ kind: 'gone' });
  });
});
