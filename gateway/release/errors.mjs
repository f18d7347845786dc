/** The release builder's one error type: a stable `code` for callers and tests, a message for people. */
export class ReleaseError extends Error {
  /**
   * @param {import('./index.d.mts').ReleaseErrorCode} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = 'ReleaseError';
    this.code = code;
  }
}
