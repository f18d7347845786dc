/**
 * A channel's upload body as the hub gets it. A stream handed over Durable Object RPC that errors before its first
 * byte leaves the hub's read hanging (workerd), so the hub never gets an erroring stream: a source failure ends the
 * body early instead, the relay refuses the short body (`file.size_mismatch`) and tells the gateway to drop the
 * upload, and the failure is kept for the caller to rethrow. `release` cancels the source whatever became of it.
 */
export interface GuardedBody {
  body: ReadableStream<Uint8Array>;
  /** The source's own error, once reading it failed. */
  failure(): { error: unknown } | null;
  release(): void;
}

export function guardedBody(source: ReadableStream<Uint8Array>): GuardedBody {
  const reader = source.getReader();
  let failure: { error: unknown } | null = null;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await reader.read();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          failure = { error };
          controller.close();
        }
      },
      cancel: (reason) => reader.cancel(reason),
    },
    // Read only as the relay asks: a refused upload reads nothing of a lazy source.
    { highWaterMark: 0 },
  );
  return {
    body,
    failure: () => failure,
    // Read to its end or already failed, the source has nothing left to cancel.
    release: () => void reader.cancel().catch(() => undefined),
  };
}
