/**
 * The channels' controls (`SessionControl`, `ServerControl`) answer values, not exceptions: core's typed errors (the
 * HTTP boundary's `ApiError`, the cloud boundary's `CloudError`) become `{ok: false, error}` with their code and
 * message, which a chat shows as they are. Anything else is a bug and still throws.
 */
import { isCloudError } from './cloud/cloud-error.ts';
import { ApiError } from './http/api-error.ts';
import type { ControlResult } from './sessions/session-control.ts';

export async function asControlResult<T>(body: () => Promise<T>): Promise<ControlResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    if (error instanceof ApiError || isCloudError(error)) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    throw error;
  }
}
