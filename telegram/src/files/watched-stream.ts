/**
 * A stream passed through unchanged, remembering whether its source failed: when grammY's sendDocument fails, this
 * tells a download from the server that broke off (answered in the chat) from the Bot API failing (the update fails and
 * the Queue retries it).
 */
export function watchedStream(source: ReadableStream<Uint8Array>) {
  const reader = source.getReader();
  let failed = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          failed = true;
          throw error;
        }
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    failed: () => failed,
    /** Stops the source when the send ended before reading it all; a no-op once it was read to its end. */
    release: () => void reader.cancel().catch(() => undefined),
  };
}
