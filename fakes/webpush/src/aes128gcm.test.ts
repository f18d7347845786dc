import { createCipheriv, createPrivateKey, diffieHellman, generateKeyPairSync, hkdfSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptAes128gcm, type ReceiverKeys } from './aes128gcm.ts';
import { PushError } from './errors.ts';

// RFC 8291 Appendix A: the user agent's keys and the message an application server sent them.
const RFC = {
  plaintext: 'When I grow up, I want to be a watermelon',
  uaPrivate: 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94',
  uaPublic: 'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4',
  auth: 'BTBZMqHH6r4Tts7J_aSIgg',
  body:
    'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_' +
    'yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
};

const b64 = (text: string) => Buffer.from(text, 'base64url');

function rfcReceiver(): ReceiverKeys {
  const pub = b64(RFC.uaPublic);
  const privateKey = createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: RFC.uaPrivate,
      x: pub.subarray(1, 33).toString('base64url'),
      y: pub.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  return { privateKey, publicKey: pub, auth: b64(RFC.auth) };
}

function reasonOf(act: () => unknown): string {
  try {
    act();
  } catch (err) {
    if (err instanceof PushError && err.status === 400) return err.reason;
    throw err;
  }
  throw new Error('expected a 400');
}

/** A one-record aes128gcm body to the RFC's receiver with a chosen plaintext tail (delimiter and padding included). */
function seal(padded: Buffer, rs = 4096): Buffer {
  const receiver = rfcReceiver();
  const sender = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = sender.publicKey.export({ format: 'jwk' });
  const senderRaw = Buffer.concat([Buffer.of(4), b64(jwk.x as string), b64(jwk.y as string)]);
  const secret = diffieHellman({ privateKey: sender.privateKey, publicKey: receiver.privateKey });
  const info = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.publicKey, senderRaw]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, receiver.auth, info, 32));
  const salt = Buffer.alloc(16, 7);
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  const ciphertext = Buffer.concat([cipher.update(padded), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(rs, 16);
  header[20] = 65;
  return Buffer.concat([header, senderRaw, ciphertext]);
}

describe('decryptAes128gcm', () => {
  it('decrypts the RFC 8291 Appendix A message', () => {
    expect(decryptAes128gcm(b64(RFC.body), rfcReceiver()).toString('utf8')).toBe(RFC.plaintext);
  });

  it('strips the 0x02 delimiter and any zero padding', () => {
    const padded = Buffer.concat([Buffer.from('hi\0there'), Buffer.of(2), Buffer.alloc(40)]);
    expect(decryptAes128gcm(seal(padded), rfcReceiver()).toString('utf8')).toBe('hi\0there');
  });

  it('refuses a record without the last-record delimiter, or with none at all', () => {
    const receiver = rfcReceiver();
    expect(reasonOf(() => decryptAes128gcm(seal(Buffer.from('x\x01')), receiver))).toMatch(/delimiter/);
    expect(reasonOf(() => decryptAes128gcm(seal(Buffer.alloc(8)), receiver))).toMatch(/delimiter/);
  });

  it('refuses a body that was tampered with, or meant for another receiver', () => {
    const body = b64(RFC.body);
    body[body.length - 1] = (body[body.length - 1] as number) ^ 1;
    expect(reasonOf(() => decryptAes128gcm(body, rfcReceiver()))).toBe('payload does not decrypt');
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = { ...rfcReceiver(), privateKey: other.privateKey };
    expect(reasonOf(() => decryptAes128gcm(b64(RFC.body), stranger))).toBe('payload does not decrypt');
  });

  it('refuses malformed headers: truncated, wrong keyid, small rs, more than one record', () => {
    const receiver = rfcReceiver();
    const body = b64(RFC.body);
    expect(reasonOf(() => decryptAes128gcm(body.subarray(0, 20), receiver))).toMatch(/truncated/);
    const shortId = Buffer.from(body);
    shortId[20] = 64;
    expect(reasonOf(() => decryptAes128gcm(shortId, receiver))).toMatch(/keyid/);
    const offCurve = Buffer.from(body);
    offCurve[30] = (offCurve[30] as number) ^ 0xff;
    expect(reasonOf(() => decryptAes128gcm(offCurve, receiver))).toMatch(/not a P-256 public key/);
    const tinyRs = Buffer.from(body);
    tinyRs.writeUInt32BE(17, 16);
    expect(reasonOf(() => decryptAes128gcm(tinyRs, receiver))).toMatch(/below 18/);
    const split = Buffer.from(body);
    split.writeUInt32BE(40, 16);
    expect(reasonOf(() => decryptAes128gcm(split, receiver))).toMatch(/single record/);
  });
});
