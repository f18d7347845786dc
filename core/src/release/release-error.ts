/**
 * Why the release this control plane offers cannot be used: the release host did not answer with a valid manifest
 * or signature (`release.unavailable`), or the release speaks a protocol this control plane does not
 * (`release.incompatible`). The update route maps it to HTTP once; messages name URLs, never secrets.
 */
export type ReleaseErrorCode = 'release.unavailable' | 'release.incompatible';

export class ReleaseError extends Error {
  constructor(
    readonly code: ReleaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ReleaseError';
  }
}
