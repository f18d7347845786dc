import { describe, expect, it } from 'vitest';
import { maskEmail } from './mask-email.ts';

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('alice@example.com')).toBe('a***@example.com');
    expect(maskEmail('a@example.com')).toBe('a***@example.com');
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('bo@example.com')).toBe(maskEmail('bartholomew@example.com'));
  });

  it('keeps a whole first character outside the BMP', () => {
    expect(maskEmail('😀smile@example.com')).toBe('😀***@example.com');
  });

  it('splits at the last @ (a quoted local part may hold one)', () => {
    expect(maskEmail('"a@b"@example.com')).toBe('"***@example.com');
  });

  it('shows nothing of something that is not an address', () => {
    expect(maskEmail('')).toBe('***');
    expect(maskEmail('no-at-sign')).toBe('***');
    expect(maskEmail('@example.com')).toBe('***');
    expect(maskEmail('alice@')).toBe('***');
  });
});
