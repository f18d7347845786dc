/**
 * Fuzz of the HTTP API's body validators (the control plane checks every request body here, clients check what
 * they receive): any value and near-valid edits of every example get a typed answer; nothing throws, the body is
 * never changed, what is accepted survives a trip over the wire, and a refusal names a path and a field that are
 * really in the body.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestExamples, responseExamples } from '../test/api-examples.ts';
import { editedStrings, nearValid } from '../test/fuzz/near-valid.ts';
import { resolves, segmentsOf } from '../test/fuzz/pointer.ts';
import { fuzzParameters, fuzzTimeout } from '../test/fuzz/settings.ts';
import {
  type ApiBodyError,
  type ApiBodyRoute,
  type ApiJsonRoute,
  validateApiRequest,
  validateApiResource,
  validateApiResponse,
} from './api.ts';
import type { Result } from './result.ts';

type Check = (value: unknown) => Result<unknown, ApiBodyError>;

function expectTyped(check: Check, name: string, input: unknown): void {
  const before = JSON.stringify(input);
  const outcome = check(input);
  expect(JSON.stringify(input)).toBe(before);
  if (outcome.ok) {
    expect(outcome.value).toBe(input);
    expect(check(JSON.parse(JSON.stringify(input)))).toEqual({ ok: true, value: input });
    return;
  }
  const { code, message, path, field } = outcome.error;
  expect(code).toBe('http.invalid_body');
  expect(message.startsWith(`${name}: `)).toBe(true);
  expect(resolves(input, path)).toBe(true);
  // A field is the top of the path, or, at the top level, a missing or unknown field of an object body.
  if (path !== '') expect(field).toBe(segmentsOf(path)[0]);
  else if (field !== null) expect(typeof input === 'object' && input !== null && !Array.isArray(input)).toBe(true);
}

const manifest = { version: '0.2.0', schema_version: '1', sha256: 'a'.repeat(64), size: 41_000_000, node: '20.20.2' };

const validators: { name: string; check: Check; valid: object }[] = [
  ...Object.entries(requestExamples).map(([route, { valid }]) => ({
    name: route,
    check: (value: unknown) => validateApiRequest(route as ApiBodyRoute, value),
    valid,
  })),
  ...Object.entries(responseExamples).map(([route, { valid }]) => ({
    name: route,
    check: (value: unknown) => validateApiResponse(route as ApiJsonRoute, value),
    valid,
  })),
  {
    name: 'ReleaseManifest',
    check: (value: unknown) => validateApiResource('ReleaseManifest', value),
    valid: manifest,
  },
  {
    name: 'GatewayRegistration',
    check: (value: unknown) => validateApiResource('GatewayRegistration', value),
    valid: { gateway_id: 'gw-1', credential: 'cred_abc' },
  },
];

describe('HTTP API bodies under fuzz', () => {
  for (const { name, check, valid } of validators) {
    it(
      `answers any value and near-valid edits for ${name} with a typed result`,
      () => {
        fc.assert(
          fc.property(fc.oneof(nearValid(valid), editedStrings(valid), fc.jsonValue({ maxDepth: 3 })), (value) => {
            expectTyped(check, name, value);
          }),
          fuzzParameters(40),
        );
      },
      fuzzTimeout(),
    );
  }

  it(
    'answers values JSON cannot even carry without throwing',
    () => {
      const anything = fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withSet: true });
      fc.assert(
        fc.property(fc.constantFrom(...validators), anything, ({ name, check }, value) => {
          const outcome = check(value);
          if (!outcome.ok) expect(outcome.error.message.startsWith(`${name}: `)).toBe(true);
        }),
        fuzzParameters(300),
      );
    },
    fuzzTimeout(),
  );
});
