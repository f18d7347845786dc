/**
 * Web Push for a local system: the push-service stand-in (fakes/webpush) as a process, a VAPID key pair in the form
 * `web-push generate-vapid-keys` prints, and the Worker settings that make it send. The Worker sends only to the
 * push services PUSH_SERVICE_ORIGINS lists: the browsers' own (a developer's Chrome subscribes at FCM) and, locally,
 * the stand-in, where tests subscribe through its control path and read what it decrypted.
 */
import { createECDH } from 'node:crypto';
import { join } from 'node:path';
// The Worker's default PUSH_SERVICE_ORIGINS (the browsers' own), which a local system extends with the stand-in.
import BROWSER_PUSH_SERVICES from '@vibecode/core/browser-push-services.json' with { type: 'json' };
import { startChild } from './child.mjs';
import { root } from './root.mjs';

/**
 * The stand-in's own process (fakes/bin); it prints its base URL once it listens.
 * @param {{ port: number, onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void }} options
 */
export function startWebPushStandIn({ port, onOutput }) {
  return startChild(process.execPath, [join(root, 'fakes', 'bin', 'fake-webpush.js')], {
    env: { VIBE_WEBPUSH_PORT: String(port) },
    onOutput,
  });
}

/**
 * A VAPID private key's 32-byte P-256 scalar, as Web Push writes it. Node's ECDH drops the scalar's leading zero
 * bytes (one key in 256 has one), and the Worker rightly refuses a 31-byte key, which left a local system without
 * push now and then: the bytes are padded back, also for a key an older `.dev.vars` holds.
 * @param {string} privateKey base64url of the scalar, 32 bytes or fewer
 */
function vapidScalar(privateKey) {
  const raw = Buffer.from(privateKey, 'base64url');
  return Buffer.concat([Buffer.alloc(Math.max(0, 32 - raw.length)), raw]);
}

/**
 * The public half of a VAPID private key (base64url), base64url of its uncompressed point.
 * @param {string} privateKey
 */
export function vapidPublicKey(privateKey) {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(vapidScalar(privateKey));
  return ecdh.getPublicKey('base64url', 'uncompressed');
}

/** A new VAPID private key, base64url of its 32 bytes. */
export function newVapidPrivateKey() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return vapidScalar(ecdh.getPrivateKey('base64url')).toString('base64url');
}

/**
 * The Worker's Web Push settings for a local system sending to the stand-in at `serviceUrl` and to browsers' own
 * push services. The private key goes as a var: wrangler reads from .dev.vars only the secrets wrangler.toml requires.
 * @param {{ serviceUrl: string, privateKey: string }} options
 * @returns {Record<string, string>}
 */
export function pushVars({ serviceUrl, privateKey }) {
  return {
    VAPID_PUBLIC_KEY: vapidPublicKey(privateKey),
    VAPID_PRIVATE_KEY: vapidScalar(privateKey).toString('base64url'),
    VAPID_SUBJECT: 'mailto:push@vibecode.localhost',
    PUSH_SERVICE_ORIGINS: [...BROWSER_PUSH_SERVICES, new URL(serviceUrl).origin].join(' '),
  };
}
