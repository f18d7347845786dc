/** What a failed action shows: the server's message (already safe to show), or a generic line for anything else. */
import { ApiError } from '../api/api-error.ts';

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

export function errorText(error: unknown): string {
  return error instanceof ApiError ? error.message : GENERIC_ERROR;
}
