import { describe, expect, it } from 'vitest';
import commands from '../src/commands.json' with { type: 'json' };
import { ALLOWED_UPDATES, registerWebhook } from './set-webhook.mjs';

type Call = { url: string; body: unknown };

/** A Bot API answering each call with `answer(method)`, recording the calls. */
function botApi(
  answer: (method: string) => Response | Promise<Response> = () => Response.json({ ok: true, result: true }),
) {
  const calls: Call[] = [];
  const fetch = async (url: string, init?: RequestInit) => {
    calls.push({ url, body: JSON.parse(String(init?.body)) });
    return answer(url.split('/').pop() ?? '');
  };
  return { calls, fetch };
}

const options = { token: '123:abc', url: 'https://vibe.example.com/telegram/webhook', secret: 's3cret' };

describe('registerWebhook', () => {
  it('sets the webhook with its secret and update kinds, then the command menu', async () => {
    const api = botApi();
    await registerWebhook({ ...options, apiRoot: 'http://127.0.0.1:8791/', fetch: api.fetch });
    expect(api.calls).toEqual([
      {
        url: 'http://127.0.0.1:8791/bot123:abc/setWebhook',
        body: { url: options.url, secret_token: 's3cret', allowed_updates: ['message', 'callback_query'] },
      },
      { url: 'http://127.0.0.1:8791/bot123:abc/setMyCommands', body: { commands } },
    ]);
    expect(ALLOWED_UPDATES).toEqual(['message', 'callback_query']);
  });

  it('talks to the real Bot API by default', async () => {
    const api = botApi();
    await registerWebhook({ ...options, fetch: api.fetch });
    expect(api.calls[0]?.url).toBe('https://api.telegram.org/bot123:abc/setWebhook');
  });

  it('stops at a refusal, with Telegram’s description and without the token', async () => {
    const api = botApi(() =>
      Response.json(
        { ok: false, error_code: 400, description: 'Bad Request: bad webhook: HTTPS url must be provided' },
        { status: 400 },
      ),
    );
    const error = await registerWebhook({ ...options, fetch: api.fetch }).catch((e: Error) => e);
    expect(String(error)).toBe('Error: setWebhook failed: Bad Request: bad webhook: HTTPS url must be provided');
    expect(String(error)).not.toContain('123:abc');
    expect(api.calls.map((c) => c.url.split('/').pop())).toEqual(['setWebhook']);
  });

  it('says when the Bot API cannot be reached or answers something else', async () => {
    const unreachable = botApi(() => Promise.reject(new TypeError('fetch failed')));
    await expect(registerWebhook({ ...options, fetch: unreachable.fetch })).rejects.toThrow(
      'setWebhook: could not reach the Bot API at https://api.telegram.org',
    );
    const html = botApi(() => new Response('<html>', { status: 502 }));
    await expect(registerWebhook({ ...options, fetch: html.fetch })).rejects.toThrow('setWebhook failed: HTTP 502');
  });

  it('refuses to register without the token or the secret', async () => {
    const api = botApi();
    await expect(registerWebhook({ ...options, secret: '', fetch: api.fetch })).rejects.toThrow(
      'registerWebhook needs the bot token and the webhook secret',
    );
    await expect(registerWebhook({ ...options, token: '', fetch: api.fetch })).rejects.toThrow();
    expect(api.calls).toEqual([]);
  });
});
