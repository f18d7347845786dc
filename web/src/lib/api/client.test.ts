import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { createApi, routePath } from './client.ts';

function fakeFetch(status: number, body: unknown) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const fetchFn = async (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  };
  return { calls, fetchFn };
}

describe('api client', () => {
  it('posts the magic-link request as same-origin JSON', async () => {
    const { calls, fetchFn } = fakeFetch(202, { ok: true });
    await createApi(fetchFn).requestMagicLink('a@example.com');
    expect(calls[0]?.path).toBe('/api/auth/magic-link');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com' }),
    });
  });

  it('marks a bodyless mutating call as JSON too, which the server requires', async () => {
    const { calls, fetchFn } = fakeFetch(200, { session: { id: 's1' } });
    await createApi(fetchFn).endSession('s1');
    expect(calls[0]?.init).toMatchObject({ method: 'DELETE', headers: { 'content-type': 'application/json' } });
    expect(calls[0]?.init?.body).toBeUndefined();
  });

  it('unwraps list answers', async () => {
    const vps = [{ id: 'v1', name: 'box', status: 'ready' }];
    const { fetchFn } = fakeFetch(200, { vps });
    expect(await createApi(fetchFn).listVps()).toEqual(vps);
  });

  it('throws the server error as a typed ApiError', async () => {
    const { fetchFn } = fakeFetch(429, { error: { code: 'auth.rate_limited', message: 'too many sign-in requests' } });
    const error = await createApi(fetchFn)
      .requestMagicLink('a@example.com')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'auth.rate_limited', message: 'too many sign-in requests' });
  });

  it('marks 401 as unauthenticated', async () => {
    const { fetchFn } = fakeFetch(401, { error: { code: 'auth.required', message: 'sign in first' } });
    const error = await createApi(fetchFn)
      .me()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ unauthenticated: true, code: 'auth.required' });
  });

  it('gives a status-derived code when the body is not the error shape', async () => {
    const { fetchFn } = fakeFetch(502, undefined);
    const error = await createApi(fetchFn)
      .listVps()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http.502' });
  });

  it('reports a network failure as network.unreachable', async () => {
    const api = createApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.me()).rejects.toMatchObject({ status: 0, code: 'network.unreachable' });
  });

  it('treats a missing dev outbox (production) as null', async () => {
    const { fetchFn } = fakeFetch(404, { error: { code: 'http.not_found', message: 'no route' } });
    expect(await createApi(fetchFn).devOutbox()).toBeNull();
  });

  it('sends DELETE without a body and escapes ids in paths', async () => {
    const { calls, fetchFn } = fakeFetch(200, { session: { id: 's/1' } });
    await createApi(fetchFn).endSession('s/1');
    expect(calls[0]?.path).toBe('/api/sessions/s%2F1');
    expect(calls[0]?.init?.method).toBe('DELETE');
    expect(calls[0]?.init?.body).toBeUndefined();
  });

  it('removes a key by its URL-encoded fingerprint and accepts the empty 204', async () => {
    const { calls, fetchFn } = fakeFetch(204, undefined);
    expect(await createApi(fetchFn).removeKey('v1', 'SHA256:ab+c/d')).toBeNull();
    expect(calls[0]?.path).toBe('/api/vps/v1/keys/SHA256%3Aab%2Bc%2Fd');
    expect(calls[0]?.init?.method).toBe('DELETE');
  });

  it('destroys a server with its name as the typed confirmation', async () => {
    const { calls, fetchFn } = fakeFetch(204, undefined);
    await createApi(fetchFn).destroyVps('v1', 'my-box');
    expect(calls[0]?.path).toBe('/api/vps/v1');
    expect(calls[0]?.init).toMatchObject({ method: 'DELETE', body: JSON.stringify({ confirm: 'my-box' }) });
  });

  it('creates a server without a name when none is given', async () => {
    const { calls, fetchFn } = fakeFetch(201, { vps: { id: 'v2' } });
    expect(await createApi(fetchFn).createVps('ams3', 's-1vcpu-1gb')).toEqual({ id: 'v2' });
    expect(calls[0]?.init?.body).toBe(JSON.stringify({ region: 'ams3', size: 's-1vcpu-1gb' }));
  });

  it('fills every placeholder of a route path, escaped, and refuses a missing one', () => {
    expect(routePath('/api/vps/:id/keys/:fingerprint', { id: 'v 1', fingerprint: 'SHA256:a/b' })).toBe(
      '/api/vps/v%201/keys/SHA256%3Aa%2Fb',
    );
    expect(routePath('/api/vps', {})).toBe('/api/vps');
    expect(() => routePath('/api/vps/:id', {})).toThrow('no value for :id');
  });

  it('powers a server with the action as its body', async () => {
    const { calls, fetchFn } = fakeFetch(200, { vps: { id: 'v1', status: 'powering_off' } });
    await createApi(fetchFn).power('v1', 'off');
    expect(calls[0]?.path).toBe('/api/vps/v1/power');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', body: JSON.stringify({ action: 'off' }) });
  });

  it('asks for a gateway update with a bodyless JSON POST and unwraps the update state', async () => {
    const update = { version: '0.2.0', stage: 'requested' };
    const { calls, fetchFn } = fakeFetch(202, { update });
    expect(await createApi(fetchFn).updateGateway('v 1')).toEqual(update);
    expect(calls[0]?.path).toBe('/api/vps/v%201/gateway/update');
    expect(calls[0]?.init).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(calls[0]?.init?.body).toBeUndefined();
  });
  it('unwraps the attention items', async () => {
    const items = [
      { session_id: 's1', vps_id: 'v1', state: 'done', detail: 'Finished', since: '2026-12-06T03:00:00Z' },
    ];
    const { calls, fetchFn } = fakeFetch(200, { items });
    expect(await createApi(fetchFn).attention()).toEqual(items);
    expect(calls[0]?.path).toBe('/api/attention');
  });

  it('posts an answer with its fingerprint and throws a changed prompt as its typed error', async () => {
    const { calls, fetchFn } = fakeFetch(202, { answered: true });
    expect(await createApi(fetchFn).answer('s 1', { prompt_fingerprint: 'f1', choice: 'y' })).toEqual({
      answered: true,
    });
    expect(calls[0]?.path).toBe('/api/sessions/s%201/answer');
    expect(calls[0]?.init).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ prompt_fingerprint: 'f1', choice: 'y' }),
    });
    const changed = fakeFetch(409, { error: { code: 'session.prompt_changed', message: 'the prompt changed' } });
    await expect(
      createApi(changed.fetchFn).answer('s1', { prompt_fingerprint: 'f1', choice: 'y' }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'session.prompt_changed',
    });
  });
});
