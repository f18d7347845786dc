import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readScreen, type ScreenVerdict } from './screen-verdict.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/agent-screens/${name}.txt`, import.meta.url), 'utf8');
const NOW = new Date('2026-12-06T10:00:00Z');
const read = (name: string, zone = 'UTC'): ScreenVerdict => readScreen(fixture(name), NOW, zone);

function prompt(verdict: ScreenVerdict) {
  if (verdict.kind !== 'prompt') throw new Error(`expected a prompt, got ${verdict.kind}`);
  return verdict;
}

describe('agent prompts on screen', () => {
  it("reads Claude Code's permission box: the tool and command are part of the question, the number is the answer", () => {
    const verdict = prompt(read('claude-permission'));
    expect(verdict.detail).toBe('Bash command\nrm -rf build\nRemove the build directory\nDo you want to proceed?');
    expect(verdict.choices).toEqual([
      { key: '1', label: 'Yes' },
      { key: '2', label: "Yes, and don't ask again for rm commands in /home/vibe/workspace/app" },
      { key: '3', label: 'No, and tell Claude what to do differently (esc)' },
    ]);
    expect(verdict.keystrokes).toEqual({ 1: '1', 2: '2', 3: '3' });
    expect(verdict.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps the fingerprint when only the selection marker moved, and changes it for another command', () => {
    const first = prompt(read('claude-permission')).fingerprint;
    expect(prompt(read('claude-permission-moved-marker')).fingerprint).toBe(first);
    expect(prompt(read('claude-permission-other-command')).fingerprint).not.toBe(first);
  });

  it("reads Codex CLI's approval menu with the command between the question and the options", () => {
    const verdict = prompt(read('codex-approval'));
    expect(verdict.detail).toBe(
      'Would you like to run the following command?\nReason: remove stale build output\n$ rm -rf build',
    );
    expect(verdict.choices.map((c) => c.key)).toEqual(['1', '2', '3']);
    expect(verdict.choices[0]?.label).toBe('Yes, proceed (y)');
  });

  it("reads Gemini CLI's tool confirmation", () => {
    const verdict = prompt(read('gemini-confirm'));
    expect(verdict.detail).toBe(
      "?  Shell rm -rf build (Remove the stale build directory.)\nrm -rf build\nAllow execution of: 'rm'?",
    );
    expect(verdict.choices.map((c) => c.label)).toEqual([
      'Yes, allow once',
      'Yes, allow always ...',
      'No, suggest changes (esc)',
    ]);
  });

  it('reads a yes/no line prompt, answered with a letter and Enter', () => {
    const verdict = prompt(read('shell-yes-no'));
    expect(verdict.detail).toBe('Do you want to continue? [Y/n]');
    expect(verdict.choices).toEqual([
      { key: 'y', label: 'Yes' },
      { key: 'n', label: 'No' },
    ]);
    expect(verdict.keystrokes).toEqual({ y: 'y\r', n: 'n\r' });
  });

  it('sees no question in a numbered list the agent wrote, nor in a prompt already answered and scrolled up', () => {
    expect(read('claude-working')).toEqual({ kind: 'none' });
    expect(read('answered-scrolled')).toEqual({ kind: 'none' });
    expect(readScreen('', NOW, 'UTC')).toEqual({ kind: 'none' });
  });

  it('refuses options that do not count up from 1, or that have no question above them', () => {
    expect(readScreen('Pick one?\n  2. b\n  3. c', NOW, 'UTC')).toEqual({ kind: 'none' });
    expect(readScreen('Results\n  1. a\n  2. b', NOW, 'UTC')).toEqual({ kind: 'none' });
    expect(readScreen('Pick one?\n  1. a\n  2. b\nmore\nand more\nand more\nand more', NOW, 'UTC')).toEqual({
      kind: 'none',
    });
  });
});

describe('usage limits on screen', () => {
  it("reads Claude Code's limit with its reset at a wall-clock time in the named zone", () => {
    const verdict = read('claude-limit');
    expect(verdict).toMatchObject({ kind: 'limit' });
    if (verdict.kind !== 'limit') return;
    expect(verdict.detail).toContain('Claude usage limit reached. Your limit will reset at 3pm (Europe/Berlin).');
    // 15:00 in Berlin (UTC+1 in December) is 14:00 UTC, still ahead of 10:00 UTC today.
    expect(verdict.resetsAt?.toISOString()).toBe('2026-12-06T14:00:00.000Z');
  });

  it('reads a reset time without a zone in the machine zone, tomorrow when it has passed today', () => {
    const verdict = read('claude-limit-short', 'America/New_York');
    // 4:30 in New York (UTC-5) is 09:30 UTC, already past at 10:00 UTC: the next one is tomorrow's.
    expect(verdict).toMatchObject({ kind: 'limit', resetsAt: new Date('2026-12-07T09:30:00Z') });
  });

  it("reads Codex CLI's limit with a reset in a duration", () => {
    expect(read('codex-limit')).toMatchObject({
      kind: 'limit',
      resetsAt: new Date(NOW.getTime() + (2 * 60 + 5) * 60_000),
    });
  });

  it("reads Gemini CLI's quota error, retry in seconds", () => {
    const verdict = read('gemini-quota');
    expect(verdict).toMatchObject({ kind: 'limit', resetsAt: new Date(NOW.getTime() + 45_000) });
  });

  it('reads a limit that names no reset, with none', () => {
    expect(readScreen('Error: quota exceeded for this project', NOW, 'UTC')).toEqual({
      kind: 'limit',
      detail: 'Error: quota exceeded for this project',
      resetsAt: undefined,
    });
  });
});
