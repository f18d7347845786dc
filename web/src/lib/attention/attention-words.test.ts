import { describe, expect, it } from 'vitest';
import { continueSwitch, openQuestion, wantText } from './attention-words.ts';

const time = (iso: string) => `at ${iso.slice(11, 16)}`;
const yesNo = [
  { key: 'y', label: 'Yes' },
  { key: 'n', label: 'No' },
];

describe('attention words', () => {
  it('says the question, the limit with its reset time, or what finished', () => {
    expect(wantText({ state: 'needs_input', detail: 'Do you want to continue?' }, time)).toBe(
      'Do you want to continue?',
    );
    expect(
      wantText({ state: 'limited', detail: 'Usage limit reached', resets_at: '2026-12-06T14:00:00.000Z' }, time),
    ).toBe('Usage limit reached (resets at 14:00)');
    expect(wantText({ state: 'limited', detail: 'Usage limit reached' }, time)).toBe('Usage limit reached');
    expect(wantText({ state: 'done', detail: 'Finished, and waiting for you' }, time)).toBe(
      'Finished, and waiting for you',
    );
  });

  it('offers to continue a limit with a known reset, says when it will, and offers to take it back', () => {
    const limit = { state: 'limited' as const, detail: 'Usage limit reached', resets_at: '2026-12-06T14:00:00.000Z' };
    expect(continueSwitch({ ...limit, continue_at_reset: false })).toBe('Continue when it resets');
    expect(continueSwitch({ ...limit, continue_at_reset: true })).toBe('Don’t continue');
    expect(wantText({ ...limit, continue_at_reset: true }, time)).toBe(
      'Usage limit reached (resets at 14:00; it continues then)',
    );
    expect(continueSwitch({ state: 'limited', continue_at_reset: false })).toBeNull();
    expect(continueSwitch({ state: 'needs_input' })).toBeNull();
  });

  it('finds a question to answer in one tap only when it asks with choices and a known screen', () => {
    const asking = { state: 'needs_input', detail: 'Continue?', choices: yesNo, prompt_fingerprint: 'f1' };
    expect(openQuestion(asking)).toEqual({ detail: 'Continue?', choices: yesNo, prompt_fingerprint: 'f1' });
    expect(openQuestion({ ...asking, prompt_fingerprint: undefined })).toBeNull();
    expect(openQuestion({ ...asking, choices: [] })).toBeNull();
    expect(openQuestion({ ...asking, state: 'working' })).toBeNull();
    expect(openQuestion(null)).toBeNull();
  });
});
