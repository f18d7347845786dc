/**
 * An application server written for the tests from node:crypto alone — none of the stand-in's code — so that what
 * the stand-in accepts is checked against a second, independent reading of RFC 8291 / RFC 8188 / RFC 8292.
 * Every part can be bent to build the bad requests the refusal tests need.
 */
import {
  createCipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';

export interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface VapidKeys {
  /** base64url of the 65-byte uncompressed point: the applicationServerKey and VAPID's `k`. */
  publicKey: string;
  privateKey: KeyObject;
}

const b64 = (text: string) => Buffer.from(text, 'base64url');

function rawPoint(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.concat([Buffer.of(4), b64(jwk.x as string), b64(jwk.y as string)]);
}

export function vapidKeys(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { publicKey: rawPoint(publicKey).toString('base64url'), privateKey };
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An ES256 JWT as RFC 7515 writes it: base64url JSON header and claims, raw r ‖ s signature. */
export function vapidToken(keys: VapidKeys, claims: object, header: object = { typ: 'JWT', alg: 'ES256' }): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(header)}.${part(claims)}`;
  const signature = sign('sha256', Buffer.from(unsigned), { key: keys.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${unsigned}.${signature.toString('base64url')}`;
}

export interface EncryptOptions {
  /** Zero octets after the delimiter (RFC 8188 padding). */
  padding?: number;
  rs?: number;
  /** The delimiter octet; 2 marks the last (here: only) record. */
  delimiter?: number;
}

/** RFC 8291 §3.4: one aes128gcm record from a fresh ephemeral key to the subscription's p256dh and auth. */
export function encrypt(subscription: Subscription, payload: string | Buffer, options: EncryptOptions = {}): Buffer {
  const uaPublic = b64(subscription.keys.p256dh);
  const auth = b64(subscription.keys.auth);
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const asPublic = rawPoint(ephemeral.publicKey);
  const uaKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: uaPublic.subarray(1, 33).toString('base64url'),
      y: uaPublic.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const secret = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: uaKey });
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', secret, auth, keyInfo, 32));
  const salt = randomBytes(16);
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: aes128gcm\0', 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, 'Content-Encoding: nonce\0', 12));
  const plaintext = Buffer.concat([
    Buffer.from(payload),
    Buffer.of(options.delimiter ?? 2),
    Buffer.alloc(options.padding ?? 0),
  ]);
  const cipher = createCipheriv('aes-128-gcm', cek, nonce);
  const record = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  salt.copy(header);
  header.writeUInt32BE(options.rs ?? 4096, 16);
  header[20] = asPublic.length;
  return Buffer.concat([header, asPublic, record]);
}

export interface PushOptions {
  payload?: string | Buffer;
  encrypt?: EncryptOptions;
  /** Encrypts to these keys instead of the subscription's (a body its receiver cannot decrypt). */
  encryptTo?: Subscription['keys'];
  /** Replaces the encrypted body altogether. */
  body?: Buffer;
  ttl?: string | null;
  urgency?: string;
  topic?: string;
  contentEncoding?: string | null;
  /** Claims merged over the good ones (`aud` = the endpoint's origin, `exp` = in 12 h, `sub` = mailto). */
  claims?: Record<string, unknown>;
  /** The key that signs; `k` still names `keys` unless `k` is given. */
  signWith?: VapidKeys;
  k?: string;
  /** Replaces the Authorization header; null sends none. */
  authorization?: string | null;
}

/** The push request a real application server would make, with whatever bends the options ask for. */
export function pushRequest(subscription: Subscription, keys: VapidKeys, options: PushOptions = {}): RequestInit {
  const claims = {
    aud: new URL(subscription.endpoint).origin,
    exp: nowSeconds() + 12 * 3600,
    sub: 'mailto:ops@vibecode.example',
    ...options.claims,
  };
  const headers: Record<string, string> = {};
  const authorization =
    options.authorization !== undefined
      ? options.authorization
      : `vapid t=${vapidToken(options.signWith ?? keys, claims)}, k=${options.k ?? keys.publicKey}`;
  if (authorization !== null) headers.authorization = authorization;
  const ttl = options.ttl === undefined ? '60' : options.ttl;
  if (ttl !== null) headers.ttl = ttl;
  if (options.urgency !== undefined) headers.urgency = options.urgency;
  if (options.topic !== undefined) headers.topic = options.topic;
  let body: Buffer | undefined = options.body;
  if (body === undefined && options.payload !== undefined) {
    const target = options.encryptTo ? { ...subscription, keys: options.encryptTo } : subscription;
    body = encrypt(target, options.payload, options.encrypt);
  }
  if (body !== undefined && body.length > 0) {
    headers['content-type'] = 'application/octet-stream';
    const encoding = options.contentEncoding === undefined ? 'aes128gcm' : options.contentEncoding;
    if (encoding !== null) headers['content-encoding'] = encoding;
  }
  return { method: 'POST', headers, body };
}

export async function send(
  subscription: Subscription,
  keys: VapidKeys,
  options: PushOptions = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(subscription.endpoint, pushRequest(subscription, keys, options));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}
