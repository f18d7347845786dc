/**
 * The one place a hub error becomes an HTTP error. The gateway's own codes pass through with the status
 * that fits them; a code this table does not know is the gateway's business and maps to 502.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { HubErrorValue } from './hub-error.ts';

const statusByCode: Record<string, ContentfulStatusCode> = {
  'gateway.offline': 503,
  'gateway.busy': 503,
  'gateway.timeout': 504,
  'gateway.protocol': 502,
  'session.limit': 409,
  'session.not_found': 404,
  'session.not_running': 409,
  'session.prompt_changed': 409,
  'session.answer_invalid': 400,
  'ssh.invalid_key': 400,
  'ssh.not_found': 404,
  'file.too_large': 413,
  'file.path_invalid': 400,
  'file.not_found': 404,
  'file.size_mismatch': 400,
  'file.checksum_mismatch': 502,
  'file.timeout': 408,
  'file.no_space': 507,
  'file.not_a_folder': 400,
  'file.denied': 403,
  'file.busy': 503,
};

export function hubErrorStatus(error: HubErrorValue): ContentfulStatusCode {
  return statusByCode[error.code] ?? 502;
}
