import { describe, expect, it } from 'vitest';
import { CLAUDE_MD, mergeInstructions } from './templates.ts';

describe('mergeInstructions', () => {
  it('uses the template alone without config', () => {
    expect(mergeInstructions(CLAUDE_MD, undefined)).toBe(CLAUDE_MD);
  });

  it('appends the user instructions', () => {
    const out = mergeInstructions(CLAUDE_MD, { instructions: 'Use pnpm.' });
    expect(out.startsWith(CLAUDE_MD)).toBe(true);
    expect(out).toContain('## From the user\nUse pnpm.\n');
  });

  it('replaces the template when asked', () => {
    expect(mergeInstructions(CLAUDE_MD, { instructions: 'Only this.', replace_defaults: true })).toBe('Only this.\n');
  });
});
