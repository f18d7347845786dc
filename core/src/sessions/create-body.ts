/** `POST /api/vps/:id/sessions` after its schema: the title trimmed and printable. */
import type { AgentType, CreateSessionRequest } from '@vibecode/schemas';
import { ApiError } from '../http/api-error.ts';

export function parseCreateSession(body: CreateSessionRequest): { title: string; agentType: AgentType } {
  const title = body.title.trim();
  if (title === '' || /\p{Cc}/u.test(title)) {
    throw new ApiError(400, 'http.invalid_body', 'title must be printable text, not only spaces');
  }
  return { title, agentType: body.agent_type };
}
