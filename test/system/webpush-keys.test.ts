/** scripts/boot/webpush.mjs: the VAPID key a local system signs its pushes with. */
import { createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newVapidPrivateKey, pushVars, vapidPublicKey } from '../../scripts/boot/webpush.mjs';

const bytes = (base64url: string) => Buffer.from(base64url, 'base64url');

/** A key as Node's ECDH writes it when the scalar starts with a zero byte (one key in 256): 31 bytes. */
function shortKey(): { short: string; point: string } {
  for (;;) {
    const ecdh = createECDH('prime256v1');
    const point = ecdh.generateKeys('base64url', 'uncompressed');
    const scalar = ecdh.getPrivateKey();
    if (scalar.length < 32) return { short: scalar.toString('base64url'), point };
  }
}

describe('VAPID keys for a local system', () => {
  it('writes every new private key as its full 32 bytes, whose public half is a 65-byte point', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const key = newVapidPrivateKey();
      expect(bytes(key)).toHaveLength(32);
      expect(bytes(vapidPublicKey(key))).toHaveLength(65);
    }
  });

  it('pads a key that lost its leading zero (as an older .dev.vars may hold) back to 32 bytes of the same key', () => {
    const { short, point } = shortKey();
    const vars = pushVars({ serviceUrl: 'http://127.0.0.1:9', privateKey: short });
    expect(bytes(vars.VAPID_PRIVATE_KEY ?? '')).toEqual(
      Buffer.concat([Buffer.alloc(32 - bytes(short).length), bytes(short)]),
    );
    expect(vars.VAPID_PUBLIC_KEY).toBe(point);
  });
});
