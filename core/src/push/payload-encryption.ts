/**
 * Message encryption for Web Push (RFC 8291) in the aes128gcm content coding (RFC 8188), with Web Crypto only: the
 * payload is readable by the one browser whose subscription keys it was encrypted for, never by the push service in
 * between. One record: a push is at most 4096 bytes, and what we send is far less.
 *
 * Written here rather than taken from npm: the Workers-ready libraries refuse any endpoint that is not https (the
 * push-service stand-in, fakes/webpush, that tests and `npm start` send to is plain http on loopback), and
 * @pushforge/builder 2.0.5 encrypts in the older `aesgcm` coding, which Apple's and Microsoft's services refuse. RFC
 * 8291's own example (Appendix A) pins this implementation byte for byte (`payload-encryption.test.ts`).
 */

/** The browser's side of a subscription: its P-256 public key (65 bytes, uncompressed) and its 16-byte auth secret. */
export interface ReceiverKeys {
  p256dh: Uint8Array;
  auth: Uint8Array;
}

type Key = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export interface KeyPair {
  privateKey: Key;
  publicKey: Key;
}

/** What one encryption may fix instead of drawing at random: RFC 8291's example does, to be checked against. */
export interface EncryptionInputs {
  salt?: Uint8Array;
  /** The sender's one-off ECDH key pair; its public half goes in the header for the browser to derive the same key. */
  ephemeral?: KeyPair;
}

/** RFC 8188's record size field: any value ≥ the one record; 4096 is what browsers and RFC 8291's example use. */
const RECORD_SIZE = 4096;
/** The padding delimiter of the last (only) record (RFC 8188 §2). */
const LAST_RECORD = 2;
/** salt (16) ‖ rs (4) ‖ idlen (1) ‖ the sender's public key (65). */
const HEADER_BYTES = 86;
const TAG_BYTES = 16;
/** RFC 8291 §4: a push service must take 4096 bytes of message and need take no more. */
const MAX_MESSAGE_BYTES = 4096;
/** The most a push can carry: 3993 bytes. */
export const MAX_PLAINTEXT_BYTES = MAX_MESSAGE_BYTES - HEADER_BYTES - 1 - TAG_BYTES;

const text = new TextEncoder();

export async function encryptPayload(
  plaintext: Uint8Array,
  receiver: ReceiverKeys,
  inputs: EncryptionInputs = {},
): Promise<Uint8Array> {
  if (plaintext.length > MAX_PLAINTEXT_BYTES)
    throw new RangeError(`a push carries ${MAX_PLAINTEXT_BYTES} bytes at most`);
  const salt = inputs.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const ephemeral = inputs.ephemeral ?? (await newEphemeralKeyPair());
  const senderPublic = new Uint8Array((await crypto.subtle.exportKey('raw', ephemeral.publicKey)) as ArrayBuffer);
  const receiverPublic = await crypto.subtle.importKey(
    'raw',
    receiver.p256dh,
    { name: 'ECDH', namedCurve: 'P-256' },
    false,
    [],
  );
  // Web Crypto names the peer key `public`; workers-types spells it `$public` (a reserved word to its generator).
  const ecdh = { name: 'ECDH', public: receiverPublic } as unknown as Parameters<typeof crypto.subtle.deriveBits>[0];
  const shared = await crypto.subtle.deriveBits(ecdh, ephemeral.privateKey, 256);
  // RFC 8291 §3.4: the auth secret and both public keys bind the key to this subscription and this message.
  const keyInfo = concat(text.encode('WebPush: info\0'), receiver.p256dh, senderPublic);
  const ikm = await hkdf(receiver.auth, new Uint8Array(shared), keyInfo, 32);
  const cek = await hkdf(salt, ikm, text.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, text.encode('Content-Encoding: nonce\0'), 12);
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  const record = concat(plaintext, new Uint8Array([LAST_RECORD]));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, record));
  return concat(salt, uint32(RECORD_SIZE), new Uint8Array([senderPublic.length]), senderPublic, sealed);
}

function newEphemeralKeyPair(): Promise<KeyPair> {
  return crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']) as Promise<KeyPair>;
}

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8));
}

function uint32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
