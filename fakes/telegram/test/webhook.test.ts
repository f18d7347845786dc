/** setWebhook / getWebhookInfo / deleteWebhook and delivery of updates to the webhook (`POST /_fake/updates`). */
import { expect, it } from 'vitest';
import { call, fake, json, userMessage, webhookServer } from './helpers.ts';

it('delivers an update as Telegram does: JSON POST with the secret header, and reports the webhook status', async () => {
  const f = await fake();
  const hook = await webhookServer(200);
  try {
    const set = await call(f, 'setWebhook', {
      url: hook.url,
      secret_token: 'S3cret_-x',
      allowed_updates: ['message', 'callback_query'],
    });
    expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
    const update = { update_id: 9001, ...userMessage('/start abc') };
    const res = await fetch(`${f.url}/_fake/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ delivered: true, status: 200 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]?.headers['x-telegram-bot-api-secret-token']).toBe('S3cret_-x');
    expect(hook.received[0]?.headers['content-type']).toBe('application/json');
    // Telegram marks the command; the test's update left its entities out.
    expect(hook.received[0]?.body).toEqual({
      ...update,
      message: { ...update.message, entities: [{ type: 'bot_command', offset: 0, length: 6 }] },
    });
    expect((await call(f, 'getWebhookInfo')).body.result).toEqual({
      url: hook.url,
      has_custom_certificate: false,
      pending_update_count: 0,
      max_connections: 40,
      allowed_updates: ['message', 'callback_query'],
    });
  } finally {
    await hook.close();
  }
});

it('numbers updates sent without an update_id, and sends no secret header when none was set', async () => {
  const f = await fake();
  const hook = await webhookServer(200);
  try {
    await call(f, 'setWebhook', { url: hook.url });
    await f.deliver({ update_id: 41, ...userMessage('one') });
    await f.deliver(userMessage('two'));
    expect(hook.received.map((r) => r.body.update_id)).toEqual([41, 42]);
    expect(hook.received[0]?.headers['x-telegram-bot-api-secret-token']).toBeUndefined();
  } finally {
    await hook.close();
  }
});

it("passes on the webhook's error status and records it as the last error", async () => {
  const f = await fake();
  const hook = await webhookServer(401);
  try {
    await call(f, 'setWebhook', { url: hook.url, secret_token: 'abc' });
    expect(await f.deliver(userMessage('hi'))).toEqual({ delivered: true, status: 401 });
    const info = (await call(f, 'getWebhookInfo')).body.result;
    expect(info.last_error_message).toBe('Wrong response from the webhook: 401 Unauthorized');
    expect(info.last_error_date).toBeGreaterThan(0);
  } finally {
    await hook.close();
  }
});

it('answers 409 {delivered:false} without a webhook and 502 when the webhook is unreachable', async () => {
  const f = await fake();
  const none = await fetch(`${f.url}/_fake/updates`, { method: 'POST', body: JSON.stringify(userMessage('x')) });
  expect(none.status).toBe(409);
  expect(await json(none)).toEqual({ delivered: false });
  const hook = await webhookServer();
  await call(f, 'setWebhook', { url: hook.url });
  await hook.close();
  const down = await fetch(`${f.url}/_fake/updates`, { method: 'POST', body: JSON.stringify(userMessage('x')) });
  expect(down.status).toBe(502);
  expect((await call(f, 'getWebhookInfo')).body.result.last_error_message).toBe('Connection refused');
});

it('does not deliver update types outside allowed_updates (or chat_member by default)', async () => {
  const f = await fake();
  const hook = await webhookServer();
  try {
    await call(f, 'setWebhook', { url: hook.url });
    const member = { chat_member: { chat: { id: 1, type: 'private' } } } as never;
    expect(await f.deliver(member)).toEqual({ delivered: false, reason: 'not_allowed' });
    await call(f, 'setWebhook', { url: hook.url, allowed_updates: ['callback_query'] });
    expect(await f.deliver(userMessage('x'))).toEqual({ delivered: false, reason: 'not_allowed' });
    expect(hook.received).toHaveLength(0);
  } finally {
    await hook.close();
  }
});

it("refuses bad webhook URLs and secret tokens with Telegram's wording", async () => {
  const f = await fake();
  const cases: [object, string][] = [
    [{ url: 'not a url' }, 'Bad Request: invalid webhook URL specified'],
    [{ url: 'ftp://example.com/hook' }, 'Bad Request: invalid webhook URL specified'],
    [
      { url: 'https://example.com/hook', secret_token: 'has space' },
      'Bad Request: secret token contains unallowed characters',
    ],
    [
      { url: 'https://example.com/hook', secret_token: 'a:b' },
      'Bad Request: secret token contains unallowed characters',
    ],
    [{ url: 'https://example.com/hook', secret_token: 'x'.repeat(257) }, 'Bad Request: secret token is too long'],
  ];
  for (const [params, description] of cases) {
    expect((await call(f, 'setWebhook', params)).body).toEqual({ ok: false, error_code: 400, description });
  }
  expect((await call(f, 'getWebhookInfo')).body.result.url).toBe('');
});

it('says when the webhook is already set, and deletes it', async () => {
  const f = await fake();
  const url = 'https://example.com/hook';
  await call(f, 'setWebhook', { url, secret_token: 'a' });
  expect((await call(f, 'setWebhook', { url, secret_token: 'a' })).body.description).toBe('Webhook is already set');
  expect((await call(f, 'setWebhook', { url, secret_token: 'a', drop_pending_updates: true })).body.description).toBe(
    'Webhook was set',
  );
  expect((await call(f, 'deleteWebhook')).body).toEqual({ ok: true, result: true, description: 'Webhook was deleted' });
  expect((await call(f, 'deleteWebhook')).body.description).toBe('Webhook is already deleted');
  await call(f, 'setWebhook', { url });
  expect((await call(f, 'setWebhook', { url: '' })).body.description).toBe('Webhook was deleted');
  expect((await call(f, 'getWebhookInfo')).body.result).toEqual({
    url: '',
    has_custom_certificate: false,
    pending_update_count: 0,
  });
});

it('keeps max_connections within 1..100 and ignores allowed_updates that are not a list of strings', async () => {
  const f = await fake();
  await call(f, 'setWebhook', { url: 'https://example.com/a', max_connections: 500, allowed_updates: ['message'] });
  expect((await call(f, 'getWebhookInfo')).body.result).toMatchObject({
    max_connections: 100,
    allowed_updates: ['message'],
  });
  await call(f, 'setWebhook', { url: 'https://example.com/b', max_connections: 0, allowed_updates: [1] });
  expect((await call(f, 'getWebhookInfo')).body.result).toMatchObject({
    max_connections: 40,
    allowed_updates: ['message'],
  });
});
