import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateApiRequest } from './api.ts';
import { NEXT_PATH_MAX, safeNextPath } from './next-path.ts';

const accepted = ['/', '/dashboard', '/vps/v1/sessions/s-2', '/vps/1?tab=keys#sessions', '/a/b%2F%2Fc', '/caf%C3%A9'];
const refused = [
  '',
  'dashboard',
  '//evil.example',
  '//evil.example/path',
  '/\\evil.example',
  '/a\\b',
  'https://evil.example/',
  'javascript:alert(1)',
  ' /dashboard',
  '/\t/evil.example',
  '/a\nb',
  '/a b',
  '/a\u0000',
  '/a\u007f',
  `/${'a'.repeat(NEXT_PATH_MAX)}`,
];

describe('safeNextPath', () => {
  it.each(accepted)('keeps the same-origin path %j', (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each(refused)('refuses %j', (path) => {
    expect(safeNextPath(path)).toBeNull();
  });

  it('refuses a missing value', () => {
    expect(safeNextPath(null)).toBeNull();
    expect(safeNextPath(undefined)).toBeNull();
  });

  it('lets through only references a browser resolves on the origin that reads them', () => {
    const base = 'https://vibecode.invalid';
    const pieces = fc.constantFrom('/', '\\', ':', '.', 'a', '%', '?', '#', '@', '\t', ' ', 'http', '//');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const value = parts.join('');
        if (safeNextPath(value) !== null) expect(new URL(value, base).origin).toBe(base);
      }),
      { numRuns: 2000 },
    );
  });

  it("says the same as the magic-link route's schema", () => {
    for (const next of [...accepted, ...refused]) {
      const body = validateApiRequest('POST /api/auth/magic-link', { email: 'a@example.com', next });
      expect({ next, ok: body.ok }).toEqual({ next, ok: safeNextPath(next) !== null });
    }
  });
});
