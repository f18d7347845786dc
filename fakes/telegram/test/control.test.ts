/** The test-only control path: switches (rate limit), reset, bad requests. */
import { expect, it } from 'vitest';
import { call, fake, json, USER, userStartsChat } from './helpers.ts';

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

it('answers the next `count` calls with 429 and retry_after, then works again', async () => {
  const f = await fake();
  const set = await post(`${f.url}/_fake/switches`, { rateLimit: { count: 2, retryAfter: 7 } });
  expect(set.status).toBe(200);
  expect(await json(set)).toEqual({
    rateLimit: { count: 2, retryAfter: 7 },
    topicsEnabled: true,
    topicCallsFail: false,
  });
  for (let i = 0; i < 2; i++) {
    const reply = await call(f, 'getMe');
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
  }
  expect((await call(f, 'getMe')).status).toBe(200);
  expect(await json(await fetch(`${f.url}/_fake/switches`))).toMatchObject({ rateLimit: null });
  expect(f.calls().map((c) => (c.result as { error_code?: number }).error_code)).toEqual([429, 429, undefined]);
});

it('refuses invalid switches and changes nothing', async () => {
  const f = await fake();
  for (const body of [
    { rateLimit: { count: 1 } },
    { rateLimit: { count: -1, retryAfter: 1 } },
    { rateLimit: { count: 1, retryAfter: 0 } },
    { topicsEnabled: 'yes' },
    { topicCallsFail: 1 },
    { speed: 'fast' },
    [1],
  ]) {
    const res = await post(`${f.url}/_fake/switches`, body);
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('fake.bad_request');
  }
  const raw = await fetch(`${f.url}/_fake/switches`, { method: 'POST', body: '{' });
  expect(raw.status).toBe(400);
  expect(f.switches.get()).toEqual({ rateLimit: null, topicsEnabled: true, topicCallsFail: false });
  expect(() => f.switches.set({ topicsEnabled: 'no' as never })).toThrow('topicsEnabled must be a boolean');
  expect(f.switches.set({ rateLimit: { count: 0, retryAfter: 1 } }).rateLimit).toBeNull();
});

it('refuses an update that is not an object or has a bad update_id', async () => {
  const f = await fake();
  for (const body of ['[]', '"x"', '{"update_id":-1}', '{"update_id":1.5}', '{']) {
    const res = await fetch(`${f.url}/_fake/updates`, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe('fake.bad_request');
  }
});

it('reset forgets calls and chats but keeps the webhook', async () => {
  const f = await fake();
  await userStartsChat(f);
  await call(f, 'setWebhook', { url: 'https://example.com/hook' });
  await call(f, 'sendMessage', { chat_id: USER.id, text: 'x' });
  const reset = await fetch(`${f.url}/_fake/reset`, { method: 'POST' });
  expect(reset.status).toBe(204);
  expect(f.calls()).toEqual([]);
  expect((await call(f, 'sendMessage', { chat_id: USER.id, text: 'x' })).body.description).toBe(
    'Bad Request: chat not found',
  );
  expect((await call(f, 'getWebhookInfo')).body.result.url).toBe('https://example.com/hook');
});

it('answers unknown control paths with 404', async () => {
  const f = await fake();
  const res = await fetch(`${f.url}/_fake/nothing`);
  expect(res.status).toBe(404);
  expect((await json(res)).error.code).toBe('fake.not_found');
});
