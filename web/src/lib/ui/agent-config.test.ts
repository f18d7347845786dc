import { CLAUDE_MD } from '@vibecode/schemas';
import { describe, expect, it } from 'vitest';
import { agentConfigFor } from './agent-config.ts';

describe('agentConfigFor', () => {
  it('sends nothing for the default text, whatever whitespace surrounds it', () => {
    expect(agentConfigFor(CLAUDE_MD, CLAUDE_MD)).toBeUndefined();
    expect(agentConfigFor(CLAUDE_MD, `\n${CLAUDE_MD}\n\n`)).toBeUndefined();
  });

  it('sends an edited text as the whole file, in place of the defaults', () => {
    const edited = `${CLAUDE_MD}- Use pnpm.\n`;
    expect(agentConfigFor(CLAUDE_MD, edited)).toEqual({ instructions: edited, replace_defaults: true });
  });

  it('sends an emptied text, which means no instruction file', () => {
    expect(agentConfigFor(CLAUDE_MD, '')).toEqual({ instructions: '', replace_defaults: true });
  });
});
