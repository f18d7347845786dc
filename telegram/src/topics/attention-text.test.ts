import type { SessionAttention } from '@vibecode/core/ports';
import { describe, expect, it } from 'vitest';
import { attentionButtons, attentionHtml, parseAttentionData, settledHtml, settledText } from './attention-text.ts';

const question: SessionAttention = {
  state: 'needs_input',
  detail: 'Run <rm -rf build>? [Y/n]',
  choices: [
    { key: 'y', label: 'Yes' },
    { key: 'n', label: 'No' },
  ],
  promptFingerprint: '0123456789abcdef',
  resetsAt: null,
  continueAtReset: false,
};
const limit: SessionAttention = {
  state: 'limited',
  detail: 'Usage limit reached',
  choices: [],
  promptFingerprint: null,
  resetsAt: Date.parse('2026-12-06T14:00:00Z'),
  continueAtReset: false,
};

const dataOf = (keyboard: ReturnType<typeof attentionButtons>) =>
  keyboard?.inline_keyboard.flat().map((b) => [b.text, 'callback_data' in b ? b.callback_data : null]);

describe('attention callback data', () => {
  it('reads the presses the bot makes', () => {
    expect(parseAttentionData('att:7:0')).toEqual({ id: 7, choice: 0 });
    expect(parseAttentionData('att:7:11')).toEqual({ id: 7, choice: 11 });
    expect(parseAttentionData('att:9007199254740991:c')).toEqual({ id: 9007199254740991, continue: true });
  });

  it('refuses anything else: data from Telegram is untrusted', () => {
    for (const data of [
      '',
      'att:',
      'att:7',
      'att:7:',
      'att:0:1',
      'att:-1:1',
      'att:07:1',
      'att:7:12',
      'att:7:01',
      'att:7:x',
      'att:7:1:1',
      'att:7:1 ',
      ' att:7:1',
      'att:1.5:1',
      'att:99999999999999999:1',
      'att:9007199254740993:1',
      'notice:keep_running:7',
    ]) {
      expect(parseAttentionData(data), data).toBeNull();
    }
  });

  it('keeps every button’s data far below Telegram’s 64 bytes', () => {
    const many = {
      ...question,
      choices: Array.from({ length: 12 }, (_, n) => ({ key: `${n}`, label: `Option ${n}` })),
    };
    const data = dataOf(attentionButtons(Number.MAX_SAFE_INTEGER, many))?.map(([, d]) => d ?? '') ?? [];
    expect(data).toHaveLength(12);
    for (const d of data) {
      expect(new TextEncoder().encode(d).length).toBeLessThanOrEqual(64);
      expect(parseAttentionData(d)).not.toBeNull();
    }
  });
});

describe('attention messages', () => {
  it('asks the question, escaped, with a button per choice', () => {
    expect(attentionHtml(question)).toBe('❓ <b>The session asks:</b>\n<pre>Run &lt;rm -rf build&gt;? [Y/n]</pre>');
    expect(dataOf(attentionButtons(3, question))).toEqual([
      ['Yes', 'att:3:0'],
      ['No', 'att:3:1'],
    ]);
  });

  it('asks for a reply in the topic when the question has no choices or no fingerprint to answer it by', () => {
    for (const item of [
      { ...question, choices: [] },
      { ...question, promptFingerprint: null },
    ]) {
      expect(attentionButtons(3, item)).toBeUndefined();
      expect(attentionHtml(item)).toMatch(/\nReply here to answer\.$/);
    }
  });

  it('shows a limit with its reset and a Continue at reset button, until that is chosen', () => {
    expect(attentionHtml(limit)).toBe(
      '⏳ <b>Stopped by a usage limit.</b>\n<pre>Usage limit reached</pre>\nThe limit resets at 2026-12-06 14:00 UTC.',
    );
    expect(dataOf(attentionButtons(4, limit))).toEqual([['Continue at reset', 'att:4:c']]);
    expect(attentionButtons(4, { ...limit, continueAtReset: true })).toBeUndefined();
    expect(attentionButtons(4, { ...limit, resetsAt: null })).toBeUndefined();
  });

  it('says finished work may be waiting for input (the quiet notice of a session that reports states), with no buttons', () => {
    const done: SessionAttention = { ...limit, state: 'done', detail: null, resetsAt: null };
    expect(attentionHtml(done)).toBe('✅ <b>Finished: the session may be waiting for your input.</b>');
    expect(attentionButtons(5, done)).toBeUndefined();
  });

  it('keeps a long question’s end and cuts a long label', () => {
    const long = { ...question, detail: `${'x'.repeat(5000)}END`, choices: [{ key: '1', label: 'L'.repeat(80) }] };
    const html = attentionHtml(long);
    expect(html.length).toBeLessThan(3100);
    expect(html).toMatch(/END<\/pre>$/);
    expect(dataOf(attentionButtons(1, long))?.[0]?.[0]).toHaveLength(40);
  });

  it('says what became of an item under it', () => {
    expect(settledHtml('Q', settledText.answered('<Yes>'))).toBe('Q\n\n<i>✓ Answered: &lt;Yes&gt;</i>');
    expect(settledText.cleared('answered')).toBe('✓ Answered elsewhere.');
    expect(settledText.cleared('seen')).toBe('✓ Seen.');
    expect(settledText.cleared('moved_on')).toBe(
      'The agent went on without an answer here: nothing waits for you now.',
    );
    expect(settledText.cleared('ended')).toBe('The session ended.');
    expect(settledText.continues(Date.parse('2026-12-06T14:01:00Z'))).toBe(
      '✓ It will continue at 2026-12-06 14:01 UTC.',
    );
  });
});
