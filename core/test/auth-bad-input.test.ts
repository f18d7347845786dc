import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES } from '../src/auth/verify-routes.ts';
import { MAX_JSON_BODY_BYTES } from '../src/http/json-body.ts';
import { nextIp, ORIGIN } from './helpers/auth.ts';

const snapshot = async () =>
  JSON.stringify(
    await Promise.all(
      ['magic_link_tokens', 'users', 'web_sessions', 'gateways', 'bootstrap_tokens'].map(
        async (table) => (await env.DB.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()).results,
      ),
    ),
  );

const magicLink = (body: BodyInit, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${ORIGIN}/api/auth/magic-link`, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': nextIp(), ...headers },
    body,
  });

async function expectError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
}

function streamOf(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      const chunk = new Uint8Array(Math.min(4096, bytes - sent)).fill(0x20);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
}

describe('bad input on POST /api/auth/magic-link changes nothing', () => {
  it('refuses malformed JSON, non-objects, missing and invalid emails', async () => {
    const before = await snapshot();
    await expectError(await magicLink('{"email":'), 400, 'http.invalid_json');
    await expectError(await magicLink(''), 400, 'http.invalid_json');
    for (const body of ['[]', '"a@b.co"', 'null', '42'])
      await expectError(await magicLink(body), 400, 'http.invalid_body');
    for (const email of [
      undefined,
      null,
      42,
      '',
      'not-an-email',
      'a@b',
      `${'a'.repeat(260)}@example.com`,
      ['a@b.co'],
    ]) {
      await expectError(await magicLink(JSON.stringify({ email })), 400, 'auth.invalid_email');
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses an oversized body by Content-Length before reading, and by counting when streamed', async () => {
    const before = await snapshot();
    const padded = JSON.stringify({ email: 'big@example.com', pad: 'x'.repeat(MAX_JSON_BODY_BYTES) });
    await expectError(await magicLink(padded), 413, 'http.body_too_large');
    await expectError(await magicLink(streamOf(MAX_JSON_BODY_BYTES + 1)), 413, 'http.body_too_large');
    expect(await snapshot()).toBe(before);
  });
});

describe('bad input on POST /auth/verify changes nothing', () => {
  it('refuses an oversized form and an empty token', async () => {
    const before = await snapshot();
    const post = (body: string) =>
      exports.default.fetch(`${ORIGIN}/auth/verify`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body,
        redirect: 'manual',
      });
    await expectError(await post(`token=${'a'.repeat(MAX_FORM_BYTES)}`), 413, 'http.body_too_large');
    const empty = await post('');
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('auth.invalid_token');
    expect(await snapshot()).toBe(before);
  });
});
