import { describe, expect, it } from 'vitest';
import { maskEmail, normalizeEmail } from './email-address.ts';

describe('normalizeEmail', () => {
  it('trims and lower-cases plausible addresses', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(normalizeEmail('a.b+tag@sub.example.co')).toBe('a.b+tag@sub.example.co');
  });

  it('rejects what cannot be an address', () => {
    for (const bad of [
      undefined,
      42,
      '',
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a b@example.com',
      'a@b@c.com',
    ]) {
      expect(normalizeEmail(bad)).toBeNull();
    }
    expect(normalizeEmail(`${'a'.repeat(250)}@example.com`)).toBeNull();
    expect(normalizeEmail('Ada <ada@example.com>')).toBeNull();
  });
});

describe('maskEmail', () => {
  it('shows the first letter and the domain only', () => {
    expect(maskEmail('jane.doe@example.com')).toBe('j•••@example.com');
    expect(maskEmail('j@example.com')).toBe('j•••@example.com');
    expect(maskEmail('a.b+tag@sub.example.co')).toBe('a•••@sub.example.co');
  });
});
