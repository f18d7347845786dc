/** What a failed action shows: the server's message (already safe to show), or a generic line for anything else. */
import { ApiError } from '../api/api-error.ts';

export const GENERIC_ERROR = 'Something went wrong. Please try again.';

/** `fallback` says what failed when the server gave no message (the network, say). */
export function errorText(error: unknown, fallback: string = GENERIC_ERROR): string {
  return error instanceof ApiError ? error.message : fallback;
}
