import { describe, expect, it } from 'vitest';
import { guardedBody } from './guarded-body.ts';

function source(chunks: (Uint8Array | Error)[]) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[state.pulls++];
        if (next === undefined) controller.close();
        else if (next instanceof Error) controller.error(next);
        else controller.enqueue(next);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const read = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

describe('guardedBody', () => {
  it('passes the source through unchanged, reading it only as it is read', async () => {
    const { stream, state } = source([new Uint8Array([1, 2]), new Uint8Array([3])]);
    const guarded = guardedBody(stream);
    await Promise.resolve();
    expect(state.pulls).toBe(0);
    expect(await read(guarded.body)).toEqual(new Uint8Array([1, 2, 3]));
    expect(guarded.failure()).toBeNull();
  });

  it('ends the body early when the source fails, and keeps the failure', async () => {
    const broken = new Error('gone');
    const { stream } = source([new Uint8Array([1]), broken]);
    const guarded = guardedBody(stream);
    expect(await read(guarded.body)).toEqual(new Uint8Array([1]));
    expect(guarded.failure()).toEqual({ error: broken });
  });

  it('ends a body whose source fails before its first byte', async () => {
    const { stream } = source([new Error('no file')]);
    const guarded = guardedBody(stream);
    expect(await read(guarded.body)).toEqual(new Uint8Array());
    expect(guarded.failure()?.error).toEqual(new Error('no file'));
  });

  it('cancels an unread source on release, and the body’s cancel reaches the source', async () => {
    const unread = source([new Uint8Array([1])]);
    guardedBody(unread.stream).release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unread.state).toEqual({ pulls: 0, cancelled: true });

    const dropped = source([new Uint8Array([1])]);
    await guardedBody(dropped.stream).body.cancel('refused');
    expect(dropped.state.cancelled).toBe(true);
  });

  it('releases a source read to its end without an error', async () => {
    const { stream, state } = source([new Uint8Array([7])]);
    const guarded = guardedBody(stream);
    await read(guarded.body);
    guarded.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(state.cancelled).toBe(false);
  });
});
