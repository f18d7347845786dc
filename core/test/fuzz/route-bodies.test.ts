/**
 * Fuzz of every JSON route's body: arbitrary JSON, near-valid edits of a valid body, text that is not JSON and bytes
 * that are not UTF-8. Each gets a typed answer, never a 500 or a crash; a body the route's schema refuses gets exactly
 * the 4xx the route promises; and a refused request changes nothing in D1. What the fuzz found is kept below as named
 * regressions, sent through the Worker itself.
 */
import { exports } from 'cloudflare:workers';
import { type ApiBodyRoute, validateApiRequest } from '@vibecode/schemas';
import { editedStrings, fuzzParameters, fuzzTimeout, nearValid, requestExamples } from '@vibecode/schemas/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_JSON_BODY_BYTES } from '../../src/http/json-body.ts';
import { signIn } from '../helpers/auth.ts';
import { insertVps } from '../helpers/fixtures.ts';
import { type BodyRoute, bodyRoutes, methodOf, type Owner, servedOutsideCore } from './body-routes.ts';
import { d1State } from './d1-state.ts';
import { sendToApp } from './direct-app.ts';

const ERROR_CODE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Bodies as they arrive: JSON text, text that only looks like it, and raw bytes. */
function bodies(valid: object): fc.Arbitrary<string | Uint8Array> {
  const text = JSON.stringify(valid);
  return fc.oneof(
    { weight: 3, arbitrary: nearValid(valid).map((value) => JSON.stringify(value)) },
    { weight: 3, arbitrary: editedStrings(valid).map((value) => JSON.stringify(value)) },
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
    fc.nat({ max: text.length - 1 }).map((cut) => text.slice(0, cut)),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.uint8Array({ maxLength: 40 }),
  );
}

/** The code a route must refuse a body with when its schema refuses it, or null for a body the schema accepts. */
function refusalOf({ route, fieldCodes }: BodyRoute, body: string | Uint8Array): string | null {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  if (bytes.byteLength > MAX_JSON_BODY_BYTES) return 'http.body_too_large';
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return 'http.invalid_json';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'http.invalid_body';
  const checked = validateApiRequest(route, value);
  if (checked.ok) return null;
  const { field } = checked.error;
  return field !== null && Object.hasOwn(fieldCodes, field) ? (fieldCodes[field] as string) : 'http.invalid_body';
}

let owner: Owner;
/** What the Worker logged as an unhandled error (its 500 path); every other line is dropped unread. */
const unhandled: string[] = [];

/** Sends one body and checks its answer, and that a refusal left D1 as it was. */
async function sendAndCheck(target: BodyRoute, body: string | Uint8Array): Promise<void> {
  const before = await d1State();
  const { status, text } = await sendToApp(
    new Request(target.url(owner), { method: methodOf(target.route), headers: target.headers(owner), body }),
  );
  expect(status, text).not.toBe(500);
  expect(unhandled).toEqual([]);
  if (status < 400) return;
  const code = (JSON.parse(text) as { error: { code: string } }).error.code;
  expect(code).toMatch(ERROR_CODE);
  expect(await d1State(), `${status} ${code} changed D1`).toBe(before);
  const refusal = refusalOf(target, body);
  if (refusal !== null) {
    expect(code).toBe(refusal);
    expect(status).toBe(refusal === 'http.body_too_large' ? 413 : 400);
  }
}

beforeAll(async () => {
  const { cookie, userId } = await signIn();
  owner = { cookie, vpsId: (await insertVps(userId, 'fuzz-box')).vpsId };
  // Thousands of access-log lines would only slow the run: workerd hands each one to vitest over a socket.
  vi.spyOn(console, 'log').mockImplementation((line: string) => {
    if (line.includes('"msg":"unhandled error"')) unhandled.push(line);
  });
});

describe('every route body under fuzz', () => {
  it('covers every route that takes a JSON body', () => {
    const core = Object.keys(requestExamples).filter((route) => !servedOutsideCore.includes(route as ApiBodyRoute));
    expect(bodyRoutes.map((r) => r.route).sort()).toEqual(core.sort());
  });

  for (const target of bodyRoutes) {
    it(
      `${target.route}: a typed answer for any body, the promised 4xx for a refused one, and no change on a refusal`,
      async () => {
        await fc.assert(
          fc.asyncProperty(bodies(target.valid), (body) => sendAndCheck(target, body)),
          fuzzParameters(25),
        );
      },
      fuzzTimeout(20_000),
    );
  }
});

describe('route bodies the fuzz found', () => {
  /** The valid body of a route with one more field, under a name every plain object inherits. */
  const withInherited = (valid: object, name: string) => `${JSON.stringify(valid).slice(0, -1)},"${name}":0}`;

  // The route's own field errors were looked up by the body's field name without an own-property check, so
  // `__proto__` found Object.prototype and threw it; a thrown non-Error escapes hono's onError, so the Worker crashed
  // (Cloudflare answers its 1101 page) instead of answering 400.
  it('regression: an unknown __proto__, constructor or toString field is a 400 http.invalid_body on every route', async () => {
    const before = await d1State();
    for (const target of bodyRoutes) {
      for (const name of ['__proto__', 'constructor', 'toString']) {
        const res = await exports.default.fetch(target.url(owner), {
          method: methodOf(target.route),
          headers: target.headers(owner),
          body: withInherited(target.valid, name),
        });
        expect(res.status, `${target.route} ${name}`).toBe(400);
        expect(await res.json()).toMatchObject({ error: { code: 'http.invalid_body' } });
      }
    }
    expect(await d1State()).toBe(before);
  });
});
