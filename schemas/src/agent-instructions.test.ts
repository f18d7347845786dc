import { describe, expect, it } from 'vitest';
import { AGENTS_MD, CLAUDE_MD, INSTRUCTION_FILES, instructionFileFor } from './agent-instructions.ts';
import { agentTypes } from './generated/api-enums.ts';

describe('agent instruction files', () => {
  it('names the file each agent reads', () => {
    expect(instructionFileFor('claude')).toEqual({ name: 'CLAUDE.md', template: CLAUDE_MD });
    for (const agent of agentTypes.filter((a) => a !== 'claude')) {
      expect(instructionFileFor(agent)).toEqual({ name: 'AGENTS.md', template: AGENTS_MD });
    }
  });

  it('gives every file the same working rules under its own heading', () => {
    expect(INSTRUCTION_FILES.map((f) => f.name)).toEqual(['CLAUDE.md', 'AGENTS.md']);
    expect(CLAUDE_MD.startsWith('# Instructions for Claude Code\n')).toBe(true);
    expect(AGENTS_MD.startsWith('# Instructions for coding agents\n')).toBe(true);
    expect(CLAUDE_MD.slice(CLAUDE_MD.indexOf('\n'))).toBe(AGENTS_MD.slice(AGENTS_MD.indexOf('\n')));
  });
});
