/**
 * The agent instruction files a session's workdir gets: built into the gateway (seed plan §4), merged with the
 * session's `agent_config`.
 */
import type { SessionCreate } from '@vibecode/schemas';

const SHARED_RULES = `## Working here
- This is the user's own server. Work inside this directory unless the user asks otherwise.
- Never print, copy or commit secrets (API keys, tokens, private keys, .env files).
- Ask before destructive actions: deleting files outside this directory, force-pushing, dropping data,
  changing system services or firewall rules.
- Prefer small, reviewable steps. Say what you changed and how to check it.
- Long-running servers: bind to 127.0.0.1 unless the user asks for a public port.
`;

export const CLAUDE_MD = `# Instructions for Claude Code

You are running on a VibeCode server: a terminal the user reaches from the browser or Telegram.

${SHARED_RULES}`;

export const AGENTS_MD = `# Instructions for coding agents

You are running on a VibeCode server: a terminal the user reaches from the browser or Telegram.

${SHARED_RULES}`;

export const INSTRUCTION_FILES = [
  { name: 'CLAUDE.md', template: CLAUDE_MD },
  { name: 'AGENTS.md', template: AGENTS_MD },
] as const;

/** The file's content: the template, the template plus the user's instructions, or only the user's. */
export function mergeInstructions(template: string, config: SessionCreate['agent_config']): string {
  const extra = config?.instructions?.trim();
  if (config?.replace_defaults) return extra ? `${extra}\n` : '';
  if (!extra) return template;
  return `${template}\n## From the user\n${extra}\n`;
}
