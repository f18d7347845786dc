/**
 * Decrypting a push message as the browser does: RFC 8291 §3.4 key derivation over the RFC 8188 `aes128gcm`
 * content coding. Everything that goes wrong is a 400 with a reason that says which step failed.
 */
import { createDecipheriv, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';
import { badRequest } from './errors.ts';
import { publicKeyFromRaw } from './keys.ts';

/** What the user agent keeps for its subscription (RFC 8291 §2). */
export interface ReceiverKeys {
  privateKey: KeyObject;
  /** ua_public, 65 raw bytes. */
  publicKey: Buffer;
  /** The 16-byte auth secret. */
  auth: Buffer;
}

const TAG_BYTES = 16;
const HEADER_BYTES = 16 + 4 + 1;
const KEY_BYTES = 65;

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer | string, length: number): Buffer =>
  Buffer.from(hkdfSync('sha256', ikm, salt, typeof info === 'string' ? Buffer.from(info, 'latin1') : info, length));

export function decryptAes128gcm(body: Buffer, receiver: ReceiverKeys): Buffer {
  if (body.length < HEADER_BYTES) throw badRequest('aes128gcm header is truncated');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] as number;
  // RFC 8291 §4: the keyid is the application server's ephemeral key, exactly one uncompressed point.
  if (idlen !== KEY_BYTES || body.length < HEADER_BYTES + idlen) {
    throw badRequest('aes128gcm keyid must be the 65-byte sender public key');
  }
  const senderRaw = body.subarray(HEADER_BYTES, HEADER_BYTES + idlen);
  const sender = publicKeyFromRaw(senderRaw);
  if (!sender) throw badRequest('aes128gcm keyid is not a P-256 public key');
  const record = body.subarray(HEADER_BYTES + idlen);
  // rs counts the tag and at least one delimiter octet (RFC 8188 §2); a push message is one record (RFC 8291 §4).
  if (rs < TAG_BYTES + 2) throw badRequest('aes128gcm record size is below 18');
  if (record.length > rs) throw badRequest('aes128gcm payload must be a single record');
  if (record.length < TAG_BYTES + 1) throw badRequest('aes128gcm record is truncated');

  const secret = diffieHellman({ privateKey: receiver.privateKey, publicKey: sender });
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'latin1'), receiver.publicKey, senderRaw]);
  const ikm = hkdf(receiver.auth, secret, keyInfo, 32);
  const cek = hkdf(salt, ikm, 'Content-Encoding: aes128gcm\0', 16);
  const nonce = hkdf(salt, ikm, 'Content-Encoding: nonce\0', 12);

  let padded: Buffer;
  try {
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    padded = Buffer.concat([decipher.update(record.subarray(0, record.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw badRequest('payload does not decrypt');
  }
  // The plaintext ends with the delimiter (0x02: last record) and any number of zero octets of padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x02) throw badRequest('aes128gcm padding delimiter must be 0x02 (last record)');
  return padded.subarray(0, end);
}
