/**
 * Maps the cloud boundary's `CloudError` to the HTTP boundary's `ApiError`, once: the code is kept (the UI
 * branches on it), the status says whose problem it is.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from '../http/api-error.ts';
import type { CloudError, CloudErrorCode } from './cloud-error.ts';

const statusOf: Record<CloudErrorCode, ContentfulStatusCode> = {
  'cloud.config': 503,
  'cloud.oauth_state_mismatch': 400,
  'cloud.oauth_denied': 400,
  'cloud.oauth_failed': 502,
  // The stored grant no longer works: the user must connect again.
  'cloud.unauthorized': 409,
  'cloud.forbidden': 409,
  'cloud.not_found': 404,
  'cloud.invalid_request': 400,
  'cloud.rate_limited': 429,
  'cloud.unavailable': 502,
  'cloud.bad_response': 502,
  'cloud.action_failed': 502,
  'cloud.action_timeout': 504,
};

export function cloudApiError(error: CloudError): ApiError {
  const headers: Record<string, string> = {};
  if (error.code === 'cloud.rate_limited' && error.details.retryAfterMs !== undefined) {
    headers['Retry-After'] = String(Math.max(1, Math.ceil(error.details.retryAfterMs / 1000)));
  }
  return new ApiError(statusOf[error.code], error.code, error.message, headers);
}
