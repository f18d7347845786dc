import { describe, expect, it } from 'vitest';
import {
  isWellFormedLinkCode,
  LINK_CODE_TTL_MS,
  linkCodeExpiry,
  linkCodeHash,
  newLinkCode,
  startUrl,
} from './link-codes.ts';

describe('link codes', () => {
  it('are 128 random bits as 22 base64url characters, fit for a deep link', () => {
    const code = newLinkCode();
    expect(code).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(isWellFormedLinkCode(code)).toBe(true);
    expect(newLinkCode()).not.toBe(code);
    expect(newLinkCode((bytes) => bytes.fill(0xff))).toBe('_____________________w');
  });

  it('refuse anything else before a lookup', () => {
    for (const typed of [
      '',
      'abc',
      `${newLinkCode()}x`,
      'AAAAAAAAAAAAAAAAAAAAA=',
      'AAAAAAAAAAAAAAAAAAAA a',
      'ÀAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(isWellFormedLinkCode(typed)).toBe(false);
    }
  });

  it('are stored as their SHA-256, never as themselves', async () => {
    const hash = await linkCodeHash('AAAAAAAAAAAAAAAAAAAAAA');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await linkCodeHash('AAAAAAAAAAAAAAAAAAAAAA'));
    expect(hash).not.toBe(await linkCodeHash('AAAAAAAAAAAAAAAAAAAAAB'));
    // SHA-256("abc"), the standard test vector.
    expect(await linkCodeHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('live ten minutes', () => {
    expect(LINK_CODE_TTL_MS).toBe(600_000);
    expect(linkCodeExpiry(1_000)).toBe(601_000);
  });

  it('open the bot with /start <code>', () => {
    expect(startUrl('vibecode_bot', 'AbCdEfGhIjKlMnOpQrSt_-')).toBe(
      'https://t.me/vibecode_bot?start=AbCdEfGhIjKlMnOpQrSt_-',
    );
  });
});
