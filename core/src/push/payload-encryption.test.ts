import { base64ToBytes, bytesToBase64Url } from '@vibecode/schemas/encoding';
import { describe, expect, it } from 'vitest';
import { encryptPayload, type KeyPair, MAX_PLAINTEXT_BYTES } from './payload-encryption.ts';

/** RFC 8291 Appendix A: every input fixed, and the exact message a conforming sender produces from them. */
const RFC_8291 = {
  plaintext: 'When I grow up, I want to be a watermelon',
  asPublic: 'BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8',
  asPrivate: 'yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  salt: 'DGv6ra1nlYgDCS1FRnbzlw',
  body:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQ' +
    'pu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

const bytes = (text: string): Uint8Array => {
  const decoded = base64ToBytes(text);
  if (decoded === null) throw new Error(`not base64url: ${text}`);
  return decoded;
};

/** The sender's key pair of the example, as Web Crypto keys (JWK wants the point's coordinates apart). */
async function exampleKeyPair(): Promise<KeyPair> {
  const point = bytes(RFC_8291.asPublic);
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: bytesToBase64Url(point.slice(1, 33)),
    y: bytesToBase64Url(point.slice(33)),
  };
  const algorithm = { name: 'ECDH', namedCurve: 'P-256' };
  return {
    privateKey: await crypto.subtle.importKey('jwk', { ...jwk, d: RFC_8291.asPrivate }, algorithm, true, [
      'deriveBits',
    ]),
    publicKey: await crypto.subtle.importKey('jwk', jwk, algorithm, true, []),
  };
}

describe('encryptPayload', () => {
  it("reproduces RFC 8291's example message byte for byte", async () => {
    const body = await encryptPayload(
      new TextEncoder().encode(RFC_8291.plaintext),
      { p256dh: bytes(RFC_8291.uaPublic), auth: bytes(RFC_8291.auth) },
      { salt: bytes(RFC_8291.salt), ephemeral: await exampleKeyPair() },
    );
    expect(bytesToBase64Url(body)).toBe(RFC_8291.body);
  });

  it('draws a new salt and sender key for every message', async () => {
    const receiver = { p256dh: bytes(RFC_8291.uaPublic), auth: bytes(RFC_8291.auth) };
    const plaintext = new TextEncoder().encode('same words');
    const [one, two] = await Promise.all([encryptPayload(plaintext, receiver), encryptPayload(plaintext, receiver)]);
    expect(one.slice(0, 16)).not.toEqual(two.slice(0, 16));
    expect(one.slice(21, 86)).not.toEqual(two.slice(21, 86));
    expect(one.length).toBe(86 + plaintext.length + 1 + 16);
  });

  it('fills a 4096-byte push at most', async () => {
    const receiver = { p256dh: bytes(RFC_8291.uaPublic), auth: bytes(RFC_8291.auth) };
    expect((await encryptPayload(new Uint8Array(MAX_PLAINTEXT_BYTES), receiver)).length).toBe(4096);
    await expect(encryptPayload(new Uint8Array(MAX_PLAINTEXT_BYTES + 1), receiver)).rejects.toThrow(RangeError);
  });
});
