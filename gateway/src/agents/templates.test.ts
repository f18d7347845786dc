import { CLAUDE_MD } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { INSTRUCTION_FILES, mergeInstructions } from './templates.ts';

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

  it('writes no file for replaced instructions left empty', () => {
    expect(mergeInstructions(CLAUDE_MD, { instructions: '  \n', replace_defaults: true })).toBe('');
  });

  it('writes the default text the web form shows, from the one shared source', () => {
    expect(INSTRUCTION_FILES.map((f) => f.name)).toEqual(['CLAUDE.md', 'AGENTS.md']);
    expect(INSTRUCTION_FILES[0].template).toBe(CLAUDE_MD);
  });
});
