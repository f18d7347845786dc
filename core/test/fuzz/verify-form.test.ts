import { editedStrings, fuzzParameters, fuzzTimeout } from '@vibecode/schemas/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_FORM_BYTES } from '../../src/auth/verify-routes.ts';
import { BROWSER_COOKIE, issueTestLink, ORIGIN, uniqueEmail } from '../helpers/auth.ts';
import { d1State } from './d1-state.ts';
import { sendToApp } from './direct-app.ts';

let token: string;
let used = false;

beforeAll(async () => {
  token = await issueTestLink(uniqueEmail('fuzz'));
  // Access-log lines only: thousands of them would slow the run.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});

function forms(): fc.Arbitrary<string | Uint8Array> {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  return fc.oneof(
    { weight: 4, arbitrary: editedStrings({ token }).map((fields) => form(fields as Record<string, string>)) },
    fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 60 })).map(form),
    fc.string({ unit: 'binary', maxLength: 80 }).map((text) => `token=${text}`),
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.uint8Array({ maxLength: 80 }),
    fc.nat({ max: 40 }).map((n) => `token=${token}&pad=${'x'.repeat(MAX_FORM_BYTES - 60 + n)}`),
  );
}

async function sendAndCheck(body: string | Uint8Array): Promise<void> {
  const before = await d1State();
  const { status, text } = await sendToApp(
    new Request(`${ORIGIN}/auth/verify`, {
      method: 'POST',
      // The browser that asked for the link, so the exact token signs in at once (no extra confirmation).
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: BROWSER_COOKIE },
      body,
      redirect: 'manual',
    }),
  );
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  if (bytes.byteLength > MAX_FORM_BYTES) {
    expect(status).toBe(413);
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'http.body_too_large' } });
  } else if (!used && new URLSearchParams(new TextDecoder().decode(bytes)).get('token') === token) {
    expect(status).toBe(303);
    used = true;
    return;
  } else {
    expect(status, text).toBe(400);
    expect(text).toContain('auth.invalid_token');
  }
  expect(await d1State(), `${status} changed D1`).toBe(before);
}

describe('the sign-in confirmation form under fuzz', () => {
  it(
    'refuses every form but the exact token with the invalid-link page or a 413, changing nothing',
    async () => {
      await fc.assert(fc.asyncProperty(forms(), sendAndCheck), fuzzParameters(40));
    },
    fuzzTimeout(20_000),
  );
});
