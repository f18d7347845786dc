/**
 * `POST /telegram/webhook` as Telegram calls it: the secret header decides (401, nothing queued), then the body (400,
 * nothing queued), then the update goes on the `TELEGRAM_UPDATES` Queue and the consumer claims it; without the bot's
 * token or secret every Telegram path answers 503. The queue is swapped for a recorder where a test must see that
 * nothing was queued.
 */
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { errorOf, signIn } from './helpers.ts';
import {
  claimOf,
  fetchWith,
  recordingQueue,
  SECRET,
  textUpdate,
  updateId,
  WEBHOOK_URL,
  webhookRequest,
} from './telegram-helpers.ts';

describe('the Telegram webhook', () => {
  it('queues a good update and answers 200 at once, with an empty body; the consumer claims it', async () => {
    const id = updateId();
    const res = await exports.default.fetch(webhookRequest(JSON.stringify(textUpdate(id))));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // The Bot API here is a closed port, so the run fails and its claim is released for a retry.
    for (let attempt = 0; attempt < 100 && (await claimOf(id)) === null; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await claimOf(id)).toMatchObject({ attempts: 1 });
  });

  it('puts exactly the update on the Queue', async () => {
    const queue = recordingQueue();
    const update = textUpdate(updateId(), 'hi');
    const res = await fetchWith(webhookRequest(JSON.stringify(update)), { TELEGRAM_UPDATES: queue });
    expect(res.status).toBe(200);
    expect(queue.sent).toEqual([update]);
  });

  it.each([
    ['no secret header', null],
    ['a wrong secret of the same length', SECRET.replace('w', 'W')],
    ['a shorter secret', SECRET.slice(1)],
    ['a longer secret', `${SECRET}x`],
    ['an empty secret', ''],
  ])('refuses %s with 401 and queues nothing', async (_, secret) => {
    const queue = recordingQueue();
    const res = await fetchWith(webhookRequest(JSON.stringify(textUpdate(updateId())), secret), {
      TELEGRAM_UPDATES: queue,
    });
    expect(await errorOf(res)).toEqual({ status: 401, code: 'telegram.unauthorized' });
    expect(queue.sent).toEqual([]);
  });

  it.each([
    ['not JSON', '{"update_id": '],
    ['an array', '[]'],
    ['no update_id', '{"message": {}}'],
    ['a negative update_id', '{"update_id": -3}'],
    ['a string update_id', '{"update_id": "3"}'],
    ['more than 1 MiB', JSON.stringify({ update_id: 1, pad: 'x'.repeat(1024 * 1024) })],
    ['more than a Queue message holds', JSON.stringify({ update_id: 1, pad: 'x'.repeat(130_000) })],
  ])('refuses a body that is %s with 400 and queues nothing', async (_, body) => {
    const queue = recordingQueue();
    const res = await fetchWith(webhookRequest(body), { TELEGRAM_UPDATES: queue });
    expect(await errorOf(res)).toEqual({ status: 400, code: 'telegram.bad_update' });
    expect(queue.sent).toEqual([]);
  });

  it('checks the secret before reading the body', async () => {
    const res = await fetchWith(webhookRequest('not json', 'wrong'), { TELEGRAM_UPDATES: recordingQueue() });
    expect(await errorOf(res)).toEqual({ status: 401, code: 'telegram.unauthorized' });
  });

  it('answers other Telegram paths and methods with a typed 404', async () => {
    expect(await errorOf(await exports.default.fetch(WEBHOOK_URL))).toEqual({ status: 404, code: 'http.not_found' });
    const other = await exports.default.fetch('http://localhost/telegram/other', { method: 'POST' });
    expect(await errorOf(other)).toEqual({ status: 404, code: 'http.not_found' });
  });
});

describe('without the bot token or the webhook secret', () => {
  const requests = () => [
    webhookRequest(JSON.stringify(textUpdate(updateId()))),
    new Request('http://localhost/api/telegram/link', { method: 'POST' }),
    new Request('http://localhost/api/telegram/link', { method: 'DELETE' }),
    new Request('http://localhost/telegram/anything'),
  ];

  it.each([
    ['the token', { TELEGRAM_BOT_TOKEN: undefined }],
    ['the secret', { TELEGRAM_WEBHOOK_SECRET: '' }],
  ])('without %s every Telegram path answers 503 telegram.not_configured', async (_, overrides) => {
    for (const request of requests()) {
      const queue = recordingQueue();
      const res = await fetchWith(request, { ...overrides, TELEGRAM_UPDATES: queue });
      expect(await errorOf(res)).toEqual({ status: 503, code: 'telegram.not_configured' });
      expect(queue.sent).toEqual([]);
    }
  });

  it('GET /api/telegram still answers a signed-in user, configured false, so the dashboard hides its card', async () => {
    const user = await signIn();
    const request = new Request('http://localhost/api/telegram', { headers: { cookie: user.cookie } });
    const res = await fetchWith(request, { TELEGRAM_BOT_TOKEN: undefined });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ configured: false, linked: false, topics: false });
    const anonymous = await fetchWith(new Request('http://localhost/api/telegram'), { TELEGRAM_BOT_TOKEN: undefined });
    expect(await errorOf(anonymous)).toEqual({ status: 401, code: 'auth.required' });
  });

  it('a malformed setting answers 500 telegram.config_invalid, naming no value', async () => {
    const res = await fetchWith(webhookRequest('{}'), { TELEGRAM_API_ROOT: 'ftp://x', APP_ENV: 'local' });
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(res.status).toBe(500);
    expect(body.error.code).toBe('telegram.config_invalid');
    expect(JSON.stringify(body)).not.toContain('ftp');
  });
});
