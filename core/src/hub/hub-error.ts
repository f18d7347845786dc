/**
 * The hub's one error type: a dotted code and a safe message. It crosses the DO RPC boundary as a plain
 * `{code, message}` value (see `HubResult`), and the Worker maps it to HTTP once, in `hub-status.ts`.
 */
export interface HubErrorValue {
  code: string;
  message: string;
}

export class HubError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HubError';
  }

  toValue(): HubErrorValue {
    return { code: this.code, message: this.message };
  }
}

export type HubResult<T> = { ok: true; value: T } | { ok: false; error: HubErrorValue };

/** Runs an RPC body and turns a thrown HubError into a result value; anything else is a bug and rethrows. */
export async function asHubResult<T>(body: () => Promise<T>): Promise<HubResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    if (error instanceof HubError) return { ok: false, error: error.toValue() };
    throw error;
  }
}
