/**
 * The one error of the API boundary in the browser: the server's `{error: {code, message}}` with its HTTP status.
 * A network failure is status 0 with `network.unreachable`; a body that is not the error shape keeps the status
 * with `http.<status>`. Messages are the server's, already safe to show.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Signed out (or the session expired): the page should send the user to sign in. */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string } } {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function errorFromBody(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message);
  return new ApiError(status, `http.${status}`, `the server answered ${status}`);
}
