import { describe, expect, it } from 'vitest';
import { cloudReturnText } from './cloud-return.ts';

describe('cloudReturnText', () => {
  it('says in words that access was not granted, or that the connection failed', () => {
    expect(cloudReturnText(new URLSearchParams('cloud=denied'))).toBe(
      'DigitalOcean was not connected: access was not granted. Connect again whenever you are ready.',
    );
    expect(cloudReturnText(new URLSearchParams('cloud=failed'))).toBe(
      'DigitalOcean could not complete the connection. Please try connecting again.',
    );
  });

  it('says nothing otherwise', () => {
    expect(cloudReturnText(new URLSearchParams(''))).toBeNull();
    expect(cloudReturnText(new URLSearchParams('cloud=<b>x</b>'))).toBeNull();
  });
});
