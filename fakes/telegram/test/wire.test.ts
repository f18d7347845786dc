/** The Bot API wire format with plain fetch: paths, tokens, body formats, error shapes. */
import { request } from 'node:http';
import { expect, it } from 'vitest';
import { call, fake, json, TOKEN, USER, userStartsChat } from './helpers.ts';

it('answers getMe over POST JSON, POST form and GET with a query string', async () => {
  const f = await fake();
  const posted = await call(f, 'getMe');
  expect(posted.status).toBe(200);
  expect(posted.body).toEqual({
    ok: true,
    result: expect.objectContaining({
      id: 123456,
      is_bot: true,
      username: 'vibecode_local_bot',
      can_join_groups: true,
      has_topics_enabled: true,
    }),
  });
  const form = await fetch(`${f.url}/bot${TOKEN}/getMe`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'unused=1',
  });
  expect((await json(form)).ok).toBe(true);
  const get = await fetch(`${f.url}/bot${TOKEN}/getme`);
  expect((await json(get)).result.id).toBe(123456);
});

it('refuses a wrong token with 401 "Unauthorized" and records the call', async () => {
  const f = await fake();
  const reply = await call(f, 'getMe', {}, '123456:wrong');
  expect(reply.status).toBe(401);
  expect(reply.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  expect(f.calls()).toEqual([
    {
      method: 'getMe',
      params: {},
      result: { ok: false, error_code: 401, description: 'Unauthorized' },
      at: expect.any(Number),
    },
  ]);
});

it('answers an unknown method, and paths outside the API, with 404 "Not Found"', async () => {
  const f = await fake();
  const reply = await call(f, 'sendTelepathy');
  expect(reply.status).toBe(404);
  expect(reply.body).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  const other = await fetch(`${f.url}/somewhere`);
  expect(other.status).toBe(404);
  expect(await json(other)).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
});

it('refuses a JSON body that does not parse or is not an object', async () => {
  const f = await fake();
  for (const body of ['{nope', '[1,2]']) {
    const res = await fetch(`${f.url}/bot${TOKEN}/getMe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      ok: false,
      error_code: 400,
      description: "Bad Request: can't parse JSON object",
    });
  }
});

it('refuses a multipart body without a boundary or with broken parts', async () => {
  const f = await fake();
  const noBoundary = await fetch(`${f.url}/bot${TOKEN}/getMe`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data' },
    body: 'x',
  });
  expect(noBoundary.status).toBe(400);
  const broken = await fetch(`${f.url}/bot${TOKEN}/getMe`, {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
    body: '--XYZ\r\ncontent-disposition: form-data; name="a"\r\n\r\nno end',
  });
  expect(broken.status).toBe(400);
  expect((await json(broken)).description).toBe("Bad Request: can't parse multipart/form-data: part does not end");
});

it('refuses a body over 50 MB with 413 before reading it', async () => {
  const f = await fake();
  const { port } = new URL(f.url);
  const status = await new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/bot${TOKEN}/sendDocument`,
        headers: { 'content-type': 'application/json', 'content-length': 60 * 1024 * 1024 },
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      },
    );
    req.on('error', reject);
    req.write('{');
  });
  expect(status).toBe(413);
});

it('records every call in order with its params and what it answered', async () => {
  const f = await fake();
  await call(f, 'getMe');
  await call(f, 'sendMessage', { chat_id: 1, text: 'hi' });
  const calls = f.calls();
  expect(calls.map((c) => c.method)).toEqual(['getMe', 'sendMessage']);
  expect(calls[0]?.result).toMatchObject({ id: 123456 });
  expect(calls[1]).toMatchObject({
    params: { chat_id: 1, text: 'hi' },
    result: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
  });
  const overHttp = await json(await fetch(`${f.url}/_fake/calls`));
  expect(overHttp).toEqual(calls);
});

it('reads form and query parameters as text, JSON-typed ones included, and records them as sent', async () => {
  const f = await fake();
  await userStartsChat(f);
  const markup = JSON.stringify({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
  const res = await fetch(`${f.url}/bot${TOKEN}/sendMessage?chat_id=${USER.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ text: 'from a form', reply_markup: markup }).toString(),
  });
  const sent = (await json(res)).result;
  expect(sent).toMatchObject({ text: 'from a form', reply_markup: JSON.parse(markup) });
  expect(f.calls()[0]?.params).toEqual({ chat_id: String(USER.id), text: 'from a form', reply_markup: markup });
});
