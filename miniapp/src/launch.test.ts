import { describe, expect, it } from 'vitest';
import { AUTH_PATH, authenticate, authFailure, LAUNCH_TEXT, type PostJson, sessionParam } from './launch.ts';

/** A `fetch` double: records each call and answers `status` with `body` (a function body: throws). */
function answering(status: number, body: unknown) {
  const calls: { path: string; init: Parameters<PostJson>[1] }[] = [];
  const post: PostJson = async (path, init) => {
    calls.push({ path, init });
    return {
      status,
      json: async () => {
        if (typeof body === 'function') throw new Error('not json');
        return body;
      },
    };
  };
  return { post, calls };
}

const error = (code: string, message = `${code} message`) => ({ error: { code, message } });

describe('sessionParam', () => {
  it('reads ?session=', () => {
    expect(sessionParam(new URLSearchParams('session=5b0f4a7e-1c2d'))).toBe('5b0f4a7e-1c2d');
  });

  it('is null without one, or with one no session id can be', () => {
    expect(sessionParam(new URLSearchParams(''))).toBeNull();
    expect(sessionParam(new URLSearchParams('session='))).toBeNull();
    expect(sessionParam(new URLSearchParams(`session=${'a'.repeat(65)}`))).toBeNull();
    expect(sessionParam(new URLSearchParams('session=..%2Fvps'))).toBeNull();
    expect(sessionParam(new URLSearchParams('session=a%20b'))).toBeNull();
  });
});

describe('authenticate', () => {
  it('posts the raw initData as JSON, same origin, and returns the expiry', async () => {
    const { post, calls } = answering(200, { expires_at: 1_800_000_000_000 });
    const initData = 'query_id=AA&user=%7B%22id%22%3A1%7D&auth_date=1&hash=ab';
    expect(await authenticate(initData, post)).toEqual({ ok: true, expiresAt: 1_800_000_000_000 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe(AUTH_PATH);
    expect(calls[0]?.init).toMatchObject({ method: 'POST', credentials: 'same-origin' });
    expect(calls[0]?.init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(calls[0]?.init.body ?? '')).toEqual({ init_data: initData });
  });

  it('does not ask the server without launch data (the page was opened outside Telegram)', async () => {
    const { post, calls } = answering(200, { expires_at: 1 });
    expect(await authenticate('', post)).toEqual({
      ok: false,
      failure: { kind: 'no_init_data', message: LAUNCH_TEXT.no_init_data },
    });
    expect(calls).toHaveLength(0);
  });

  it('says the session could not be verified on 401', async () => {
    const { post } = answering(401, error('telegram.init_data_invalid'));
    expect(await authenticate('x=1', post)).toEqual({
      ok: false,
      failure: {
        kind: 'init_data_invalid',
        message: 'Could not verify this Telegram session — close and reopen the Mini App',
      },
    });
  });

  it('says how to link on 403 telegram.not_linked', async () => {
    const { post } = answering(403, error('telegram.not_linked'));
    const result = await authenticate('x=1', post);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.kind).toBe('not_linked');
    expect(result.failure.message).toContain('Connect Telegram');
    expect(result.failure.message).toContain('send the code');
  });

  it('says Telegram is not set up on 503 telegram.not_configured', async () => {
    const { post } = answering(503, error('telegram.not_configured'));
    const result = await authenticate('x=1', post);
    expect(!result.ok && result.failure).toEqual({ kind: 'not_configured', message: LAUNCH_TEXT.not_configured });
  });

  it("shows the server's message for any other refusal", async () => {
    const { post } = answering(403, error('http.cross_origin', 'The request did not come from this site.'));
    const result = await authenticate('x=1', post);
    expect(!result.ok && result.failure).toEqual({
      kind: 'failed',
      message: 'The request did not come from this site.',
    });
  });

  it('has a generic sentence for an answer that is not the error shape', async () => {
    for (const body of [undefined, 'oops', { error: 'x' }, { error: { code: 1, message: 'm' } }, () => 0]) {
      const { post } = answering(500, body);
      const result = await authenticate('x=1', post);
      expect(!result.ok && result.failure).toEqual({ kind: 'failed', message: LAUNCH_TEXT.failed });
    }
  });

  it('refuses a 200 without a numeric expires_at', async () => {
    for (const body of [{}, { expires_at: '1' }, { expires_at: Number.NaN }, null, () => 0]) {
      const { post } = answering(200, body);
      const result = await authenticate('x=1', post);
      expect(!result.ok && result.failure.kind).toBe('failed');
    }
  });

  it('says VibeCode could not be reached when the request fails', async () => {
    const post: PostJson = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect(await authenticate('x=1', post)).toEqual({
      ok: false,
      failure: { kind: 'unreachable', message: LAUNCH_TEXT.unreachable },
    });
  });
});

describe('authFailure', () => {
  it('treats any 401 as unverifiable launch data, whatever the body', () => {
    expect(authFailure(401, undefined).kind).toBe('init_data_invalid');
  });

  it('does not take a 403 for "not linked" unless the code says so', () => {
    expect(authFailure(403, error('http.cross_origin')).kind).toBe('failed');
    expect(authFailure(403, undefined).kind).toBe('failed');
  });
});
