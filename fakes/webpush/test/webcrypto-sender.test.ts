/**
 * A second independent sender, written with Web Crypto only (`crypto.subtle`: what a Cloudflare Worker has), so the
 * stand-in is known to accept what a Worker-side sender produces — ECDSA's raw r ‖ s signature, ECDH deriveBits,
 * HKDF and AES-GCM exactly as Web Crypto does them.
 */
import { webcrypto } from 'node:crypto';
import { expect, it } from 'vitest';
import { pushService } from './helpers.ts';

// node:crypto's webcrypto is globalThis.crypto; imported for its types (this package compiles without the DOM lib).
const { subtle } = webcrypto;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
const enc = new TextEncoder();
const b64url = (bytes: ArrayBuffer | Uint8Array) => Buffer.from(bytes as Uint8Array).toString('base64url');
const unb64url = (text: string) => new Uint8Array(Buffer.from(text, 'base64url'));
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

async function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, bytes: number): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8));
}

async function encrypt(p256dh: string, auth: string, payload: string): Promise<Uint8Array> {
  const uaPublic = unb64url(p256dh);
  const ua = await subtle.importKey('raw', uaPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const local = (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, [
    'deriveBits',
  ])) as CryptoKeyPair;
  const asPublic = new Uint8Array(await subtle.exportKey('raw', local.publicKey));
  const secret = new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: ua }, local.privateKey, 256));
  const ikm = await hkdf(unb64url(auth), secret, concat(enc.encode('WebPush: info\0'), uaPublic, asPublic), 32);
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const cek = await hkdf(salt, ikm, enc.encode('Content-Encoding: aes128gcm\0'), 16);
  const nonce = await hkdf(salt, ikm, enc.encode('Content-Encoding: nonce\0'), 12);
  const key = await subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt']);
  const plaintext = concat(enc.encode(payload), Uint8Array.of(2));
  const record = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, plaintext));
  const header = new Uint8Array(21);
  header.set(salt);
  new DataView(header.buffer).setUint32(16, 4096);
  header[20] = asPublic.length;
  return concat(header, asPublic, record);
}

async function vapid(keys: CryptoKeyPair, aud: string): Promise<string> {
  const part = (value: object) => b64url(enc.encode(JSON.stringify(value)));
  const claims = { aud, exp: Math.floor(Date.now() / 1000) + 12 * 3600, sub: 'mailto:ops@vibecode.example' };
  const unsigned = `${part({ typ: 'JWT', alg: 'ES256' })}.${part(claims)}`;
  const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keys.privateKey, enc.encode(unsigned));
  const k = b64url(await subtle.exportKey('raw', keys.publicKey));
  return `vapid t=${unsigned}.${b64url(signature)}, k=${k}`;
}

it('accepts and decrypts a push built with Web Crypto alone', async () => {
  const push = await pushService();
  const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair;
  const sub = await push.subscribe(b64url(await subtle.exportKey('raw', keys.publicKey)));
  const payload = JSON.stringify({ title: 'Session needs you', tag: 'sess-42' });
  const res = await fetch(sub.endpoint, {
    method: 'POST',
    headers: {
      authorization: await vapid(keys, new URL(sub.endpoint).origin),
      ttl: '120',
      urgency: 'high',
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
    },
    body: await encrypt(sub.keys.p256dh, sub.keys.auth, payload),
  });
  expect(res.status).toBe(201);
  expect(push.messages()).toMatchObject([{ endpoint: sub.endpoint, ttl: 120, urgency: 'high', payload }]);
});
