/**
 * The instruction files a session's workdir gets (seed plan §4): the one source of their default text. The
 * gateway embeds it at build time and writes it when a session carries no `agent_config`; the web's new-session
 * form shows it as the starting text a person may edit. Here, in the package both already import, rather than
 * served by an API: core would need its own copy to serve it (it cannot import the gateway), and the form would
 * wait on a request before it could be used.
 */
import type { AgentType } from './generated/api-types.ts';

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

/** Every file the gateway writes, in order, with its default text. */
export const INSTRUCTION_FILES = [
  { name: 'CLAUDE.md', template: CLAUDE_MD },
  { name: 'AGENTS.md', template: AGENTS_MD },
] as const;

export type InstructionFile = (typeof INSTRUCTION_FILES)[number];

/** The file an agent reads: Claude Code reads CLAUDE.md, the others (and a person in a shell) AGENTS.md. */
export function instructionFileFor(agent: AgentType): InstructionFile {
  return agent === 'claude' ? INSTRUCTION_FILES[0] : INSTRUCTION_FILES[1];
}
