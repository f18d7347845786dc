import { describe, expect, it } from 'vitest';
import { NOTICE_DATA, noticeButtons, noticeData, noticeText, powerOffButtons } from './notice-text.ts';

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const URL = 'https://app.example/vps/v1';

/** Each button as [text, callback data or url]. */
const rows = (keyboard: ReturnType<typeof noticeButtons>) =>
  keyboard?.inline_keyboard.map((row) =>
    row.map((b) => [b.text, 'callback_data' in b ? b.callback_data : 'url' in b ? b.url : null]),
  );

describe('noticeButtons', () => {
  it('idle: Power off… asks first, Keep running answers at once', () => {
    expect(rows(noticeButtons(ID, ['power_off', 'keep_running'], null))).toEqual([
      [
        ['Power off…', `notice:ask-off:${ID}`],
        ['Keep running', `notice:keep_running:${ID}`],
      ],
    ]);
  });

  it('provisioning timeout: Retry and the console as a URL button when the app has a public URL', () => {
    expect(rows(noticeButtons(ID, ['retry', 'open_console'], URL))).toEqual([
      [
        ['Retry setup', `notice:retry:${ID}`],
        ['Open console', URL],
      ],
    ]);
  });

  it('offline: the server page as a URL button', () => {
    expect(rows(noticeButtons(ID, ['open_vps'], URL))).toEqual([[['Open server', URL]]]);
  });

  it('without a public URL: no link buttons and no Retry, and no keyboard at all when nothing is left', () => {
    expect(noticeButtons(ID, ['retry', 'open_console'], null)).toBeUndefined();
    expect(noticeButtons(ID, ['open_vps'], null)).toBeUndefined();
    expect(noticeButtons(ID, [], URL)).toBeUndefined();
  });

  it('the power-off question: Power off and Cancel', () => {
    expect(rows(powerOffButtons(ID))).toEqual([
      [
        ['Power off', `notice:power_off:${ID}`],
        ['Cancel', `notice:back:${ID}`],
      ],
    ]);
  });
});

describe('NOTICE_DATA', () => {
  it('reads back every verb the buttons send, within the Bot API 64-byte limit', () => {
    for (const verb of ['power_off', 'keep_running', 'retry', 'ask-off', 'back'] as const) {
      const data = noticeData(verb, ID);
      expect(new TextEncoder().encode(data).length).toBeLessThanOrEqual(64);
      expect(data.match(NOTICE_DATA)?.slice(1)).toEqual([verb, ID]);
    }
  });

  it('refuses an unknown verb, an empty or overlong id and other characters', () => {
    for (const data of [
      `notice:open_vps:${ID}`,
      'notice:power_off:',
      `notice:power_off:${'a'.repeat(41)}`,
      'notice:power_off:a b',
      'notice:power_off:a:b',
      `x:notice:power_off:${ID}`,
    ]) {
      expect(NOTICE_DATA.test(data)).toBe(false);
    }
  });
});

describe('noticeText', () => {
  it('asks before the power off with the web billing copy', () => {
    expect(noticeText.powerOffAsk('api has been idle')).toBe(
      'api has been idle\n\nPower off? Running sessions stop until you power it on again. Compute billing stops. ' +
        'Storage and reserved IP continue to be billed. To stop all charges, destroy the droplet.',
    );
  });

  it('says how each answer went, under the notice', () => {
    expect(noticeText.answered('api has been idle', 'powered_off')).toBe(
      'api has been idle\n\n✓ Powered off. Compute billing stops.',
    );
    expect(noticeText.answered('n', 'kept_running')).toBe('n\n\n✓ Kept running.');
    expect(noticeText.answered('n', 'retried')).toBe('n\n\n✓ Setting up again: a new server is being created.');
    expect(noticeText.answered('n', 'dismissed')).toBe('n\n\n✓ Dismissed.');
    expect(noticeText.done('kept_running')).toBe('✓ Kept running.');
  });
});
