/**
 * `POST /api/vps/:id/sessions` after its schema: the title trimmed and printable; the agent instructions (the text
 * of the workdir's CLAUDE.md / AGENTS.md, `agent_config`) text a file may hold, passed to the gateway as sent.
 */
import { type AgentType, agentTypes, type CreateSessionRequest, type SessionCreate } from '@vibecode/schemas';
import { ApiError } from '../http/api-error.ts';

/**
 * The body bound of this route: the schema allows 65,536 characters of instructions, and JSON may spell one
 * character in up to 6 bytes (`\u001b`), plus room for the rest of the body.
 */
export const CREATE_SESSION_MAX_BYTES = 65_536 * 6 + 4096;

// Instructions are a Markdown file: tabs and line breaks belong in it, other control characters do not.
const NOT_TEXT = /[^\P{Cc}\t\n\r]/u;

export interface CreateSession {
  title: string;
  agentType: AgentType;
  agentConfig?: SessionCreate['agent_config'];
}

export function parseCreateSession(body: CreateSessionRequest): CreateSession {
  const title = body.title.trim();
  if (title === '' || /\p{Cc}/u.test(title)) {
    throw new ApiError(400, 'http.invalid_body', 'title must be printable text, not only spaces');
  }
  const config = body.agent_config;
  if (config?.instructions !== undefined && NOT_TEXT.test(config.instructions)) {
    throw new ApiError(400, 'http.invalid_body', 'agent_config.instructions must be text without control characters');
  }
  return { title, agentType: body.agent_type, ...(config ? { agentConfig: config } : {}) };
}

/** The route's schema bound on a title (`schemas/api/routes.json`), which a channel's input has not passed through. */
export const MAX_TITLE_CHARS = 100;

/**
 * A channel's create (`SessionControl.create`): what the route's schema checks (a title of 1 to 100 characters, a
 * known agent), then the route's own rules.
 */
export function parseChannelCreate(input: { title: string; agentType: string }): CreateSession {
  if (input.title.length === 0 || input.title.length > MAX_TITLE_CHARS) {
    throw new ApiError(400, 'http.invalid_body', `title must be 1 to ${MAX_TITLE_CHARS} characters`);
  }
  const agentType = agentTypes.find((known) => known === input.agentType);
  if (agentType === undefined) {
    throw new ApiError(400, 'http.invalid_body', `agent must be one of ${agentTypes.join(', ')}`);
  }
  return parseCreateSession({ title: input.title, agent_type: agentType });
}
