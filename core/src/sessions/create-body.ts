/** The body of `POST /api/vps/:id/sessions`: `{title, agent_type}` and nothing else. */

import { agentTypes } from '../db/schema.ts';
import { ApiError } from '../http/api-error.ts';

export const MAX_TITLE = 100;

export type AgentType = (typeof agentTypes)[number];

export function parseCreateSession(body: Record<string, unknown>): { title: string; agentType: AgentType } {
  const unknown = Object.keys(body).filter((k) => k !== 'title' && k !== 'agent_type');
  if (unknown.length > 0) throw new ApiError(400, 'http.invalid_body', `unknown field ${unknown[0]}`);
  const title = body.title;
  if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE || /\p{Cc}/u.test(title)) {
    throw new ApiError(400, 'http.invalid_body', `title must be 1..${MAX_TITLE} printable characters`);
  }
  const agentType = agentTypes.find((t) => t === body.agent_type);
  if (!agentType) throw new ApiError(400, 'http.invalid_body', `agent_type must be one of ${agentTypes.join(', ')}`);
  return { title: title.trim(), agentType };
}
