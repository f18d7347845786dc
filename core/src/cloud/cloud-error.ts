/**
 * The one error type of the cloud-provider boundary, like hono's HTTPException: a dotted code the control plane
 * maps to its replies, and a message safe to show. Messages never carry tokens, codes or secrets.
 */
export type CloudErrorCode =
  | 'cloud.config'
  | 'cloud.oauth_state_mismatch'
  | 'cloud.oauth_denied'
  | 'cloud.oauth_failed'
  | 'cloud.unauthorized'
  | 'cloud.forbidden'
  | 'cloud.not_found'
  | 'cloud.invalid_request'
  | 'cloud.rate_limited'
  | 'cloud.unavailable'
  | 'cloud.bad_response'
  | 'cloud.action_failed'
  | 'cloud.action_timeout';

export class CloudError extends Error {
  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'CloudError';
  }

  toJSON(): { code: CloudErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isCloudError(err: unknown, code?: CloudErrorCode): err is CloudError {
  return err instanceof CloudError && (code === undefined || err.code === code);
}
