import { describe, expect, it } from 'vitest';
import { requestExamples, responseExamples } from '../test/api-examples.ts';
import {
  type ApiBodyRoute,
  type ApiJsonRoute,
  validateApiRequest,
  validateApiResource,
  validateApiResponse,
} from './api.ts';

describe('HTTP API request bodies', () => {
  for (const [route, { valid, invalid, breaks }] of Object.entries(requestExamples)) {
    it(`accepts a valid ${route} body and refuses one broken at ${breaks || 'the top level'}`, () => {
      expect(validateApiRequest(route as ApiBodyRoute, valid)).toEqual({ ok: true, value: valid });
      const refused = validateApiRequest(route as ApiBodyRoute, invalid);
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('http.invalid_body');
        expect(refused.error.path).toBe(breaks);
        expect(refused.error.message).toContain(route);
      }
    });
  }

  it('names the field a body is wrong about: missing, unknown, or invalid', () => {
    const field = (body: unknown) => {
      const result = validateApiRequest('POST /api/vps/:id/keys', body);
      return result.ok ? 'accepted' : result.error.field;
    };
    expect(field({ label: 'x' })).toBe('public_key');
    expect(field({ public_key: 'k', label: 'x', type: 'support' })).toBe('type');
    expect(field({ public_key: 42, label: 'x' })).toBe('public_key');
    expect(field([])).toBe(null);
    expect(field({ public_key: 'k', label: 'x' })).toBe('accepted');
  });

  it('says which field is unknown', () => {
    const result = validateApiRequest('POST /api/vps/:id/power', { action: 'on', force: true });
    expect(result.ok ? '' : result.error.message).toBe('POST /api/vps/:id/power: body has an unknown field force');
  });
});

describe('HTTP API response bodies', () => {
  for (const [route, { valid, invalid, breaks }] of Object.entries(responseExamples)) {
    it(`accepts a valid ${route} answer and refuses one broken at ${breaks || 'the top level'}`, () => {
      expect(validateApiResponse(route as ApiJsonRoute, valid).ok).toBe(true);
      const refused = validateApiResponse(route as ApiJsonRoute, invalid);
      expect(refused.ok ? null : refused.error.path).toBe(breaks);
    });
  }
});

describe('documents read from elsewhere', () => {
  const manifest = {
    version: '0.2.0',
    schema_version: '1',
    sha256: 'a'.repeat(64),
    size: 41_000_000,
    node: '20.20.2',
  };

  it('accepts a release manifest, whatever protocol it names, and refuses one that is not exactly the five fields', () => {
    expect(validateApiResource('ReleaseManifest', manifest)).toEqual({ ok: true, value: manifest });
    expect(validateApiResource('ReleaseManifest', { ...manifest, schema_version: '2' }).ok).toBe(true);
    const field = (value: unknown) => {
      const result = validateApiResource('ReleaseManifest', value);
      return result.ok ? 'accepted' : result.error.field;
    };
    expect(field({ ...manifest, sha256: 'A'.repeat(64) })).toBe('sha256');
    expect(field({ ...manifest, version: 'latest' })).toBe('version');
    expect(field({ ...manifest, size: 0 })).toBe('size');
    expect(field({ ...manifest, url: 'https://x' })).toBe('url');
    const { node: _, ...withoutNode } = manifest;
    expect(field(withoutNode)).toBe('node');
  });
});
