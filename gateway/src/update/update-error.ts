/**
 * Every way an update can fail, as one closed set of codes (the hub's page and the CLI show them). A failure
 * before `current` is switched leaves the release root exactly as it was.
 */
import { GatewayError } from '../errors.ts';

export type UpdateErrorCode =
  /** No release root or public key configured (the checkout), or the root has no `current` release. */
  | 'update.not_configured'
  /** Another update is running or waiting for its confirmation. */
  | 'update.busy'
  | 'update.bad_request'
  | 'update.download_failed'
  | 'update.too_large'
  | 'update.bad_checksum'
  | 'update.bad_signature'
  /** The verified tarball does not unpack into a release (VERSION, launcher, runtime, bundle). */
  | 'update.bad_release'
  /** The release is the one already running. */
  | 'update.already_current'
  /** The file system refused a step (disk full, permissions); nothing was switched. */
  | 'update.install_failed'
  /** The new release was not welcomed by the hub in time and the previous one was put back. */
  | 'update.not_confirmed'
  /** This process is the release a watchdog rolled back; it refuses to run so the supervisor starts `current`. */
  | 'update.rolled_back';

export function updateError(code: UpdateErrorCode, message: string): GatewayError {
  return new GatewayError(code, message);
}
