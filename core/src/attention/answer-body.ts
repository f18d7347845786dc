/** `POST /api/sessions/:id/answer` after its schema: exactly one of a choice and a text. */
import type { AnswerSessionRequest } from '@vibecode/schemas';
import { ApiError } from '../http/api-error.ts';
import type { PromptAnswer } from '../hub/gateway-commands.ts';

export function parseAnswer(body: AnswerSessionRequest): PromptAnswer {
  const { prompt_fingerprint, choice, text } = body;
  if (choice !== undefined && text === undefined) return { prompt_fingerprint, choice };
  if (text !== undefined && choice === undefined) return { prompt_fingerprint, text };
  throw new ApiError(400, 'http.invalid_body', 'send either a choice or a text, exactly one of them');
}
